"""Damaged copies of a djdesk database: structural edits a restore must refuse, and seeded
page-level damage (flipped bytes, zeroed or garbage pages, swapped pages, truncation, header
fields) as a failing disk or a careless copy leaves it."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

Edit = Callable[[sqlite3.Connection], None]


def _sql(*statements: str) -> Edit:
    def edit(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return edit


#: (name, edit) of files that are valid SQLite but not a database this program may install.
STRUCTURAL: list[tuple[str, Edit]] = [
    ("no-revision-row", _sql("DELETE FROM alembic_version")),
    ("two-revision-rows", _sql("INSERT INTO alembic_version VALUES ('0001')")),
    ("newer-revision", _sql("UPDATE alembic_version SET version_num = '9999_future'")),
    ("unknown-revision", _sql("UPDATE alembic_version SET version_num = 'abc'")),
    ("no-revision-table", _sql("DROP TABLE alembic_version")),
    ("dropped-member", _sql("DROP TABLE checkin", "DROP TABLE member")),
    ("dropped-unit", _sql("UPDATE member SET unit_id = NULL", "DROP TABLE unit")),
    ("dropped-audit-log", _sql("DROP TABLE audit_log")),
    ("dropped-index", _sql("DROP INDEX ix_member_name")),
    ("extra-index", _sql("CREATE INDEX ix_extra ON member (remarks)")),
    ("extra-table", _sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")),
    ("extra-column", _sql("ALTER TABLE member ADD COLUMN secret TEXT")),
    ("dropped-column", _sql("ALTER TABLE member DROP COLUMN remarks")),
    ("renamed-table", _sql("ALTER TABLE grid RENAME TO grids")),
    (
        "trigger",
        _sql("CREATE TRIGGER t AFTER INSERT ON member BEGIN DELETE FROM audit_log; END"),
    ),
    ("view", _sql("CREATE VIEW v AS SELECT * FROM member")),
    ("checkin-without-member", _sql("UPDATE checkin SET member_id = 999999 WHERE id = 1")),
    ("member-without-unit", _sql("UPDATE member SET unit_id = 888888 WHERE id = 1")),
    ("site-level", _sql("UPDATE site SET level = 'xxx'")),
    ("site-second-row-check", _sql("UPDATE site SET id = 2")),
    ("no-site", _sql("DELETE FROM site")),
    ("site-code", _sql("UPDATE site SET code = '123', origin = '123'")),
    ("site-name-control", _sql("UPDATE site SET name = 'a' || char(7) || '社区名'")),
    ("site-blank-name", _sql("UPDATE site SET name = ''")),
    ("text-in-integer", _sql("UPDATE unit SET category = 'abc' WHERE id = 1")),
    ("blob-in-text", _sql("UPDATE member SET name = x'ffff00' WHERE id = 1")),
    ("garbage-date", _sql("UPDATE member SET birth_date = '19xx-01-01' WHERE id = 1")),
    ("garbage-datetime", _sql("UPDATE checkin SET updated_at = 'yesterday' WHERE id = 1")),
    ("bad-boolean", _sql("UPDATE grid SET active = 'maybe'")),
    ("float-in-integer", _sql("UPDATE unit SET declared_members = 1.5 WHERE id = 1")),
    ("invalid-utf8", _sql("UPDATE member SET name = CAST(x'e4b8' AS TEXT) WHERE id = 1")),
]


def structural_copy(good: Path, target: Path, edit: Edit) -> Path:
    """``good`` with ``edit`` applied, checks and foreign keys off (as a hand edit would)."""
    shutil.copyfile(good, target)
    conn = sqlite3.connect(target)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("PRAGMA journal_mode = DELETE")
        edit(conn)
        conn.commit()
    finally:
        conn.close()
    return target


#: Offsets of the 100-byte SQLite header a damaged copy may carry wrong.
HEADER_FIELDS = (0, 16, 18, 19, 20, 21, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64, 68, 92, 96)


def header_damage(good: Path, target: Path, rng: random.Random) -> Path:
    data = bytearray(good.read_bytes())
    offset = rng.choice(HEADER_FIELDS)
    for i in range(rng.choice([1, 2, 4])):
        data[offset + i] ^= rng.randrange(1, 256)
    target.write_bytes(bytes(data))
    return target


PAGE_KINDS = ("flip", "zero", "garbage", "swap", "truncate", "append", "flip-many")


def page_damage(good: Path, target: Path, rng: random.Random, kind: str) -> Path:
    """Seeded damage to one or more pages (never page 1's header: see :func:`header_damage`)."""
    data = bytearray(good.read_bytes())
    size = int.from_bytes(data[16:18], "big") or 65536
    pages = len(data) // size
    page = rng.randrange(1, pages) if pages > 1 else 0
    start = page * size
    if kind == "flip":
        for _ in range(rng.randint(1, 16)):
            data[start + rng.randrange(size)] ^= rng.randrange(1, 256)
    elif kind == "flip-many":
        for _ in range(rng.randint(20, 200)):
            data[rng.randrange(100, len(data))] ^= rng.randrange(1, 256)
    elif kind == "zero":
        data[start : start + size] = bytes(size)
    elif kind == "garbage":
        data[start : start + size] = bytes(rng.randrange(256) for _ in range(size))
    elif kind == "swap" and pages > 2:
        other = rng.randrange(1, pages)
        a, b = bytes(data[start : start + size]), bytes(data[other * size : (other + 1) * size])
        data[start : start + size], data[other * size : (other + 1) * size] = b, a
    elif kind == "truncate":
        data = data[: rng.randrange(100, len(data))]
    elif kind == "append":
        data += bytes(rng.randrange(256) for _ in range(rng.randint(1, 3 * size)))
    target.write_bytes(bytes(data))
    return target
