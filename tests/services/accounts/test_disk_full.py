"""A full disk is reported as 磁盘空间不足 with the folder and the figures, never as damage and
never as a traceback, and leaves nothing half-written: backups, roster imports and restores,
checked before they start and when the disk fills up while they write.

The data folder lives on a small tmpfs mounted for each test (needs root on Linux; skipped
with the reason otherwise).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from djdesk.actor import Actor
from djdesk.db import backup as files
from djdesk.db.damage import damage_marker
from djdesk.errors import DiskFullError
from djdesk.paths import AppPaths
from djdesk.services.accounts import backups
from djdesk.services.areas import DemoOptions
from djdesk.services.checkin.roster_import import import_roster
from djdesk.services.checkin.units import list_units
from djdesk.services.demo import fill_demo
from djdesk.services.site.identity import get_site, save_site
from djdesk.services.store import Database, open_database
from tests.helpers.roster_sheets import make_id, write_book

ADMIN = Actor.system()
DISK_MB = 32


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("a size-limited folder needs mount -t tmpfs (root on Linux)")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_MB}m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def full(disk: Path) -> Iterator[tuple[AppPaths, Database]]:
    paths = AppPaths.resolve(disk / "data")
    db = open_database(paths)
    fill_demo(db, DemoOptions(seed=6, counts={"members": 120}), actor=ADMIN)
    yield paths, db
    db.dispose()


def _leave(disk: Path, free: int) -> None:
    """Fill the disk so that about ``free`` bytes stay free."""
    filler = disk / f"filler-{len(list(disk.glob('filler-*')))}"
    size = max(shutil.disk_usage(disk).free - free, 0)
    with filler.open("wb") as fh:
        fh.truncate(0)
        fh.write(b"\0" * size)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _no_leftovers(paths: AppPaths) -> None:
    names = [p.name for p in (*paths.data_dir.iterdir(), *paths.backup_dir.iterdir())]
    assert not [n for n in names if "partial" in n or n.endswith(".tmp")], names


def _no_precheck(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if another program filled the disk after the check."""
    for module in (files, backups):
        monkeypatch.setattr(module, "require_free_space", lambda needs, what: None)


def _roster(folder: Path, units: list[str], n: int) -> Path:
    rows: list[list[object]] = [["姓名", "身份证号", "手机号码", "工作单位", "备注"]]
    for i in range(n):
        born = date(1960 + i % 40, 1 + i % 12, 1 + i % 28)
        rows.append([f"党员{i}", make_id(born, 100 + i % 900), f"139{i:08d}", units[0], "备" * 200])
    return write_book(folder / "big.xlsx", rows)


def test_backup_checks_free_space_first(full: tuple[AppPaths, Database], disk: Path) -> None:
    paths, db = full
    _leave(disk, 100 * 1024)
    with pytest.raises(DiskFullError) as caught:
        backups.backup_now(paths, db, ADMIN)
    message = caught.value.message
    assert message.startswith("磁盘空间不足") and str(paths.backup_dir) in message
    assert "可用空间" in message and "只剩" in message
    assert files.list_backups(paths.backup_dir) == []
    _no_leftovers(paths)
    assert get_site(db) is not None


def test_disk_filling_during_a_backup(
    full: tuple[AppPaths, Database], disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, db = full
    _no_precheck(monkeypatch)
    _leave(disk, paths.database_file.stat().st_size // 3)
    with pytest.raises(DiskFullError, match="已写满"):
        backups.backup_now(paths, db, ADMIN)
    _no_leftovers(paths)
    assert damage_marker(paths.database_file) is None
    assert get_site(db) is not None


def test_import_checks_free_space_first(full: tuple[AppPaths, Database], disk: Path) -> None:
    paths, db = full
    source = _roster(disk, [u.name for u in list_units(db)], 50)
    _leave(disk, 200 * 1024)
    before = _digest(paths.database_file)
    with pytest.raises(DiskFullError, match="导入 50 行数据"):
        import_roster(db, source, actor=ADMIN, paths=paths)
    assert files.list_backups(paths.backup_dir) == []
    assert _digest(paths.database_file) == before
    _no_leftovers(paths)


def test_disk_filling_during_an_import(
    full: tuple[AppPaths, Database], disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, db = full
    source = _roster(disk, [u.name for u in list_units(db)], 1500)
    _no_precheck(monkeypatch)
    wal = paths.database_file.with_name(paths.database_file.name + "-wal")
    live = paths.database_file.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    _leave(disk, live + 400 * 1024)  # the backup (file and WAL folded) fits, not the rows
    with db.reading() as session:
        from djdesk.db.models.checkin import Member

        members = session.query(Member).count()
    with pytest.raises(DiskFullError, match="磁盘空间不足") as caught:
        import_roster(db, source, actor=ADMIN, paths=paths)
    assert "已写满" in caught.value.message  # found while writing, not by the check before
    assert len(files.list_backups(paths.backup_dir)) == 1  # the backup before the import fitted
    assert damage_marker(paths.database_file) is None and db.damage is None
    for extra in disk.glob("filler-*"):
        extra.unlink()
    with db.reading() as session:
        assert session.query(Member).count() == members
    save_site(db, get_site(db).as_input(), actor=ADMIN)  # type: ignore[union-attr]
    _no_leftovers(paths)


def test_restore_checks_free_space_first(full: tuple[AppPaths, Database], disk: Path) -> None:
    paths, db = full
    source = backups.backup_now(paths, db, ADMIN).backup.path
    _leave(disk, 100 * 1024)
    before = _digest(paths.database_file)
    with pytest.raises(DiskFullError, match="恢复数据"):
        backups.restore(paths, db, source, ADMIN)
    assert _digest(paths.database_file) == before
    _no_leftovers(paths)


def test_disk_filling_during_a_restore(
    full: tuple[AppPaths, Database], disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, db = full
    source = backups.backup_now(paths, db, ADMIN).backup.path
    _no_precheck(monkeypatch)
    monkeypatch.setattr("djdesk.services.accounts.backups._restore_space", lambda *a: None)
    _leave(disk, source.stat().st_size // 3)
    before = _digest(paths.database_file)
    with pytest.raises(DiskFullError, match="已写满"):
        backups.restore(paths, db, source, ADMIN)
    assert _digest(paths.database_file) == before
    _no_leftovers(paths)
    assert get_site(db) is not None


def test_a_full_disk_is_not_damage(full: tuple[AppPaths, Database], disk: Path) -> None:
    paths, db = full
    db.dispose()
    _leave(disk, 0)
    before = _digest(paths.database_file)
    outcomes: list[str] = []
    try:
        again = open_database(paths)
    except DiskFullError as exc:
        outcomes.append(exc.message)
    else:
        try:
            assert again.damage is None
            with pytest.raises(DiskFullError) as caught:
                save_site(again, get_site(again).as_input(), actor=ADMIN)  # type: ignore[union-attr]
            outcomes.append(caught.value.message)
        finally:
            again.dispose()
    assert outcomes and outcomes[0].startswith("磁盘空间不足")
    assert damage_marker(paths.database_file) is None
    assert _digest(paths.database_file) == before
