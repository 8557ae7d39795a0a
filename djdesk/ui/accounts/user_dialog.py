"""新建用户 and 修改角色, the account dialogs of the 用户管理 page (administrators only)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from djdesk.actor import Actor, Role
from djdesk.errors import DjdeskError, ValidationError
from djdesk.services.accounts.users import UserInfo, create_user, set_role
from djdesk.services.store import Database
from djdesk.ui.accounts.password_dialogs import AccountDialog
from djdesk.ui.common.errors import show_error

log = logging.getLogger(__name__)

ROLE_HELP = {
    Role.ADMIN: "管理员：全部功能，另可管理账户、恢复备份、查看审计日志和完整证件号",
    Role.CLERK: "前台：日常办理、登记、打印、导入导出和备份",
    Role.VIEWER: "查看：只能查看和查询，不能修改任何数据",
}


def role_combo(current: Role = Role.CLERK) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("roleCombo")
    for role in (Role.CLERK, Role.VIEWER, Role.ADMIN):
        combo.addItem(role.value, role)
        combo.setItemData(combo.count() - 1, ROLE_HELP[role], Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(combo.findData(current))
    return combo


class NewUserDialog(AccountDialog):
    """用户名, 姓名, 角色, 初始密码 twice; :attr:`created` is the new account once accepted."""

    def __init__(self, db: Database, actor: Actor, *, parent: QWidget | None = None) -> None:
        intro = (
            "新账户首次登录时须改为自己的密码。请把用户名和初始密码当面告知本人，"
            "不要写在纸上留在前台。"
        )
        super().__init__("新建用户", "新建用户", intro, parent=parent)
        self.setObjectName("newUserDialog")
        self._db = db
        self._actor = actor
        self.created: UserInfo | None = None
        self.add_line("username", "用户名", placeholder="2–20 个字符，不含空格")
        self.add_line("display_name", "姓名", placeholder="真实姓名")
        self.role_combo = role_combo()
        self.form.add_row("role", "角色", self.role_combo)
        self.add_line("password", "初始密码", password=True)
        self.add_line("confirm", "再次输入", password=True)
        self.ok_button.setText("创建")

    def role(self) -> Role:
        return Role(self.role_combo.currentData())

    def accept(self) -> None:
        self.form.clear_errors()
        username = self.text("username").strip()
        if not username:
            self.refuse("username", "请填写用户名")
            return
        if not self.text("display_name").strip():
            self.refuse("display_name", "请填写姓名")
            return
        if not self.check_new_password("password", "confirm", username):
            return
        try:
            self.created = create_user(
                self._db,
                self._actor,
                username=username,
                display_name=self.text("display_name"),
                role=self.role(),
                password=self.text("password"),
            )
        except ValidationError as error:
            self.show_validation(error)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("account %s (%s) created", self.created.username, self.created.role.value)
        super().accept()


class RoleDialog(AccountDialog):
    """修改角色 of one account; the service keeps at least one active administrator."""

    def __init__(
        self, db: Database, actor: Actor, user: UserInfo, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "修改角色",
            "修改角色",
            f"“{user.display_name}”（{user.username}）现在的角色是{user.role.value}。",
            parent=parent,
        )
        self.setObjectName("roleDialog")
        self._db = db
        self._actor = actor
        self.user = user
        self.rules.hide()
        self.role_combo = role_combo(user.role)
        self.form.add_row("role", "新角色", self.role_combo)
        self.ok_button.setText("保存")
        self.setMinimumWidth(520)

    def accept(self) -> None:
        role = Role(self.role_combo.currentData())
        if role == self.user.role:
            super().accept()
            return
        try:
            set_role(self._db, self._actor, self.user.id, role)
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("role of %s set to %s", self.user.username, role.value)
        super().accept()
