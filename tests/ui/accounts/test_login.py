"""Login, first administrator, password changes, and what each role sees in the window."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from djdesk import app as app_module
from djdesk.actor import Actor, Role
from djdesk.errors import AuthenticationError
from djdesk.paths import AppPaths
from djdesk.services.accounts.users import (
    LOGIN_FAILED_MESSAGE,
    get_user,
    has_users,
    login,
    set_active,
)
from djdesk.services.site.identity import SiteInfo
from djdesk.services.store import Database
from djdesk.ui import diagnostics
from djdesk.ui.accounts.first_admin_dialog import FirstAdminDialog
from djdesk.ui.accounts.login_dialog import (
    LOCKOUT_HINT,
    LoginDialog,
    remember_username,
    remembered_username,
)
from djdesk.ui.accounts.password_dialogs import ChangePasswordDialog
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.main_window import MainWindow
from djdesk.ui.site.settings_page import SettingsPage
from tests.ui.conftest import ADMIN_PASSWORD, STAFF_PASSWORD

NEW_PASSWORD = "Xinmima2468"


def login_dialog(qtbot: QtBot, db: Database, **kwargs: object) -> LoginDialog:
    dialog = LoginDialog(db, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def attempt(dialog: LoginDialog, username: str, password: str) -> bool:
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    return dialog.try_login()


# -- the login dialog ---------------------------------------------------------------------------


def test_login_succeeds_with_the_right_password(qtbot: QtBot, db: Database, admin: Actor) -> None:
    dialog = login_dialog(qtbot, db)
    assert attempt(dialog, "admin", ADMIN_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor == admin
    assert dialog.message_text() == ""


@pytest.mark.parametrize("case", ["wrong password", "unknown user", "disabled account"])
def test_every_failure_reads_the_same(
    qtbot: QtBot,
    db: Database,
    admin: Actor,
    make_user: Callable[..., Actor],
    case: str,
) -> None:
    clerk = make_user("clerk", "前台小王", Role.CLERK)
    username, password = {
        "wrong password": ("clerk", "Wrong12345"),
        "unknown user": ("nobody", STAFF_PASSWORD),
        "disabled account": ("clerk", STAFF_PASSWORD),
    }[case]
    if case == "disabled account":
        assert clerk.user_id is not None
        set_active(db, admin, clerk.user_id, False)
    dialog = login_dialog(qtbot, db)
    assert not attempt(dialog, username, password)
    assert dialog.message_text() == LOGIN_FAILED_MESSAGE
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.actor is None
    assert dialog.password_edit.text() == ""  # cleared for the next try


def test_five_failures_lock_the_account_and_say_so(
    qtbot: QtBot, db: Database, admin: Actor
) -> None:
    dialog = login_dialog(qtbot, db)
    for _ in range(5):
        assert not attempt(dialog, "admin", "Wrong12345")
    assert "已连续失败 5 次" in dialog.message_text()
    assert LOCKOUT_HINT in dialog.message_text()
    assert admin.user_id is not None
    assert get_user(db, admin.user_id).locked_until is not None
    # Locked: even the right password is refused, with the same words.
    assert not attempt(dialog, "admin", ADMIN_PASSWORD)
    assert dialog.message_text().startswith(LOGIN_FAILED_MESSAGE)


def test_empty_fields_are_asked_for(qtbot: QtBot, db: Database, admin: Actor) -> None:
    dialog = login_dialog(qtbot, db)
    assert not attempt(dialog, "", "")
    assert dialog.message_text() == "请输入用户名。"
    assert not attempt(dialog, "admin", "")
    assert dialog.message_text() == "请输入密码。"


def test_remembered_username_starts_at_the_password(
    qtbot: QtBot, db: Database, admin: Actor, paths: AppPaths
) -> None:
    assert remembered_username(paths) == ""
    remember_username(paths, "admin")
    dialog = login_dialog(qtbot, db, username=remembered_username(paths), site_name="东风社区")
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.username_edit.text() == "admin"
    assert dialog.focusWidget() is dialog.password_edit
    assert "东风社区" in dialog.intro.text()
    assert "password" not in paths.ui_state_file.read_text(encoding="utf-8").lower()


def test_quit_button_rejects(qtbot: QtBot, db: Database, admin: Actor) -> None:
    dialog = login_dialog(qtbot, db)
    dialog.other_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected


# -- first administrator -----------------------------------------------------------------------


def test_first_admin_errors_appear_at_the_fields(qtbot: QtBot, db: Database) -> None:
    dialog = FirstAdminDialog(db)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert "至少 8 位" in dialog.rules.text()

    dialog.accept()
    assert form.error_text("username") == "请填写用户名"

    dialog.line_edits["username"].setText("admin")
    dialog.line_edits["display_name"].setText("王管理")
    dialog.line_edits["password"].setText("abc")
    dialog.accept()
    assert "至少 8 位" in form.error_text("password")

    dialog.line_edits["password"].setText(ADMIN_PASSWORD)
    dialog.line_edits["confirm"].setText(ADMIN_PASSWORD + "x")
    dialog.accept()
    assert form.error_text("confirm") == "两次输入的密码不一致"
    assert form.error_text("password") == ""  # cleared when the field was edited

    dialog.line_edits["username"].setText("a")  # the service's rule, shown at its field
    dialog.line_edits["confirm"].setText(ADMIN_PASSWORD)
    dialog.accept()
    assert "2–20" in form.error_text("username")
    assert not has_users(db)
    assert dialog.result() != QDialog.DialogCode.Accepted

    dialog.line_edits["username"].setText("admin")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None
    assert dialog.actor.role is Role.ADMIN
    assert dialog.actor.user_id is not None
    assert get_user(db, dialog.actor.user_id).last_login_at is not None  # logged in too


# -- password changes ---------------------------------------------------------------------------


def test_forced_change_needs_no_old_password(
    qtbot: QtBot, db: Database, make_user: Callable[..., Actor]
) -> None:
    clerk = make_user("clerk", "前台小王", Role.CLERK, settled=False)
    assert clerk.user_id is not None
    assert get_user(db, clerk.user_id).must_change_password
    dialog = ChangePasswordDialog(db, clerk, forced=True, current_password=STAFF_PASSWORD)
    qtbot.addWidget(dialog)
    assert not dialog.form.is_row_visible("old_password")
    assert dialog.cancel_button.text() == "退出"
    dialog.line_edits["new_password"].setText(STAFF_PASSWORD)
    dialog.line_edits["confirm"].setText(STAFF_PASSWORD)
    dialog.accept()
    assert dialog.form.error_text("new_password") == "新密码不能与原密码相同"
    dialog.line_edits["new_password"].setText(NEW_PASSWORD)
    dialog.line_edits["confirm"].setText(NEW_PASSWORD)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not get_user(db, clerk.user_id).must_change_password
    assert login(db, "clerk", NEW_PASSWORD).user_id == clerk.user_id


def test_own_change_checks_the_old_password(qtbot: QtBot, db: Database, admin: Actor) -> None:
    dialog = ChangePasswordDialog(db, admin)
    qtbot.addWidget(dialog)
    dialog.line_edits["old_password"].setText("Wrong12345")
    dialog.line_edits["new_password"].setText(NEW_PASSWORD)
    dialog.line_edits["confirm"].setText(NEW_PASSWORD)
    dialog.accept()
    assert dialog.form.error_text("old_password") == "原密码不正确"
    with pytest.raises(AuthenticationError):
        login(db, "admin", NEW_PASSWORD)


# -- start-up through run_gui -------------------------------------------------------------------


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> list[MainWindow]:
    """run_gui without an event loop: windows it shows are collected instead."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(diagnostics, "install_qt_message_handler", lambda: None)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    shown: list[MainWindow] = []

    def record(window: MainWindow) -> None:
        qtbot.addWidget(window)
        shown.append(window)

    monkeypatch.setattr(MainWindow, "show", record)
    return shown


def fill_login(username: str, password: str) -> Callable[[LoginDialog], int]:
    def run(dialog: LoginDialog) -> int:
        attempt(dialog, username, password)
        return dialog.result()

    return run


def test_run_gui_logs_in_and_remembers_the_name(
    paths: AppPaths,
    site: SiteInfo,
    admin: Actor,
    started: list[MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(LoginDialog, "exec", fill_login("admin", ADMIN_PASSWORD))
    monkeypatch.setattr(ChangePasswordDialog, "exec", lambda self: pytest.fail("forced change"))
    assert app_module.run_gui(str(paths.data_dir)) == 0
    assert started[0].ctx.actor == admin
    assert remembered_username(paths) == "admin"


def test_cancelled_login_exits(
    paths: AppPaths,
    site: SiteInfo,
    admin: Actor,
    started: list[MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(LoginDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert app_module.run_gui(str(paths.data_dir)) == 0
    assert started == []


def test_new_account_must_change_its_password_first(
    paths: AppPaths,
    site: SiteInfo,
    db: Database,
    make_user: Callable[..., Actor],
    started: list[MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_user("clerk", "前台小王", Role.CLERK, settled=False)
    order: list[str] = []

    def change(dialog: ChangePasswordDialog) -> int:
        order.append("change-password")
        dialog.line_edits["new_password"].setText(NEW_PASSWORD)
        dialog.line_edits["confirm"].setText(NEW_PASSWORD)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", fill_login("clerk", STAFF_PASSWORD))
    monkeypatch.setattr(ChangePasswordDialog, "exec", change)
    assert app_module.run_gui(str(paths.data_dir)) == 0
    assert order == ["change-password"]
    assert started[0].ctx.actor.username == "clerk"
    assert login(db, "clerk", NEW_PASSWORD).username == "clerk"


def test_refusing_the_password_change_exits(
    paths: AppPaths,
    site: SiteInfo,
    make_user: Callable[..., Actor],
    started: list[MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_user("clerk", "前台小王", Role.CLERK, settled=False)
    monkeypatch.setattr(LoginDialog, "exec", fill_login("clerk", STAFF_PASSWORD))
    monkeypatch.setattr(ChangePasswordDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert app_module.run_gui(str(paths.data_dir)) == 0
    assert started == []


# -- roles in the window ------------------------------------------------------------------------


def window_for(qtbot: QtBot, ctx: UiContext, actor: Actor) -> MainWindow:
    ctx.actor = actor
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    return window


def test_admin_sees_account_pages_and_the_user_in_the_status_bar(
    qtbot: QtBot, ctx: UiContext, admin: Actor
) -> None:
    window = window_for(qtbot, ctx, admin)
    keys = window.page_keys()
    assert keys.index("users") < keys.index("audit") < keys.index("settings") == len(keys) - 1
    assert window.status_user.text() == "用户：王管理（管理员）"
    assert ctx.is_admin
    assert ctx.can_write


def test_viewer_sees_no_admin_pages_and_a_read_only_settings_page(
    qtbot: QtBot, ctx: UiContext, make_user: Callable[..., Actor]
) -> None:
    viewer = make_user("viewer", "查看小李", Role.VIEWER)
    window = window_for(qtbot, ctx, viewer)
    assert "users" not in window.page_keys()
    assert "audit" not in window.page_keys()
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "用户管理" not in titles
    assert "审计日志" not in titles
    assert not ctx.can_write
    assert not ctx.is_admin
    window.show_page("settings")
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    assert not page.save_button.isEnabled()
    assert not page.form.isEnabled()
    assert not page.idle_spin.isEnabled()
    panel = page.backup_panel
    for button in (
        panel.backup_button,
        panel.restore_button,
        panel.restore_file_button,
        panel.extra_button,
    ):
        assert not button.isEnabled()
    assert "查看小李" in window.status_user.text()


def test_clerk_may_back_up_but_not_restore(
    qtbot: QtBot, ctx: UiContext, make_user: Callable[..., Actor]
) -> None:
    clerk = make_user("clerk", "前台小王", Role.CLERK)
    window = window_for(qtbot, ctx, clerk)
    assert "users" not in window.page_keys()
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    assert page.backup_panel.backup_button.isEnabled()
    assert not page.backup_panel.restore_file_button.isEnabled()
    assert "只有管理员" in page.backup_panel.restore_note.text()


def test_change_password_from_the_account_menu(
    qtbot: QtBot, ctx: UiContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_for(qtbot, ctx, admin)
    dialog = window.change_password()
    qtbot.addWidget(dialog)
    dialog.line_edits["old_password"].setText(ADMIN_PASSWORD)
    dialog.line_edits["new_password"].setText(NEW_PASSWORD)
    dialog.line_edits["confirm"].setText(NEW_PASSWORD)
    dialog.accept()
    assert "密码已修改" in window.statusBar().currentMessage()
    assert login(ctx.db, "admin", NEW_PASSWORD) == admin


def test_operating_system_user_has_no_account_actions(main_window: MainWindow) -> None:
    assert main_window.ctx.actor.user_id is None
    assert not main_window.lock_action.isEnabled()
    assert not main_window.change_password_action.isEnabled()
    assert not main_window.logout_action.isEnabled()
    assert not main_window.session.lock()


def test_logout_with_unsaved_input_asks_first(qtbot: QtBot, ctx: UiContext, admin: Actor) -> None:
    window = window_for(qtbot, ctx, admin)
    window.show()
    window.show_page("settings")
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    page.form.line_edits["address"].setText("宜宾市翠屏区东风路99号")
    assert not window.logout()
    ask = window.dialog
    assert isinstance(ask, ConfirmDialog) and ask.safe_button.isDefault()
    qtbot.keyClick(ask.safe_button, Qt.Key.Key_Return)  # Enter keeps the typed input
    assert not window.session.is_locked() and page.is_dirty()
    assert not window.logout()
    assert isinstance(window.dialog, ConfirmDialog)
    window.dialog.action_button.click()
    assert window.session.is_locked()


def test_daily_backup_runs_once_the_window_is_up(
    paths: AppPaths,
    site: SiteInfo,
    admin: Actor,
    started: list[MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    from djdesk.services.accounts.backups import list_backups

    def event_loop(app: QApplication) -> int:
        # The real loop would run until the window closes; run it until the backup is in.
        qtbot.waitUntil(
            lambda: "今日自动备份已完成" in started[0].statusBar().currentMessage(), timeout=10_000
        )
        return 0

    monkeypatch.setattr(LoginDialog, "exec", fill_login("admin", ADMIN_PASSWORD))
    monkeypatch.setattr(QApplication, "exec", event_loop)
    assert app_module.run_gui(str(paths.data_dir)) == 0
    assert [b.reason for b in list_backups(paths)] == ["daily"]
