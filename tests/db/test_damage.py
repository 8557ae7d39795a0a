"""A damaged live database is named and never written: at opening, when a read finds it, and
when the daily backup's check fails on it. Full disks and decoding errors are told apart."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from djdesk.actor import Actor
from djdesk.db import backup as files
from djdesk.db.damage import damage_marker, error_kind, fast_check, marker_path
from djdesk.db.session import Database
from djdesk.db.startup import open_database as open_strict
from djdesk.errors import CorruptDatabaseError, DjdeskError
from djdesk.paths import AppPaths
from djdesk.services.accounts import backups
from djdesk.services.areas import DemoOptions
from djdesk.services.demo import fill_demo
from djdesk.services.site.identity import get_site, save_site
from djdesk.services.store import open_database
from tests.conftest import SAMPLE_SITE

ADMIN = Actor.system()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo(paths: AppPaths) -> AppPaths:
    db = open_strict(paths)
    fill_demo(db, DemoOptions(seed=2, counts={"members": 40}), actor=ADMIN)
    db.dispose()
    return paths


def _damage_index(path: Path) -> None:
    """Swap two pages: the b-trees still parse, the indexes no longer match the rows."""
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    last = len(data) // size - 1
    a, b = bytes(data[size * 3 : size * 4]), bytes(data[size * last : size * (last + 1)])
    data[size * 3 : size * 4], data[size * last : size * (last + 1)] = b, a
    path.write_bytes(bytes(data))


def test_fast_check_names_the_problem(demo: AppPaths, tmp_path: Path) -> None:
    assert fast_check(demo.database_file) is None
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
    assert fast_check(bad) is not None
    bad.write_bytes(b"not a database" * 20)
    assert fast_check(bad) == "文件头不是 SQLite 数据库"


def test_damaged_file_is_refused_marked_and_never_written(demo: AppPaths) -> None:
    _damage_index(demo.database_file)
    before = _digest(demo.database_file)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_strict(demo)
    message = caught.value.message
    assert str(demo.database_file) in message
    assert "djdesk restore" in message and "设置 → 备份与恢复" in message
    assert damage_marker(demo.database_file) is not None
    db = open_database(demo)  # the handle screens and commands get
    try:
        assert db.damage is not None
        with pytest.raises(CorruptDatabaseError), db.reading():
            pass
        with pytest.raises(CorruptDatabaseError):
            save_site(db, SAMPLE_SITE, actor=ADMIN)
        with pytest.raises(CorruptDatabaseError):
            backups.backup_now(demo, db, ADMIN)
    finally:
        db.dispose()
    assert _digest(demo.database_file) == before
    wal = Path(f"{demo.database_file}-wal")  # a read-only check may leave an empty one
    assert not wal.exists() or wal.stat().st_size == 0


def test_damage_found_while_reading_stops_all_writes(demo: AppPaths) -> None:
    db = open_database(demo)
    heard: list[str] = []
    db.damage_listeners.append(lambda error: heard.append(error.message))
    conn = sqlite3.connect(demo.database_file)
    conn.execute("UPDATE member SET birth_date = '19xx-01-01' WHERE id = 1")
    conn.execute("UPDATE member SET name = CAST(x'e4b8' AS TEXT) WHERE id = 2")
    conn.commit()
    conn.close()
    try:
        from djdesk.services.checkin.members import get_member_card

        with pytest.raises(CorruptDatabaseError) as caught:
            get_member_card(db, 1)
        assert "数据无法读取" in caught.value.message
        assert heard and db.damage is not None
        with pytest.raises(CorruptDatabaseError):
            save_site(db, SAMPLE_SITE, actor=ADMIN)
    finally:
        db.dispose()
    assert marker_path(demo.database_file).exists()


def test_undecodable_text_is_damage(demo: AppPaths) -> None:
    conn = sqlite3.connect(demo.database_file)
    conn.execute("UPDATE unit SET name = CAST(x'ffff' AS TEXT)")
    conn.commit()
    conn.close()
    db = open_database(demo)
    try:
        from djdesk.services.checkin.units import list_units

        with pytest.raises(CorruptDatabaseError, match="已损坏"):
            list_units(db)
    finally:
        db.dispose()


def test_daily_backup_check_marks_a_damaged_live_file(demo: AppPaths) -> None:
    db = open_database(demo)
    db.dispose()
    _damage_index(demo.database_file)
    with pytest.raises(CorruptDatabaseError) as caught:
        backups.backup_now(demo, db, ADMIN, reason="daily")
    assert str(demo.database_file) in caught.value.message
    assert damage_marker(demo.database_file) is not None
    assert db.damage is not None  # this window writes no more either
    with pytest.raises(CorruptDatabaseError):
        save_site(db, SAMPLE_SITE, actor=ADMIN)
    assert files.list_backups(demo.backup_dir) == []
    assert [p.name for p in demo.backup_dir.iterdir()] == []  # no partial copy left
    assert open_database(demo).damage is not None


def test_a_bad_copy_alone_does_not_mark_the_live_file(
    demo: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def copy_fails(path: Path, *, writable: bool = False) -> tuple[str | None, dict[str, int]]:
        raise files.CopyCheckError("副本坏了")

    monkeypatch.setattr(files, "inspect_database_file", copy_fails)
    db = open_database(demo)
    try:
        with pytest.raises(DjdeskError) as caught:
            backups.backup_now(demo, db, ADMIN)
        assert not isinstance(caught.value, CorruptDatabaseError)
        assert "当前数据库本身检查无误" in caught.value.message
        assert damage_marker(demo.database_file) is None
    finally:
        db.dispose()


def test_restore_replaces_a_damaged_database(demo: AppPaths) -> None:
    db = open_database(demo)
    good = backups.backup_now(demo, db, ADMIN).backup
    db.dispose()
    _damage_index(demo.database_file)
    db = open_database(demo)
    assert db.damage is not None
    result = backups.restore(demo, db, good.path, ADMIN)
    try:
        assert result.safety_backup.reason == "damaged"
        assert result.safety_backup.path.exists()
        assert result.safety_backup not in backups.list_backups(demo)
        assert damage_marker(demo.database_file) is None
        site = get_site(result.db)
        assert result.db.damage is None and site is not None
        save_site(result.db, replace(site.as_input(), address="恢复后1号"), actor=ADMIN)
    finally:
        result.db.dispose()
    assert open_database(demo).damage is None


def test_error_kinds() -> None:
    assert error_kind(sqlite3.OperationalError("database or disk is full")) == "full"
    assert error_kind(sqlite3.DatabaseError("database disk image is malformed")) == "corrupt"
    assert error_kind(sqlite3.DatabaseError("file is not a database")) == "corrupt"
    assert error_kind(sqlite3.OperationalError("disk I/O error")) == "io"
    assert error_kind(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad")) == "corrupt"
    assert error_kind(sqlite3.IntegrityError("UNIQUE constraint failed")) is None
    assert error_kind(ValueError("x")) is None


def test_relative_database_url_is_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = Database("sqlite:///rel.sqlite3")
    assert db.file == tmp_path / "rel.sqlite3"
    db.dispose()
