"""Password dialogs (修改密码, 重置密码) and :class:`AccountDialog`, the frame of every account
dialog.

:class:`AccountDialog` is the shared :class:`~djdesk.ui.common.form_dialog.FormDialog` (keys
that save, a question before typed input is dropped, never taller than the screen) with one
column of fields (:class:`~djdesk.ui.common.field_grid.FieldGrid`, an error line under each
input) and the password rules. A dialog's ``accept()`` calls the service and stays open, with
the reason under the field, when it refuses.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from djdesk.actor import Actor
from djdesk.errors import DjdeskError, ValidationError
from djdesk.services.accounts.passwords import MIN_LENGTH, password_problem
from djdesk.services.accounts.users import UserInfo, change_own_password, reset_password
from djdesk.services.store import Database
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.form_dialog import FormDialog

log = logging.getLogger(__name__)

PASSWORD_RULES = (
    f"密码规则：至少 {MIN_LENGTH} 位，须同时包含字母和数字，不能与用户名相同，"
    "也不要用同一个字符反复组成。"
)


class AccountDialog(FormDialog):
    """Heading, explanation, the fields (:attr:`form`), the password rules and 确定/取消."""

    def __init__(
        self, title: str, heading: str, intro: str = "", *, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, heading, intro, accept_text="确定", parent=parent)
        self.form = FieldGrid(columns=1)
        self.line_edits: dict[str, QLineEdit] = {}
        self.rules = QLabel(PASSWORD_RULES)
        self.rules.setObjectName("passwordRules")
        self.rules.setWordWrap(True)
        self.rules.setProperty("role", "hint")
        self.ok_button = self.save_button
        self.add_body(self.form)
        self.add_body(self.rules)
        self.body_layout.addStretch(1)
        self.setMinimumWidth(480)

    def showEvent(self, event: QShowEvent) -> None:
        if not self.isVisible() or self.height() < 120:
            self.fit_content(max(self.minimumWidth(), 480))
        super().showEvent(event)

    def add_line(
        self,
        names: str | Sequence[str],
        caption: str,
        *,
        password: bool = False,
        placeholder: str = "",
    ) -> QLineEdit:
        """A text (or password) input; ``names`` as in :meth:`FieldGrid.add` (first: its key)."""
        key = names if isinstance(names, str) else names[0]
        line = QLineEdit()
        line.setObjectName(f"field_{key}")
        line.setPlaceholderText(placeholder)
        line.setMaxLength(128 if password else 40)
        if password:
            line.setEchoMode(QLineEdit.EchoMode.Password)
        line.textChanged.connect(lambda _text: self.form.clear_error(key))
        self.line_edits[key] = line
        self.form.add_row(names, caption, line, required=True)
        return line

    def text(self, key: str) -> str:
        return self.line_edits[key].text()

    def refuse(self, key: str, reason: str) -> None:
        """Show ``reason`` under field ``key`` and put the cursor there."""
        self.form.show_error(key, reason, focus=True)

    def show_validation(self, error: ValidationError) -> None:
        """A service's field error under its input, or in a message box if no input matches."""
        if self.form.show_errors([error], focus=True):
            show_error(error, self)

    def check_new_password(self, key: str, confirm_key: str, username: str) -> bool:
        """The rules and the repeat, checked before the service is asked; errors at the fields."""
        password = self.text(key)
        if problem := password_problem(password, username):
            self.refuse(key, problem)
            return False
        if self.text(confirm_key) != password:
            self.refuse(confirm_key, "两次输入的密码不一致")
            return False
        return True


class ChangePasswordDialog(AccountDialog):
    """修改密码 for the logged-in user.

    ``forced=True`` is the first login after an account was created or reset: the dialog cannot
    be skipped (取消 reads 退出) and, since the user has just typed it, ``current_password``
    stands in for the 原密码 field.
    """

    def __init__(
        self,
        db: Database,
        actor: Actor,
        *,
        forced: bool = False,
        current_password: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        intro = (
            "这是您第一次使用这个账户，或管理员刚重置了您的密码。请先设置一个只有您知道的新密码。"
            if forced
            else f"为“{actor.display_name}”（{actor.username}）设置新密码。"
        )
        super().__init__("修改密码", "修改密码", intro, parent=parent)
        self.setObjectName("changePasswordDialog")
        self._db = db
        self._actor = actor
        self._current = current_password
        self.add_line("old_password", "原密码", password=True)
        self.add_line("new_password", "新密码", password=True)
        self.add_line("confirm", "再次输入", password=True)
        if current_password is not None:
            self.form.set_row_visible("old_password", False)
        if forced:
            self.cancel_button.setText("退出")
        self.ok_button.setText("保存新密码")

    def accept(self) -> None:
        self.form.clear_errors()
        old = self._current if self._current is not None else self.text("old_password")
        if self._current is None and not old:
            self.refuse("old_password", "请输入原密码")
            return
        if not self.check_new_password("new_password", "confirm", self._actor.username):
            return
        try:
            change_own_password(self._db, self._actor, old, self.text("new_password"))
        except ValidationError as error:
            self.show_validation(error)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("user %s changed their password", self._actor.username)
        self.mark_clean()
        super().accept()


class ResetPasswordDialog(AccountDialog):
    """重置密码: an administrator sets a temporary password for another account."""

    def __init__(
        self, db: Database, actor: Actor, user: UserInfo, *, parent: QWidget | None = None
    ) -> None:
        intro = (
            f"为“{user.display_name}”（{user.username}）设置一个临时密码，并当面告知本人。"
            "对方下次登录时须改为自己的密码；账户如被锁定也会一并解锁。"
        )
        super().__init__("重置密码", "重置密码", intro, parent=parent)
        self.setObjectName("resetPasswordDialog")
        self._db = db
        self._actor = actor
        self.user = user
        # The service names the new password "password" in its errors.
        self.add_line(("new_password", "password"), "临时密码", password=True)
        self.add_line("confirm", "再次输入", password=True)
        self.ok_button.setText("重置")

    def accept(self) -> None:
        self.form.clear_errors()
        if not self.check_new_password("new_password", "confirm", self.user.username):
            return
        try:
            reset_password(self._db, self._actor, self.user.id, self.text("new_password"))
        except ValidationError as error:
            self.show_validation(error)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("password of %s reset by %s", self.user.username, self._actor.username)
        self.mark_clean()
        super().accept()
