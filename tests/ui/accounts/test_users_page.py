"""用户管理: the accounts table and its actions, and what the service refuses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor, Role
from djdesk.errors import AuthenticationError, DjdeskError
from djdesk.services.accounts.users import get_user, list_users, login
from djdesk.ui.accounts.password_dialogs import ResetPasswordDialog
from djdesk.ui.accounts.user_dialog import NewUserDialog, RoleDialog
from djdesk.ui.accounts.users_model import UsersModel, status_text
from djdesk.ui.accounts.users_page import UsersPage
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.context import UiContext
from tests.ui.conftest import STAFF_PASSWORD

NEW_PASSWORD = "Chushi8642"


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the page showed with :func:`show_error` (no box opens)."""
    shown: list[str] = []

    def fake(error: DjdeskError, parent: object = None, *, title: str = "") -> None:
        shown.append(error.message)

    for module in (
        "djdesk.ui.accounts.users_page",
        "djdesk.ui.accounts.user_dialog",
        "djdesk.ui.accounts.password_dialogs",
    ):
        monkeypatch.setattr(f"{module}.show_error", fake)
    return shown


def make_page(qtbot: QtBot, ctx: UiContext, actor: Actor) -> UsersPage:
    ctx.actor = actor
    page = UsersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext, admin: Actor) -> UsersPage:
    return make_page(qtbot, ctx, admin)


def row_texts(page: UsersPage, username: str) -> list[str]:
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == username)
    return [model.index(row, c).data() for c in range(model.columnCount())]


def select(page: UsersPage, username: str) -> None:
    user = next(u for u in list_users(page.ctx.db, page.ctx.actor) if u.username == username)
    page.select_user(user.id)
    assert page.selected_user() is not None


def test_table_lists_accounts(
    page: UsersPage, make_user: Callable[..., Actor], qtmodeltester: ModelTester
) -> None:
    make_user("clerk", "前台小王", Role.CLERK)
    page.refresh()
    qtmodeltester.check(page.model)
    assert [c.title for c in page.model.columns] == ["用户名", "姓名", "角色", "状态", "最近登录"]
    assert row_texts(page, "clerk")[:4] == ["clerk", "前台小王", "前台", "启用"]
    assert row_texts(page, "admin")[4] == "从未登录"
    assert not page.reset_button.isEnabled()  # nothing selected yet


def test_create_user(page: UsersPage, qtbot: QtBot) -> None:
    page.new_button.click()
    dialog = page.dialog
    assert isinstance(dialog, NewUserDialog)
    qtbot.addWidget(dialog)
    dialog.line_edits["username"].setText("liwei")
    dialog.line_edits["display_name"].setText("李伟")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.VIEWER))
    dialog.line_edits["password"].setText(NEW_PASSWORD)
    dialog.line_edits["confirm"].setText(NEW_PASSWORD)
    dialog.accept()
    assert dialog.created is not None
    assert row_texts(page, "liwei")[:4] == ["liwei", "李伟", "查看", "启用"]
    assert page.selected_user() == dialog.created
    assert "已新建用户" in page.status_label.text()
    assert get_user(page.ctx.db, dialog.created.id).must_change_password


def test_duplicate_username_is_shown_at_the_field(page: UsersPage, qtbot: QtBot) -> None:
    page.new_user()
    dialog = page.dialog
    assert isinstance(dialog, NewUserDialog)
    qtbot.addWidget(dialog)
    dialog.line_edits["username"].setText("admin")
    dialog.line_edits["display_name"].setText("另一个")
    dialog.line_edits["password"].setText(NEW_PASSWORD)
    dialog.line_edits["confirm"].setText(NEW_PASSWORD)
    dialog.accept()
    assert dialog.form.error_text("username") == "“admin”已被使用"
    assert dialog.created is None


def test_reset_password(page: UsersPage, qtbot: QtBot, make_user: Callable[..., Actor]) -> None:
    clerk = make_user("clerk", "前台小王", Role.CLERK)
    page.refresh()
    select(page, "clerk")
    page.reset_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ResetPasswordDialog)
    qtbot.addWidget(dialog)
    dialog.line_edits["new_password"].setText("clerk")
    dialog.accept()
    assert dialog.form.error_text("new_password") != ""
    dialog.line_edits["new_password"].setText(NEW_PASSWORD)
    dialog.line_edits["confirm"].setText(NEW_PASSWORD)
    dialog.accept()
    assert "已重置" in page.status_label.text()
    assert clerk.user_id is not None
    assert get_user(page.ctx.db, clerk.user_id).must_change_password
    assert login(page.ctx.db, "clerk", NEW_PASSWORD).user_id == clerk.user_id
    status = page.model.index(page.model.row_of(clerk.user_id), UsersModel.COL_STATUS)
    assert status.data(Qt.ItemDataRole.ToolTipRole) == "下次登录时须修改密码"


def test_disable_and_enable(qtbot: QtBot, page: UsersPage, make_user: Callable[..., Actor]) -> None:
    make_user("clerk", "前台小王", Role.CLERK)
    page.refresh()
    select(page, "clerk")
    assert page.active_button.text() == "停用"
    page.active_button.click()
    confirm = page.dialog
    assert isinstance(confirm, ConfirmDialog)
    # The safe choice is the default and has the focus: Enter keeps the account.
    assert confirm.safe_button.isDefault() and not confirm.action_button.autoDefault()
    assert confirm.action_button.text() == "停用账户"
    qtbot.keyClick(confirm.safe_button, Qt.Key.Key_Return)
    assert not confirm.isVisible() and row_texts(page, "clerk")[3] == "启用"
    page.active_button.click()
    assert isinstance(page.dialog, ConfirmDialog)
    page.dialog.action_button.click()
    assert row_texts(page, "clerk")[3] == "停用"
    assert page.active_button.text() == "启用"
    with pytest.raises(AuthenticationError):
        login(page.ctx.db, "clerk", STAFF_PASSWORD)
    page.active_button.click()
    assert row_texts(page, "clerk")[3] == "启用"
    assert login(page.ctx.db, "clerk", STAFF_PASSWORD).username == "clerk"


def test_own_account_cannot_be_disabled(page: UsersPage, warnings_shown: list[str]) -> None:
    select(page, "admin")
    page.active_button.click()
    assert isinstance(page.dialog, ConfirmDialog)
    page.dialog.action_button.click()
    assert warnings_shown == ["不能停用当前登录的账户。"]
    assert row_texts(page, "admin")[3] == "启用"


def test_last_administrator_is_protected(
    qtbot: QtBot, ctx: UiContext, admin: Actor, warnings_shown: list[str]
) -> None:
    # The operating-system user (an administrator without an account) tries to disable it.
    page = make_page(qtbot, ctx, Actor.system())
    select(page, "admin")
    page.active_button.click()
    assert isinstance(page.dialog, ConfirmDialog)
    page.dialog.action_button.click()
    assert warnings_shown == ["至少要保留一个启用的管理员账户。"]
    assert row_texts(page, "admin")[3] == "启用"


def test_role_of_the_last_administrator_cannot_change(
    page: UsersPage, qtbot: QtBot, warnings_shown: list[str]
) -> None:
    select(page, "admin")
    page.role_button.click()
    dialog = page.dialog
    assert isinstance(dialog, RoleDialog)
    qtbot.addWidget(dialog)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.CLERK))
    dialog.accept()
    assert warnings_shown == ["至少要保留一个启用的管理员账户。"]
    assert row_texts(page, "admin")[2] == "管理员"


def test_change_role(page: UsersPage, qtbot: QtBot, make_user: Callable[..., Actor]) -> None:
    make_user("clerk", "前台小王", Role.CLERK)
    page.refresh()
    select(page, "clerk")
    page.change_role()
    dialog = page.dialog
    assert isinstance(dialog, RoleDialog)
    qtbot.addWidget(dialog)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.ADMIN))
    dialog.accept()
    assert row_texts(page, "clerk")[2] == "管理员"
    assert "已修改" in page.status_label.text()


def test_locked_account_shows_until_when(page: UsersPage, make_user: Callable[..., Actor]) -> None:
    make_user("clerk", "前台小王", Role.CLERK)
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            login(page.ctx.db, "clerk", "Wrong12345")
    page.refresh()
    status = row_texts(page, "clerk")[3]
    assert status.startswith("锁定至 ")
    user = next(u for u in list_users(page.ctx.db, page.ctx.actor) if u.username == "clerk")
    assert user.locked_until is not None
    local = user.locked_until.astimezone(ZoneInfo("Asia/Shanghai"))
    assert status == f"锁定至 {local:%H:%M}"


def test_status_text_after_the_lock_ran_out(
    page: UsersPage, make_user: Callable[..., Actor]
) -> None:
    make_user("clerk", "前台小王", Role.CLERK)
    user = next(u for u in list_users(page.ctx.db, page.ctx.actor) if u.username == "clerk")
    later = datetime.now(UTC) + timedelta(minutes=10)
    locked = replace(user, locked_until=later - timedelta(minutes=5))
    assert status_text(locked, later, ZoneInfo("Asia/Shanghai")) == "启用"
    assert status_text(locked, datetime.now(UTC), ZoneInfo("Asia/Shanghai")).startswith("锁定至")
