"""Restore fuzz: 230 damaged backups (structural edits, header fields, seeded page damage),
each restored over a fresh copy of a demo data folder in a worker process.

A refusal must leave the live database byte for byte as it was, the data folder usable and no
partial copy behind; an acceptance must leave a sound database with its site. Structural edits
and foreign files must be refused; older schema revisions must be accepted (and migrated).
Set ``DJDESK_FUZZ_REPORT=file`` to collect the figures.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic import command

from djdesk.actor import Actor
from djdesk.db import backup as files
from djdesk.db.migrate import alembic_config
from djdesk.db.session import Database
from djdesk.paths import AppPaths
from djdesk.services.areas import DemoOptions
from djdesk.services.demo import fill_demo
from djdesk.services.store import open_database
from tests.helpers.db_damage import (
    PAGE_KINDS,
    STRUCTURAL,
    header_damage,
    page_damage,
    structural_copy,
)
from tests.helpers.fuzz_harness import run_cases

SEED = 91
SITE_ROW = (
    "INSERT INTO site (id, level, code, name, short_name, street_code, street_name,"
    " district_code, district_name, address, phone, party_org, serial_prefix, uid,"
    " origin, version, updated_at) VALUES (1, '社区', '511502003012', '旧社区', '旧社区',"
    " '511502003', '东城街道', '511502', '翠屏区', '地址1号', '0831-8221234', '中共旧社区委员会',"
    " '旧社区', 'u-1', '511502003012', 1, '2026-01-01 00:00:00')"
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A demo data folder and a checked backup of it."""
    data = tmp_path_factory.mktemp("restore-template")
    paths = AppPaths.resolve(data)
    db = open_database(paths)
    fill_demo(db, DemoOptions(seed=5, counts={"members": 30}), actor=Actor.system())
    good = files.write_backup(paths.database_file, data / "sources", reason="manual").path
    db.dispose()
    return data, good


def _older(target: Path, revision: str) -> Path:
    """A database made by an older djdesk (schema at ``revision``) with its site."""
    db = Database(f"sqlite:///{target}")
    command.upgrade(alembic_config(db.engine), revision)
    with db.engine.begin() as conn:
        conn.exec_driver_sql(SITE_ROW)
    db.dispose()
    return target


def _cases(folder: Path, good: Path) -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    cases: list[dict[str, Any]] = []

    def case(family: str, path: Path, expect: str = "any") -> None:
        cases.append({"id": f"{family}-{len(cases)}", "path": str(path), "expect": expect})

    for name, edit in STRUCTURAL:
        case(name, structural_copy(good, folder / f"{name}.sqlite3", edit), "refuse")
    for revision in ("0001", "0002"):
        case(f"older-{revision}", _older(folder / f"older-{revision}.sqlite3", revision), "accept")
    case("good", good, "accept")
    tampered = folder / "djdesk-tampered.sqlite3"
    tampered.write_bytes(good.read_bytes())
    tampered.with_suffix(".json").write_text(
        good.with_suffix(".json")
        .read_text(encoding="utf-8")
        .replace('"sha256": "', '"sha256": "0'),
        encoding="utf-8",
    )
    case("sidecar-mismatch", tampered, "refuse")
    (text := folder / "text.sqlite3").write_text("这不是数据库", encoding="utf-8")
    case("text-file", text, "refuse")
    (empty := folder / "empty.sqlite3").write_bytes(b"")
    case("empty-file", empty, "refuse")
    foreign = folder / "foreign.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    case("foreign-sqlite", foreign, "refuse")
    for i in range(40):
        case("header", header_damage(good, folder / f"header{i}.sqlite3", rng))
    for i in range(150):
        kind = PAGE_KINDS[i % len(PAGE_KINDS)]
        case(f"page-{kind}", page_damage(good, folder / f"page{i}.sqlite3", rng, kind))
    return cases


def test_restore_fuzz(template: tuple[Path, Path], tmp_path: Path) -> None:
    data, good = template
    folder = tmp_path / "cases"
    folder.mkdir()
    cases = _cases(folder, good)
    assert len(cases) >= 200
    tally = run_cases("restore", data, cases, tmp_path, timeout=60.0, memory_mb=1536)
    figures = tally.figures()
    assert tally.problems == [], "\n".join(tally.problems[:20])
    assert figures["run"] == len(cases)
    assert figures["tracebacks"] == figures["hangs"] == figures["changed_on_refusal"] == 0
    assert figures["wrong_acceptance"] == 0
    assert figures["accepted"] >= 3  # the good file and both older revisions
