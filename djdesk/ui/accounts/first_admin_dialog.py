"""首次设置 — 管理员账户: the first administrator of a new installation.

Shown once, after the site dialog, while the database has no account. The administrator is then
logged in with the password just chosen (an ordinary, audited login), so no second dialog asks
for it again.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from djdesk.actor import Actor
from djdesk.errors import DjdeskError, ValidationError
from djdesk.services.accounts.users import create_first_admin, login
from djdesk.services.store import Database
from djdesk.ui.accounts.password_dialogs import AccountDialog
from djdesk.ui.common.errors import show_error

log = logging.getLogger(__name__)

INTRO = (
    "请为本机创建第一个管理员账户。管理员可以新建前台和查看账户、重置密码、恢复备份、"
    "查看审计日志。请牢记密码。忘记密码时，可由另一位管理员重置；本机只有一位管理员时，"
    "可在这台电脑上运行命令 djdesk users reset-password 用户名 重置。"
)


class FirstAdminDialog(AccountDialog):
    """用户名, 姓名, 密码 twice; :attr:`actor` is the logged-in administrator once accepted."""

    def __init__(self, db: Database, *, parent: QWidget | None = None) -> None:
        super().__init__("首次设置 — 管理员账户", "创建管理员账户", INTRO, parent=parent)
        self.setObjectName("firstAdminDialog")
        self._db = db
        self.actor: Actor | None = None
        self.add_line("username", "用户名", placeholder="登录时输入，如 admin 或姓名拼音")
        self.add_line("display_name", "姓名", placeholder="真实姓名，记入审计日志")
        self.add_line("password", "密码", password=True)
        self.add_line("confirm", "再次输入密码", password=True)
        self.ok_button.setText("创建并登录")
        self.cancel_button.setText("退出")
        self.setMinimumWidth(540)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.line_edits["username"].setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        """Create the administrator and log in; on errors show them and stay open."""
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
        password = self.text("password")
        try:
            create_first_admin(self._db, username, self.text("display_name"), password)
            self.actor = login(self._db, username, password)
        except ValidationError as error:
            self.show_validation(error)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("first administrator %s created", self.actor.username)
        super().accept()
