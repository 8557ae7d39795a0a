"""Benchmark: upward sync of a large community — export, import, re-import.

Budget (upward sync issue): with 100,000 members, 500,000 cases and 200,000 bookings (the demo
fillers, about 1.26 million travelling records with check-ins, certificates, booking history …),
export ≤ 20 s, import ≤ 30 s and re-import of the same package ≤ 5 s. Each figure is reported
next to a baseline measured in the same run on the same rows with plain ``sqlite3``: a dump (every
travelling row selected and written as a JSON line to a file) and an insert (``executemany`` of
those rows into an empty copy of the tables), and as a ratio.

The community's database takes a while to fill, so it is kept under the temporary folder
between runs (``--cache DIR`` to choose; delete it to rebuild). Every run works on copies.

    python bench/bench_exchange.py [--members 100000 --cases 500000 --bookings 200000]

A third reference, the *writing floor*: the same rows written by plain ``sqlite3`` into an empty
copy of the street's own database (every index, the import's settings, one transaction) — the
SQLite work an import cannot avoid; ``import_over_floor_s`` is what reading, checking and
resolving the package adds.

Results are written to ``bench/results/exchange.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from djdesk import __version__
from djdesk.actor import Actor
from djdesk.paths import AppPaths
from djdesk.services.demo import DemoOptions, fill_demo
from djdesk.services.exchange.export import export_records
from djdesk.services.exchange.importing import import_package
from djdesk.services.exchange.keys import write_key_file
from djdesk.services.exchange.partners import register_from_key_file
from djdesk.services.exchange.tables import travelling_tables
from djdesk.services.exchange.transactions import BULK_RECORDS, LARGE_CACHE_KIB
from djdesk.services.site.demo_sites import DEMO_SITES, DEMO_STREET
from djdesk.services.site.identity import save_site
from djdesk.services.store import open_database

ACTOR = Actor.system()
COMMUNITY = DEMO_SITES[0]
STREET = DEMO_STREET


def _cached_community(cache: Path, counts: dict[str, int]) -> Path:
    """The community's data folder with the demo data (built once, then reused)."""
    tag = "-".join(f"{k}{v}" for k, v in sorted(counts.items()))
    folder = cache / f"community-{tag}"
    if (folder / "ready").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    paths = AppPaths.resolve(folder)
    db = open_database(paths)
    save_site(db, COMMUNITY, actor=ACTOR)
    start = time.perf_counter()
    fill_demo(db, DemoOptions(seed=11, counts=counts), actor=ACTOR)
    print(f"demo data filled in {time.perf_counter() - start:.0f} s (cached in {folder})")
    write_key_file(paths, db, folder / "community.key", actor=ACTOR)
    db.dispose()
    (folder / "ready").write_text("ok", encoding="utf-8")
    return folder


def _timed(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _baseline(db_file: Path, work: Path) -> tuple[float, float, int]:
    """Plain sqlite3: dump every travelling row as a JSON line, then insert them into an empty
    copy of the tables. Returns (dump seconds, insert seconds, rows)."""
    names = [t.name for t in travelling_tables()]
    source = sqlite3.connect(db_file)
    target_file = work / "baseline.sqlite3"
    target = sqlite3.connect(target_file)
    target.execute("PRAGMA journal_mode = WAL")
    target.execute("PRAGMA synchronous = FULL")
    wanted = ",".join("?" * len(names))
    for (sql,) in source.execute(
        f"SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN ({wanted})", names
    ):
        target.execute(sql)
    rows_total = 0
    start = time.perf_counter()
    with (work / "baseline.jsonl").open("w", encoding="utf-8") as out:
        for name in names:
            cursor = source.execute(f"SELECT * FROM {name}")
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                out.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False))
                out.write("\n")
                rows_total += 1
    dump = time.perf_counter() - start
    start = time.perf_counter()
    with target:
        for name in names:
            rows = source.execute(f"SELECT * FROM {name}").fetchall()
            if rows:
                marks = ",".join("?" * len(rows[0]))
                target.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
    insert = time.perf_counter() - start
    source.close()
    target.close()
    return dump, insert, rows_total


def _writing_floor(db_file: Path, empty: Path) -> tuple[float, float, float]:
    """Plain sqlite3 writing the same rows into an empty copy of djdesk's own schema with the
    import's settings (WAL, synchronous FULL, foreign keys, 256 MB cache, plain indexes set
    aside and rebuilt for bulk tables, one transaction): the SQLite work an import cannot
    avoid. Returns (insert, index rebuild, commit) seconds; reading the source is not timed."""
    names = [t.name for t in travelling_tables()]
    source = sqlite3.connect(db_file)
    target = sqlite3.connect(empty, isolation_level=None)
    for pragma in (
        "foreign_keys = ON",
        "journal_mode = WAL",
        "synchronous = FULL",
        f"cache_size = -{LARGE_CACHE_KIB}",
    ):
        target.execute(f"PRAGMA {pragma}")
    insert = rebuild = 0.0
    target.execute("BEGIN IMMEDIATE")
    for name in names:
        rows = source.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        plain = []
        if rows >= BULK_RECORDS:
            plain = [
                (index, sql)
                for index, sql in target.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                    "AND sql IS NOT NULL",
                    (name,),
                )
                if not sql.upper().startswith("CREATE UNIQUE")
            ]
            for index, _ in plain:
                target.execute(f'DROP INDEX "{index}"')
        cursor = source.execute(f'SELECT * FROM "{name}" ORDER BY id')
        marks = ",".join("?" * len(cursor.description))
        sql = f'INSERT INTO "{name}" VALUES ({marks})'
        while chunk := cursor.fetchmany(2000):
            start = time.perf_counter()
            target.executemany(sql, chunk)
            insert += time.perf_counter() - start
        start = time.perf_counter()
        for _, create in plain:
            target.execute(create)
        rebuild += time.perf_counter() - start
    start = time.perf_counter()
    target.execute("COMMIT")
    commit = time.perf_counter() - start
    source.close()
    target.close()
    return insert, rebuild, commit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=500_000)
    parser.add_argument("--bookings", type=int, default=200_000)
    parser.add_argument(
        "--cache", default=str(Path(tempfile.gettempdir()) / "djdesk-bench-exchange")
    )
    args = parser.parse_args()
    counts = {"members": args.members, "cases": args.cases, "bookings": args.bookings}
    source = _cached_community(Path(args.cache), counts)
    work = Path(tempfile.mkdtemp(prefix="djdesk-bench-exchange-"))
    try:
        community_dir = work / "community"
        shutil.copytree(source, community_dir)
        community = AppPaths.resolve(community_dir)
        cdb = open_database(community)
        street = AppPaths.resolve(work / "street")
        sdb = open_database(street)
        save_site(sdb, STREET, actor=ACTOR)
        register_from_key_file(sdb, community_dir / "community.key", actor=ACTOR)
        floor_db = work / "floor.sqlite3"
        with sqlite3.connect(street.database_file) as live, sqlite3.connect(floor_db) as copy:
            live.backup(copy)  # the street's empty, migrated database, for the floor below

        package = work / "community-1.zip"
        export_s, sent = _timed(lambda: export_records(community, cdb, package, actor=ACTOR))
        import_s, done = _timed(lambda: import_package(street, sdb, package, actor=ACTOR))
        assert not done.conflicts, done.conflicts[:3]
        again_s, again = _timed(lambda: import_package(street, sdb, package, actor=ACTOR))
        assert again.already_imported
        full = work / "community-2.zip"
        export_records(community, cdb, full, full=True, actor=ACTOR)
        full_again_s, full_again = _timed(lambda: import_package(street, sdb, full, actor=ACTOR))
        assert full_again.total("new") == full_again.total("updated") == 0
        cdb.dispose()
        sdb.dispose()
        dump_s, insert_s, rows = _baseline(community.database_file, work)
        floor = _writing_floor(community.database_file, floor_db)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    result = {
        "djdesk": __version__,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "demo_counts": counts,
        "records": sent.records,
        "package_bytes": sent.size,
        "export_s": round(export_s, 2),
        "import_s": round(import_s, 2),
        "reimport_same_s": round(again_s, 2),
        "reimport_full_all_unchanged_s": round(full_again_s, 2),
        "baseline_rows": rows,
        "baseline_dump_s": round(dump_s, 2),
        "baseline_insert_s": round(insert_s, 2),
        "floor_insert_s": round(floor[0], 2),
        "floor_index_rebuild_s": round(floor[1], 2),
        "floor_commit_s": round(floor[2], 2),
        "floor_total_s": round(sum(floor), 2),
        "export_ratio": round(export_s / dump_s, 2),
        "import_ratio": round(import_s / insert_s, 2),
        "import_over_floor_s": round(import_s - sum(floor), 2),
        "budgets_s": {"export": 20, "import": 30, "reimport_same": 5},
    }
    out = Path(__file__).parent / "results" / "exchange.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
