"""Idle lock: the timer, the cover over the window, unlocking, switching user, the setting."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor, Role
from djdesk.services.accounts.users import get_user
from djdesk.settings import load_settings
from djdesk.ui.accounts.login_dialog import LoginDialog
from djdesk.ui.accounts.password_dialogs import ChangePasswordDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.main_window import MainWindow
from djdesk.ui.site.settings_page import SettingsPage
from tests.ui.conftest import ADMIN_PASSWORD, STAFF_PASSWORD


@pytest.fixture(autouse=True)
def _leave_without_asking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows left with unsaved input close at teardown without a blocking question."""
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )


@pytest.fixture
def window(qtbot: QtBot, ctx: UiContext, admin: Actor) -> MainWindow:
    ctx.actor = admin
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def lock_dialog(window: MainWindow) -> LoginDialog:
    dialog = window.session.dialog
    assert dialog is not None
    return dialog


def settings_page(window: MainWindow) -> SettingsPage:
    window.show_page("settings")
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    return page


def test_idle_lock_keeps_what_was_typed(window: MainWindow, qtbot: QtBot) -> None:
    page = settings_page(window)
    address: QLineEdit = page.form.line_edits["address"]
    address.setText("宜宾市翠屏区东风路")
    qtbot.keyClicks(address, "99-1")  # plain ASCII: typed through key events

    window.session.watcher.timer.timeout.emit()  # as if the minutes had run out

    assert window.session.is_locked()
    assert window.session.overlay.isVisible()
    assert window.session.overlay.geometry() == window.rect()
    dialog = lock_dialog(window)
    assert dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.ApplicationModal
    assert dialog.lock_for == window.ctx.actor
    assert "王管理" in dialog.intro.text()
    assert dialog.username_edit.isHidden()
    assert not window.session.watcher.timer.isActive()  # no second lock on top

    dialog.password_edit.setText("Wrong12345")
    assert not dialog.try_login()
    assert window.session.is_locked()
    dialog.password_edit.setText(ADMIN_PASSWORD)
    assert dialog.try_login()

    assert not window.session.is_locked()
    assert not window.session.overlay.isVisible()
    assert address.text() == "宜宾市翠屏区东风路99-1"
    assert page.is_dirty()
    assert window.session.watcher.timer.isActive()


def test_lock_dialog_cannot_be_dismissed(window: MainWindow) -> None:
    window.lock_action.trigger()
    dialog = lock_dialog(window)
    dialog.reject()  # Esc / the close button
    assert dialog.isVisible()
    assert window.session.is_locked()


def test_failures_in_the_lock_dialog_count_toward_the_lock_out(
    window: MainWindow, admin: Actor
) -> None:
    window.session.lock()
    dialog = lock_dialog(window)
    for _ in range(5):
        dialog.password_edit.setText("Wrong12345")
        assert not dialog.try_login()
    assert admin.user_id is not None
    assert get_user(window.ctx.db, admin.user_id).locked_until is not None
    dialog.password_edit.setText(ADMIN_PASSWORD)
    assert not dialog.try_login()
    assert window.session.is_locked()


def test_user_input_restarts_the_timer(window: MainWindow, qtbot: QtBot) -> None:
    timer = window.session.watcher.timer
    assert timer.isActive()
    assert timer.interval() == window.ctx.settings.idle_lock_minutes * 60_000
    timer.stop()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert timer.isActive()
    timer.stop()
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        QPointF(window.mapToGlobal(QPoint(5, 5))),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.nav.viewport(), press)
    assert timer.isActive()


def test_setting_the_minutes_rearms_the_timer(window: MainWindow) -> None:
    page = settings_page(window)
    assert page.idle_spin.isEnabled()
    page.idle_spin.setValue(0)
    assert page.idle_save_button.isEnabled()
    assert page.save_idle_minutes()
    assert load_settings(window.ctx.paths.settings_file).idle_lock_minutes == 0
    assert not window.session.watcher.timer.isActive()
    assert "从不" in page.idle_status.text()
    page.idle_spin.setValue(3)
    page.idle_save_button.click()
    assert window.ctx.settings.idle_lock_minutes == 3
    assert window.session.watcher.timer.interval() == 3 * 60_000
    assert window.session.watcher.timer.isActive()


def test_switch_user_rebuilds_the_pages_for_the_new_role(
    window: MainWindow, make_user: Callable[..., Actor]
) -> None:
    make_user("viewer", "查看小李", Role.VIEWER)
    assert "users" in window.page_keys()
    old_settings = settings_page(window)
    window.session.lock()
    dialog = lock_dialog(window)
    dialog.other_button.click()  # 切换用户
    assert dialog.switching
    assert not dialog.username_edit.isHidden()
    assert dialog.username_edit.text() == ""
    dialog.username_edit.setText("viewer")
    dialog.password_edit.setText(STAFF_PASSWORD)
    assert dialog.try_login()

    assert window.ctx.actor.username == "viewer"
    assert "users" not in window.page_keys()
    assert "audit" not in window.page_keys()
    assert "查看小李" in window.status_user.text()
    assert not window.session.is_locked()
    new_settings = settings_page(window)
    assert new_settings is not old_settings
    assert not new_settings.save_button.isEnabled()


def test_switching_back_to_the_same_user_keeps_the_pages(window: MainWindow) -> None:
    page = settings_page(window)
    window.logout_action.trigger()
    dialog = lock_dialog(window)
    assert dialog.switching
    dialog.username_edit.setText("admin")
    dialog.password_edit.setText(ADMIN_PASSWORD)
    assert dialog.try_login()
    assert window.page("settings") is page


def test_switch_to_a_new_account_forces_a_password_change(
    window: MainWindow, make_user: Callable[..., Actor]
) -> None:
    make_user("clerk", "前台小王", Role.CLERK, settled=False)
    window.session.lock(switch_user=True)
    dialog = lock_dialog(window)
    dialog.username_edit.setText("clerk")
    dialog.password_edit.setText(STAFF_PASSWORD)
    assert dialog.try_login()
    change = window.session.password_dialog
    assert isinstance(change, ChangePasswordDialog)
    assert window.session.is_locked()  # still covered until the new password is set
    assert not window.session.watcher.timer.isActive()  # and no second lock on top
    change.reject()
    assert window.session.is_locked()
    again = lock_dialog(window)
    assert again.switching
    again.username_edit.setText("clerk")
    again.password_edit.setText(STAFF_PASSWORD)
    assert again.try_login()
    change = window.session.password_dialog
    assert isinstance(change, ChangePasswordDialog)
    change.line_edits["new_password"].setText("Xinmima2468")
    change.line_edits["confirm"].setText("Xinmima2468")
    change.accept()
    assert change.result() == QDialog.DialogCode.Accepted
    assert not window.session.is_locked()
    assert window.ctx.actor.username == "clerk"


def test_closing_the_window_stops_watching(window: MainWindow) -> None:
    watcher = window.session.watcher
    window.close()
    assert not watcher.timer.isActive()
