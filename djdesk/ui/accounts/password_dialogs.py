"""Password dialogs (修改密码, 重置密码) and the small form kit the account dialogs share.

:class:`FieldForm` lays out labelled inputs with an error line under each, the way the site form
does; :class:`FormDialog` adds a heading, an explanation and 确定/取消. A dialog's ``accept()``
calls the service and stays open, with the reason under the field, when it refuses.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from djdesk.actor import Actor
from djdesk.errors import DjdeskError, ValidationError
from djdesk.services.accounts.passwords import MIN_LENGTH, password_problem
from djdesk.services.accounts.users import UserInfo, change_own_password, reset_password
from djdesk.services.store import Database
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.theme import title_font

log = logging.getLogger(__name__)

PASSWORD_RULES = (
    f"密码规则：至少 {MIN_LENGTH} 位，须同时包含字母和数字，不能与用户名相同，"
    "也不要用同一个字符反复组成。"
)


def grow_to_fit(widget: QWidget) -> None:
    """Make ``widget``'s window tall enough for what it shows now (an error line appeared).

    A shown top-level window does not grow by itself for word-wrapped labels (their height
    depends on the width), so the rows would be squeezed over each other.
    """
    window = widget.window()
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    need = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else -1
    need = max(need, layout.totalMinimumSize().height())
    if need > window.height():
        window.resize(window.width(), need)


def _set_invalid(widget: QWidget, invalid: bool) -> None:
    if widget.property("invalid") == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class FieldForm(QWidget):
    """Rows of ``label: input`` with a red error line under each input."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inputs: dict[str, QWidget] = {}
        self.line_edits: dict[str, QLineEdit] = {}
        self.error_labels: dict[str, QLabel] = {}
        self._rows: dict[str, QWidget] = {}
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(8)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

    def add_line(
        self, key: str, label: str, *, password: bool = False, placeholder: str = ""
    ) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(f"field_{key}")
        line.setPlaceholderText(placeholder)
        if password:
            line.setEchoMode(QLineEdit.EchoMode.Password)
            line.setMaxLength(128)
        else:
            line.setMaxLength(40)
        line.textChanged.connect(lambda _text, k=key: self.clear_error(k))
        self.line_edits[key] = line
        self.add_widget(key, label, line)
        return line

    def add_widget(self, key: str, label: str, editor: QWidget) -> None:
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        box.addWidget(editor)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setProperty("role", "fieldError")
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        caption = QLabel(f"{label}：")
        caption.setBuddy(editor)
        caption.setMinimumHeight(editor.sizeHint().height())
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.addRow(caption, cell)
        self.inputs[key] = editor
        self.error_labels[key] = error
        self._rows[key] = cell

    def set_row_visible(self, key: str, visible: bool) -> None:
        self.form.setRowVisible(self._rows[key], visible)

    def is_row_visible(self, key: str) -> bool:
        return self.form.isRowVisible(self._rows[key])

    def text(self, key: str) -> str:
        return self.line_edits[key].text()

    def show_error(self, key: str, text: str, *, focus: bool = True) -> None:
        label = self.error_labels[key]
        label.setText(text)
        label.show()
        _set_invalid(self.inputs[key], True)
        grow_to_fit(self)
        if focus:
            self.inputs[key].setFocus(Qt.FocusReason.OtherFocusReason)

    def show_validation(
        self, error: ValidationError, *, aliases: dict[str, str] | None = None
    ) -> bool:
        """Put a service's field error under its input; ``False`` if no input matches."""
        key = (aliases or {}).get(error.field, error.field)
        if key not in self.error_labels:
            return False
        self.show_error(key, error.reason)
        return True

    def clear_error(self, key: str) -> None:
        label = self.error_labels[key]
        if not label.isHidden():
            label.clear()
            label.hide()
        _set_invalid(self.inputs[key], False)

    def clear_errors(self) -> None:
        for key in self.error_labels:
            self.clear_error(key)

    def error_text(self, key: str) -> str:
        """The error shown under ``key`` (empty when none)."""
        label = self.error_labels[key]
        return label.text() if not label.isHidden() else ""

    def check_new_password(self, key: str, confirm_key: str, username: str) -> bool:
        """The rules and the repeat, checked before the service is asked; errors at the fields."""
        password = self.text(key)
        if problem := password_problem(password, username):
            self.show_error(key, problem)
            return False
        if self.text(confirm_key) != password:
            self.show_error(confirm_key, "两次输入的密码不一致")
            return False
        return True


class FormDialog(QDialog):
    """Heading, explanation, a :class:`FieldForm` and a 确定/取消 row."""

    def __init__(
        self, title: str, heading: str, intro: str = "", *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.heading = QLabel(heading)
        self.heading.setObjectName("pageTitle")
        self.heading.setFont(title_font(self.font(), 4))
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setProperty("role", "hint")
        self.intro.setVisible(bool(intro))
        self.form = FieldForm()
        self.rules = QLabel(PASSWORD_RULES)
        self.rules.setObjectName("passwordRules")
        self.rules.setWordWrap(True)
        self.rules.setProperty("role", "hint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("确定")
        self.ok_button.setProperty("primary", True)
        self.cancel_button: QPushButton = self.buttons.button(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.cancel_button.setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addSpacing(4)
        layout.addWidget(self.form)
        layout.addWidget(self.rules)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)


class ChangePasswordDialog(FormDialog):
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
        self.form.add_line("old_password", "原密码", password=True)
        self.form.add_line("new_password", "新密码", password=True)
        self.form.add_line("confirm", "再次输入", password=True)
        if current_password is not None:
            self.form.set_row_visible("old_password", False)
        if forced:
            self.cancel_button.setText("退出")
        self.ok_button.setText("保存新密码")

    def accept(self) -> None:
        self.form.clear_errors()
        old = self._current if self._current is not None else self.form.text("old_password")
        if self._current is None and not old:
            self.form.show_error("old_password", "请输入原密码")
            return
        if not self.form.check_new_password("new_password", "confirm", self._actor.username):
            return
        try:
            change_own_password(self._db, self._actor, old, self.form.text("new_password"))
        except ValidationError as error:
            if not self.form.show_validation(error):
                show_error(error, self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("user %s changed their password", self._actor.username)
        super().accept()


class ResetPasswordDialog(FormDialog):
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
        self.form.add_line("new_password", "临时密码", password=True)
        self.form.add_line("confirm", "再次输入", password=True)
        self.ok_button.setText("重置")

    def accept(self) -> None:
        self.form.clear_errors()
        if not self.form.check_new_password("new_password", "confirm", self.user.username):
            return
        try:
            reset_password(self._db, self._actor, self.user.id, self.form.text("new_password"))
        except ValidationError as error:
            if not self.form.show_validation(error, aliases={"password": "new_password"}):
                show_error(error, self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("password of %s reset by %s", self.user.username, self._actor.username)
        super().accept()
