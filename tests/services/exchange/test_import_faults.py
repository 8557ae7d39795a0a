"""kill -9 during imports: the database holds the state before or after a package, never
anything between.

A worker process imports package after package (every record of a community's package, at a
higher version each time) and is killed at a random moment, 24 times; every other trial reads
the packages through a worker process, as large packages are read. After each kill the
database must be sound, and the community's records must be exactly those of the last package
in the received log (all at its version), or none before the first. Set DJDESK_FAULT_TRIALS for
a longer run.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.exchange import (
    ACTOR,
    COMMUNITY,
    STREET,
    canonical_dump,
    new_site,
    package_records,
    site_key,
)

TRIALS = int(os.environ.get("DJDESK_FAULT_TRIALS", "24"))
ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL")


def _prepare(tmp: Path) -> tuple[Path, Path, Path]:
    from djdesk.services.exchange.export import export_records
    from djdesk.services.exchange.keys import write_key_file
    from djdesk.services.exchange.partners import register_from_key_file

    community = new_site(tmp / "community", COMMUNITY, members=40, seed=7, bookings=60, cases=60)
    write_key_file(community.paths, community.db, tmp / "c.key", actor=ACTOR)
    base = tmp / "base.zip"
    export_records(community.paths, community.db, base, actor=ACTOR)
    key = tmp / "c.pem"
    key.write_bytes(site_key(community))
    community.close()
    street = new_site(tmp / "street", STREET)
    register_from_key_file(street.db, tmp / "c.key", actor=ACTOR)
    street.close()
    return tmp / "street", base, key


def _kill_at_random(args: list[str], rng: random.Random, cycle: list[float], least: int = 1) -> int:
    """Run the worker, let it commit ``least``–2 packages, kill it at a random moment of the
    next (the first trial may kill during the very first import: ``least`` 0).

    Waiting for commit lines (not a fixed sleep) keeps the kills spread over whole imports on
    a loaded machine too; ``cycle`` holds the last measured time of one import.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.exchange_fault_worker", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    ready = proc.stdout.readline().strip()
    assert ready == "ready", proc.stderr.read() if proc.stderr else ""
    committed = 0
    for _ in range(rng.randint(least, 2)):
        started = time.monotonic()
        line = proc.stdout.readline().strip()
        assert line.startswith("applied"), proc.stderr.read() if proc.stderr else line
        cycle[0] = time.monotonic() - started
        committed += 1
    time.sleep(rng.uniform(0.0, 1.2 * cycle[0]))
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=30)
    return committed + len(out.splitlines())


def _last_applied(db_file: Path) -> int:
    conn = sqlite3.connect(db_file)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(
            conn.execute("SELECT coalesce(max(sequence), 0) FROM exchange_import").fetchone()[0]
        )
    finally:
        conn.close()


def test_kill_during_import_leaves_before_or_after(tmp_path: Path) -> None:
    rng = random.Random(f"exchange-{os.getpid()}")
    street, base, key = _prepare(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    records = package_records(base)
    applied = 0
    seen: set[int] = set()
    cycle = [0.7]
    for trial in range(TRIALS):
        args = [str(street), str(base), str(key), str(work)]
        if trial % 2:
            args.append("reader-process")
        applied += _kill_at_random(args, rng, cycle, least=0 if trial == 0 else 1)
        last = _last_applied(street / "djdesk.sqlite3")
        seen.add(last)
        dump = canonical_dump(street / "djdesk.sqlite3", {COMMUNITY.code})
        if last == 0:
            assert not any(dump.values())
            continue
        expected = {
            table: {uid: {**record, "version": last} for uid, record in rows.items()}
            for table, rows in records.items()
        }
        assert {t: r for t, r in dump.items() if r or t in expected} == expected, (
            f"after package {last} the records are not exactly that package's"
        )
    assert applied > TRIALS  # imports really ran between the kills
    assert len(seen) > TRIALS // 3
    report = os.environ.get("DJDESK_FUZZ_REPORT")
    if report:
        with Path(report).open("a", encoding="utf-8") as fh:
            figures = {"suite": "exchange-kill", "trials": TRIALS, "imports": applied}
            fh.write(json.dumps(figures) + "\n")
