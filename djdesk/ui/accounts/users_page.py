"""用户管理 (administrators only): the staff accounts of this installation and their upkeep.

Every action is a service call with the logged-in administrator as actor; what the service
refuses (the last administrator, one's own account) is shown as the service words it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QDateTime, QItemSelection
from PySide6.QtWidgets import QDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from djdesk.errors import DjdeskError
from djdesk.services.accounts.users import UserInfo, list_users, set_active
from djdesk.ui.accounts.password_dialogs import ResetPasswordDialog
from djdesk.ui.accounts.user_dialog import NewUserDialog, RoleDialog
from djdesk.ui.accounts.users_model import UsersModel
from djdesk.ui.common.confirm import confirm
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.page import Page
from djdesk.ui.common.table_view import record_table_view

log = logging.getLogger(__name__)

ROLES_HINT = (
    "管理员可管理账户、恢复备份、查看审计日志；前台办理日常业务；查看只能查询。"
    "新账户和重置密码后的账户，首次登录时须修改密码。连续输错 5 次密码的账户锁定 5 分钟，"
    "重置密码可立即解锁。"
)


class UsersPage(Page):
    """Table of accounts with 新建用户, 重置密码, 停用/启用 and 修改角色."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "用户管理", "本机工作人员的登录账户")
        self.dialog: QDialog | None = None

        self.new_button = self.add_new_action("新建用户", self.new_user)
        self.model = UsersModel(timezone=ctx.settings.timezone)
        self.view = record_table_view(
            self.model,
            "usersTable",
            stretch=range(len(self.model.columns)),
            minimum_height=320,
        )
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        self.view.doubleClicked.connect(lambda _index: self.change_role())

        self.reset_button = QPushButton("重置密码")
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button = QPushButton("停用")
        self.active_button.clicked.connect(self.toggle_active)
        self.role_button = QPushButton("修改角色")
        self.role_button.clicked.connect(self.change_role)
        self.status_label = QLabel()
        self.status_label.setObjectName("usersStatus")
        self.status_label.setProperty("role", "success")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (self.reset_button, self.active_button, self.role_button):
            buttons.addWidget(button)

        hint = QLabel(ROLES_HINT)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        box = QGroupBox("账户")
        layout = QVBoxLayout(box)
        layout.setSpacing(12)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        self.body_layout.addWidget(box, 1)
        watch_changes(ctx, ("user_account",), lambda _c: self.refresh(), self)
        self.refresh()

    # -- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected_user()
        try:
            users = list_users(self.ctx.db, self.ctx.actor)
        except DjdeskError as exc:
            show_error(exc, self)
            users = []
        self.model.set_records(users)
        if selected is not None:
            self.select_user(selected.id)
        self._on_selection()

    def selected_user(self) -> UserInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def select_user(self, user_id: int) -> None:
        row = self.model.row_of(user_id)
        if row >= 0:
            self.view.selectRow(row)

    def _on_selection(self, *_args: QItemSelection) -> None:
        user = self.selected_user()
        for button in (self.reset_button, self.active_button, self.role_button):
            button.setEnabled(user is not None)
        self.active_button.setText("启用" if user is not None and not user.active else "停用")

    def _changed(self, text: str, user_id: int) -> None:
        now = QDateTime.currentDateTime().toString("HH:mm")
        self.status_label.setText(f"{text}（{now}）")
        self.ctx.notify("user_account", user_id)  # refreshes this page too
        self.select_user(user_id)

    # -- actions --------------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def new_user(self) -> None:
        dialog = NewUserDialog(self.ctx.db, self.ctx.actor, parent=self)

        def created() -> None:
            if dialog.created is not None:
                user = dialog.created
                self._changed(f"已新建用户“{user.display_name}”（{user.role.value}）", user.id)

        dialog.accepted.connect(created)
        self._open(dialog)

    def reset_password(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        dialog = ResetPasswordDialog(self.ctx.db, self.ctx.actor, user, parent=self)
        dialog.accepted.connect(
            lambda: self._changed(f"已重置“{user.display_name}”的密码，下次登录时须修改", user.id)
        )
        self._open(dialog)

    def change_role(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        dialog = RoleDialog(self.ctx.db, self.ctx.actor, user, parent=self)
        # The window keeps the role it logged in with until the next login.
        later = "，重新登录后生效" if user.id == self.ctx.actor.user_id else ""
        dialog.accepted.connect(
            lambda: self._changed(f"已修改“{user.display_name}”的角色{later}", user.id)
        )
        self._open(dialog)

    def toggle_active(self) -> None:
        """停用 (after a confirmation) or 启用 the selected account."""
        user = self.selected_user()
        if user is None:
            return
        if not user.active:
            self._set_active(user, True)
            return
        self.dialog = confirm(
            self,
            title="停用账户",
            heading=f"停用“{user.display_name}”（{user.username}）？",
            text="停用后该账户不能再登录；操作记录保留，以后可以重新启用。",
            action="停用账户",
            on_confirm=lambda: self._set_active(user, False),
        )

    def _set_active(self, user: UserInfo, active: bool) -> None:
        try:
            set_active(self.ctx.db, self.ctx.actor, user.id, active)
        except DjdeskError as exc:
            show_error(exc, self)
            return
        verb = "启用" if active else "停用"
        log.info("account %s %s", user.username, "enabled" if active else "disabled")
        self._changed(f"已{verb}“{user.display_name}”", user.id)
