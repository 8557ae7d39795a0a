"""备份与恢复: backing up, the second folder, restoring (the window switches database), and the
daily backup at start-up."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor, Role
from djdesk.app import start_daily_backup
from djdesk.errors import DjdeskError
from djdesk.services.accounts import backups
from djdesk.services.accounts.users import create_first_admin
from djdesk.services.site.identity import SiteInfo, get_site, save_site
from djdesk.settings import load_settings
from djdesk.ui.accounts.backup_panel import BackupPanel, BackupsModel
from djdesk.ui.common.context import UiContext
from djdesk.ui.main_window import MainWindow
from djdesk.ui.overview_page import OverviewPage
from djdesk.ui.site.settings_page import SettingsPage
from tests.conftest import SAMPLE_SITE
from tests.ui.conftest import ADMIN_PASSWORD


@pytest.fixture
def panel(qtbot: QtBot, ctx: UiContext) -> BackupPanel:
    widget = BackupPanel(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture(autouse=True)
def errors_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    return shown


@pytest.fixture
def final_db(ctx: UiContext) -> Iterator[UiContext]:
    """Disposes whatever database the context ends with (a restore opens a new one)."""
    yield ctx
    ctx.db.dispose()


def kinds(panel: BackupPanel) -> list[str]:
    model = panel.model
    return [model.index(r, BackupsModel.COL_KIND).data() for r in range(model.rowCount())]


def test_backup_now_lists_the_new_backup(
    panel: BackupPanel, ctx: UiContext, qtmodeltester: ModelTester
) -> None:
    before = panel.model.rowCount()
    panel.backup_button.click()
    assert panel.model.rowCount() == before + 1
    assert kinds(panel)[0] == "手动"
    newest = backups.list_backups(ctx.paths)[0]
    status = panel.status_label.text()
    # Said in words (kind, time, folder); the file name (…-manual.sqlite3) is not for the clerk.
    assert status.startswith("已完成手动备份：") and str(newest.path.parent) in status
    assert newest.path.name not in status
    assert panel.warning_label.isHidden()
    assert panel.message_box is None
    counts = panel.model.index(0, BackupsModel.COL_COUNTS).data()
    assert "站点信息" not in counts  # the one site row says nothing
    assert panel.model.index(0, BackupsModel.COL_SIZE).data().endswith("KB")
    qtmodeltester.check(panel.model)


def test_missing_second_folder_is_a_warning(
    panel: BackupPanel, ctx: UiContext, tmp_path: Path
) -> None:
    ctx.update_settings(extra_backup_dir=str(tmp_path / "U盘"))
    panel.refresh()
    assert panel.extra_label.text() == str(tmp_path / "U盘")
    panel.backup_now()
    assert not panel.warning_label.isHidden()
    assert "第二备份文件夹" in panel.warning_label.text()
    assert panel.message_box is not None
    assert panel.message_box.icon() == QMessageBox.Icon.Warning
    assert "未连接" in panel.message_box.text()
    assert kinds(panel)[0] == "手动"  # the main backup still counts


def test_second_folder_receives_a_copy(
    panel: BackupPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a: str(usb)))
    panel.extra_button.click()
    assert load_settings(panel.ctx.paths.settings_file).extra_backup_dir == str(usb)
    assert panel.extra_clear_button.isEnabled()
    panel.backup_now()
    assert "并已复制到" in panel.status_label.text()
    assert list(usb.glob("*.sqlite3"))
    panel.extra_clear_button.click()
    assert load_settings(panel.ctx.paths.settings_file).extra_backup_dir == ""
    assert panel.extra_label.text() == "未设置"


def test_main_backup_folder_is_refused_as_second_folder(
    panel: BackupPanel, errors_shown: list[str]
) -> None:
    panel.set_extra_dir(str(panel.ctx.paths.backup_dir))
    assert errors_shown == ["第二备份文件夹不能是主备份文件夹本身。"]
    assert panel.ctx.settings.extra_backup_dir == ""


def test_restore_switches_the_window_to_the_restored_data(
    qtbot: QtBot, final_db: UiContext, site: SiteInfo
) -> None:
    ctx = final_db
    backups.backup_now(ctx.paths, ctx.db, Actor.system())
    # After the backup: the site is renamed and an account appears.
    save_site(ctx.db, replace(SAMPLE_SITE, name="宜宾市翠屏区东城街道改名社区"), actor=ctx.actor)
    create_first_admin(ctx.db, "admin", "王管理", "Dongfeng2024")
    old_db = ctx.db

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_page("settings")
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    panel = page.backup_panel
    manual = kinds(panel).index("手动")
    panel.view.selectRow(manual)
    assert panel.restore_button.isEnabled()
    panel.restore_button.click()
    dialog = panel.restore_dialog
    assert dialog is not None
    assert dialog.values["类型"].text() == "手动"
    counts = dict(dialog.count_rows)
    assert counts["站点信息"] == 1
    assert counts["用户账户"] == 0
    assert "先把当前数据自动备份" in dialog.warning.text()
    dialog.accept()

    assert ctx.db is not old_db
    assert window.centralWidget().isEnabled()
    assert window.menuBar().isEnabled()
    restored = get_site(ctx.db)
    assert restored is not None
    assert restored.name == SAMPLE_SITE.name
    assert window.page("settings") is not page  # pages were rebuilt on the new database
    assert "已切换到恢复后的数据" in window.statusBar().currentMessage()
    window.show_page("overview")
    overview = window.page("overview")
    assert isinstance(overview, OverviewPage)
    assert overview.site_name.text() == SAMPLE_SITE.name
    model = overview.counts_model
    labels = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert labels["用户账户"] == "0"
    new_panel = window.page("settings").backup_panel  # type: ignore[attr-defined]
    assert "恢复前" in kinds(new_panel)
    boxes = [
        w
        for w in window.findChildren(QMessageBox)
        if w.isVisible() and "恢复完成" in w.windowTitle()
    ]
    assert boxes
    assert "恢复前的数据已备份为" in boxes[0].text()


def test_restore_from_a_file_shows_its_counts_first(
    qtbot: QtBot,
    final_db: UiContext,
    site: SiteInfo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx = final_db
    copy = tmp_path / "从U盘拷来的.sqlite3"
    backups.backup_to_file(ctx.db, Actor.system(), copy)
    panel = BackupPanel(ctx)
    qtbot.addWidget(panel)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(copy), "")))
    panel.restore_file_button.click()
    dialog = panel.restore_dialog
    assert dialog is not None
    assert dialog.values["文件"].text() == str(copy)
    assert dialog.values["类型"].text() == "外部文件"
    assert dict(dialog.count_rows)["站点信息"] == 1
    old_db = ctx.db
    dialog.reject()
    assert ctx.db is old_db  # 取消: nothing happened
    dialog.accept()
    assert ctx.db is not old_db


def test_a_file_that_is_no_backup_is_refused(
    panel: BackupPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors_shown: list[str]
) -> None:
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("not a database", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(junk), "")))
    panel.restore_from_file()
    assert panel.restore_dialog is None
    assert "不是 SQLite 数据库" in errors_shown[0]


# -- the daily backup ---------------------------------------------------------------------------


def test_daily_backup_runs_once_a_day(
    qtbot: QtBot, ctx: UiContext, site: SiteInfo, main_window: MainWindow
) -> None:
    notices: list[str] = []
    assert start_daily_backup(ctx, main_window, notices.append)
    assert notices and notices[0].startswith("今日自动备份已完成")
    assert backups.list_backups(ctx.paths)[0].reason == "daily"
    assert not start_daily_backup(ctx, main_window, notices.append)
    assert len(notices) == 1


def test_daily_backup_warns_about_the_missing_second_folder(
    qtbot: QtBot, ctx: UiContext, site: SiteInfo, main_window: MainWindow, tmp_path: Path
) -> None:
    ctx.update_settings(extra_backup_dir=str(tmp_path / "absent"))
    assert start_daily_backup(ctx, main_window, main_window.notify)
    assert "有提醒" in main_window.statusBar().currentMessage()
    boxes = [w for w in main_window.findChildren(QMessageBox) if w.isVisible()]
    assert any("第二备份文件夹" in box.text() for box in boxes)


def test_daily_backup_failure_is_a_warning_not_a_crash(
    qtbot: QtBot,
    ctx: UiContext,
    site: SiteInfo,
    main_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    crashes: list[str] = []
    monkeypatch.setattr("djdesk.services.accounts.backups.backup_now", broken)
    monkeypatch.setattr(
        "djdesk.ui.common.errors.report_exception",
        lambda exc, parent=None: crashes.append(str(exc)),
    )
    notices: list[str] = []
    assert start_daily_backup(ctx, main_window, notices.append)
    assert notices == ["今日自动备份失败，请到“设置”页手动备份。"]
    assert crashes == []
    boxes = [w for w in main_window.findChildren(QMessageBox) if w.isVisible()]
    assert any("RuntimeError" in box.text() for box in boxes)


def test_daily_backup_is_skipped_for_viewers(
    ctx: UiContext, site: SiteInfo, main_window: MainWindow
) -> None:
    ctx.actor = Actor("viewer", "查看小李", Role.VIEWER, 7)
    assert not start_daily_backup(ctx, main_window, lambda text: None)
    assert all(b.reason != "daily" for b in backups.list_backups(ctx.paths))


def test_settings_file_that_cannot_be_written_is_reported(
    ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("djdesk.ui.common.context.save_settings", fail)
    with pytest.raises(DjdeskError, match="无法保存设置文件"):
        ctx.update_settings(idle_lock_minutes=5)
    assert ctx.settings.idle_lock_minutes == 10


def restore_through_window(qtbot: QtBot, ctx: UiContext, source: Path) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    page.backup_panel.start_restore(source)
    return window


def test_logged_in_user_keeps_working_after_a_restore(
    qtbot: QtBot, final_db: UiContext, site: SiteInfo, admin: Actor
) -> None:
    ctx = final_db
    saved = backups.backup_now(ctx.paths, ctx.db, admin).backup
    ctx.actor = admin
    window = restore_through_window(qtbot, ctx, saved.path)
    assert ctx.actor == admin
    assert not window.session.is_locked()
    assert "users" in window.page_keys()


def test_account_missing_from_the_restored_data_must_log_in_again(
    qtbot: QtBot,
    final_db: UiContext,
    site: SiteInfo,
    admin: Actor,
    make_user: Callable[..., Actor],
) -> None:
    ctx = final_db
    saved = backups.backup_now(ctx.paths, ctx.db, admin).backup
    second = make_user("admin2", "李管理", Role.ADMIN)  # exists only after the backup
    ctx.actor = second
    window = restore_through_window(qtbot, ctx, saved.path)
    assert window.session.is_locked()
    dialog = window.session.dialog
    assert dialog is not None
    assert dialog.switching
    dialog.username_edit.setText("admin")
    dialog.password_edit.setText(ADMIN_PASSWORD)
    assert dialog.try_login()
    assert ctx.actor == admin


def test_restoring_data_without_accounts_says_so(
    qtbot: QtBot, final_db: UiContext, site: SiteInfo, admin: Actor
) -> None:
    ctx = final_db
    # A backup file from before any account existed (the accounts are removed in the copy).
    copy = ctx.paths.data_dir.parent / "old.sqlite3"
    backups.backup_to_file(ctx.db, admin, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("DELETE FROM user_account")
    conn.close()
    copy.with_suffix(".json").unlink()  # its checksum no longer matches
    ctx.actor = admin
    window = restore_through_window(qtbot, ctx, copy)
    assert not window.session.is_locked()
    assert "没有用户账户" in window.statusBar().currentMessage()
