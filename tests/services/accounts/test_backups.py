"""Backups: checked copies with checksums, second folder, rotation, restore round-trip."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from djdesk.actor import Actor, Role
from djdesk.db import backup as files
from djdesk.db.backup import BackupInfo, backups_to_keep
from djdesk.db.session import Database
from djdesk.errors import DjdeskError, PermissionDeniedError
from djdesk.paths import AppPaths
from djdesk.services.accounts import backups
from djdesk.services.site.identity import SiteInfo, get_site, save_site
from tests.conftest import SAMPLE_SITE

ADMIN = Actor.system()
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_backup_is_checked_and_described(paths: AppPaths, db: Database, site: SiteInfo) -> None:
    result = backups.backup_now(paths, db, ADMIN)
    info = result.backup
    assert info.path.exists() and info.sidecar.exists()
    assert files.sha256_of(info.path) == info.sha256
    assert info.record_counts["site"] == 1 and info.reason_label == "手动"
    files.verify_backup(info)
    assert backups.list_backups(paths) == [files.read_sidecar(info.path)]
    assert not list(paths.backup_dir.glob("*.partial"))


def test_second_folder(paths: AppPaths, db: Database, site: SiteInfo, tmp_path: Path) -> None:
    missing = tmp_path / "usb-not-plugged"
    result = backups.backup_now(paths, db, ADMIN, extra_dir=str(missing))
    assert result.backup.path.exists() and result.extra_copy is None
    assert len(result.warnings) == 1 and str(missing) in result.warnings[0]
    usb = tmp_path / "usb"
    usb.mkdir()
    result = backups.backup_now(paths, db, ADMIN, extra_dir=str(usb))
    assert result.warnings == () and result.extra_copy is not None
    assert files.sha256_of(result.extra_copy) == result.backup.sha256
    assert files.read_sidecar(result.extra_copy) is not None


def test_unwritable_backup_folder_names_it_and_leaves_db(
    paths: AppPaths, db: Database, site: SiteInfo
) -> None:
    shutil.rmtree(paths.backup_dir)
    paths.backup_dir.write_text("not a folder")
    with pytest.raises(DjdeskError) as info:
        backups.backup_now(paths, db, ADMIN)
    assert str(paths.backup_dir) in info.value.message
    assert get_site(db) == site


def _fake_backup(folder: Path, created_at: datetime) -> BackupInfo:
    return BackupInfo(
        folder / f"{created_at:%Y%m%d%H%M}.sqlite3", created_at, "daily", "x", 1, "0002", "0.1.0"
    )


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path: Path) -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI)
    infos = [
        _fake_backup(tmp_path, now - timedelta(days=d, hours=h)) for d in range(800) for h in (0, 5)
    ]
    keep = backups_to_keep(infos, now)
    kept = sorted((i for i in infos if i.path in keep), key=lambda i: i.created_at, reverse=True)
    recent = [i for i in infos if i.created_at.date() > now.date() - timedelta(days=7)]
    assert {i.path for i in recent} <= keep  # every copy of the last 7 days
    assert kept[0].created_at == now
    months = {(i.created_at.year, i.created_at.month) for i in kept}
    assert len(months) == 12
    assert min(months) == (2025, 12)
    assert len(kept) <= len(recent) + 4 + 12
    assert all(i.created_at > now - timedelta(days=366) for i in kept)


def test_rotate_deletes_files(
    tmp_path: Path, paths: AppPaths, db: Database, site: SiteInfo
) -> None:
    start = datetime(2026, 1, 1, 8, 0, tzinfo=SHANGHAI)
    for day in range(40):
        backups.backup_now(paths, db, ADMIN, reason="daily", now=start + timedelta(days=day))
    remaining = backups.list_backups(paths)
    assert 7 <= len(remaining) <= 7 + 4 + 12
    newest = max(i.created_at for i in remaining)
    assert newest == start + timedelta(days=39)
    on_disk = sorted(p.name for p in paths.backup_dir.glob("*.sqlite3"))
    assert on_disk == sorted(i.path.name for i in remaining)
    assert not backups.daily_backup_due(paths, start + timedelta(days=39, hours=3))
    assert backups.daily_backup_due(paths, start + timedelta(days=40, hours=3))


def test_restore_round_trip(paths: AppPaths, db: Database, site: SiteInfo) -> None:
    taken = backups.backup_now(paths, db, ADMIN).backup
    save_site(db, replace(SAMPLE_SITE, address="改过的地址1号"), actor=ADMIN)
    result = backups.restore(paths, db, taken.path, ADMIN)
    try:
        restored = get_site(result.db)
        assert restored is not None and restored.address == SAMPLE_SITE.address
        assert result.safety_backup.reason == "before-restore"
        assert files.sha256_of(taken.path) == taken.sha256
        counts_now = files.inspect_database_file(paths.database_file)[1]
        expected = dict(taken.record_counts)
        expected["audit_log"] += 1  # the restore itself is audited in the restored database
        assert counts_now == expected
        safety_site = (
            sqlite3.connect(result.safety_backup.path)
            .execute("SELECT address FROM site")
            .fetchone()
        )
        assert safety_site == ("改过的地址1号",)
    finally:
        result.db.dispose()


@pytest.mark.parametrize("kind", ["corrupt", "foreign", "newer", "tampered"])
def test_restore_refuses_bad_files(
    paths: AppPaths, db: Database, site: SiteInfo, tmp_path: Path, kind: str
) -> None:
    taken = backups.backup_now(paths, db, ADMIN).backup
    bad = tmp_path / "bad.sqlite3"
    if kind == "corrupt":
        data = bytearray(taken.path.read_bytes())
        data[4096:8192] = b"\xff" * 4096
        bad.write_bytes(bytes(data))
    elif kind == "foreign":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    elif kind == "newer":
        shutil.copyfile(taken.path, bad)
        conn = sqlite3.connect(bad)
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
        conn.close()
    else:
        bad = taken.path
        with bad.open("r+b") as fh:
            fh.seek(200)
            fh.write(b"tampered")
    before = len(backups.list_backups(paths))
    with pytest.raises(DjdeskError):
        backups.restore(paths, db, bad, ADMIN)
    assert get_site(db) == site  # the current database is untouched and still open
    assert len(backups.list_backups(paths)) == before  # refused before any safety backup


def test_restore_needs_admin(paths: AppPaths, db: Database, site: SiteInfo) -> None:
    taken = backups.backup_now(paths, db, ADMIN).backup
    clerk = Actor("clerk", "张前台", Role.CLERK, 2)
    with pytest.raises(PermissionDeniedError):
        backups.restore(paths, db, taken.path, clerk)
    viewer = Actor("street", "街道", Role.VIEWER, 3)
    with pytest.raises(PermissionDeniedError):
        backups.backup_now(paths, db, viewer)
