"""A damaged database on screen: the recovery window restores a backup and hands over the
restored database; the main window shows the banner when damage is found while it is open."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor
from djdesk.paths import AppPaths
from djdesk.services.accounts import backups
from djdesk.services.site.identity import SiteInfo, get_site
from djdesk.services.store import Database, open_database
from djdesk.settings import Settings
from djdesk.ui.accounts.damage import RecoveryDialog
from djdesk.ui.common.tasks import SynchronousTaskRunner
from djdesk.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def errors_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    return shown


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 3] = b"\xff" * 4096
    path.write_bytes(bytes(data))


def test_recovery_window_restores_a_backup(
    qtbot: QtBot, paths: AppPaths, db: Database, site: SiteInfo, errors_shown: list[str]
) -> None:
    taken = backups.backup_now(paths, db, Actor.system()).backup
    db.dispose()
    _damage(paths.database_file)
    damaged = open_database(paths)
    assert damaged.damage is not None
    dialog = RecoveryDialog(paths, damaged, Settings(), tasks=SynchronousTaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.banner.isHidden()
    assert str(paths.database_file) in dialog.banner.detail.text()
    assert dialog.model.rowCount() == 1 and dialog.model.backup_at(0) == taken
    dialog.restore_selected()
    assert dialog.confirm is not None
    dialog.confirm.accept()
    assert errors_shown == []
    assert dialog.result() == QDialog.DialogCode.Accepted
    restored = dialog.restored_db
    assert restored is not None and restored.damage is None
    try:
        assert get_site(restored) == site
    finally:
        restored.dispose()


def test_recovery_window_reports_a_refused_file(
    qtbot: QtBot, paths: AppPaths, db: Database, site: SiteInfo, errors_shown: list[str]
) -> None:
    db.dispose()
    _damage(paths.database_file)
    damaged = open_database(paths)
    dialog = RecoveryDialog(paths, damaged, Settings(), tasks=SynchronousTaskRunner())
    qtbot.addWidget(dialog)
    bad = paths.data_dir / "not-a-backup.sqlite3"
    bad.write_text("garbage", encoding="utf-8")
    dialog.start_restore(bad)
    assert dialog.restored_db is None and len(errors_shown) == 1
    assert "这不是 SQLite 数据库文件" in errors_shown[0]
    damaged.dispose()


def test_banner_appears_when_damage_is_found(qtbot: QtBot, main_window: MainWindow) -> None:
    banner = main_window.damage_banner
    assert not banner.isVisible()
    main_window.ctx.db.declare_damaged("测试发现的损坏")
    assert banner.isVisible() and "测试发现的损坏" in banner.detail.text()
    banner.button.click()
    assert main_window.current_page_key() == "settings"
    fresh = Database(main_window.ctx.db.url)
    main_window.ctx.replace_database(fresh)
    assert not banner.isVisible()
    fresh.dispose()


def test_damage_and_full_disk_reaching_the_event_loop_are_messages(qtbot: QtBot) -> None:
    from djdesk.errors import CorruptDatabaseError, DiskFullError
    from djdesk.ui.accounts.damage import show_expected_errors

    crashes: list[BaseException] = []
    hook = show_expected_errors(lambda t, exc, tb: crashes.append(exc))
    for error in (CorruptDatabaseError("数据库已损坏"), DiskFullError("磁盘空间不足")):
        hook(type(error), error, None)
    assert crashes == []
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert {b.text() for b in boxes} >= {"数据库已损坏", "磁盘空间不足"}
    for box in boxes:
        box.close()
    bug = KeyError("x")
    hook(KeyError, bug, None)
    assert crashes == [bug]
