"""登录 and 已锁定: the password dialog at start-up and over a locked window.

Both ask :func:`djdesk.services.accounts.users.login`, so every failure is audited and counts toward
the five-minute lock-out, and every refusal reads the same (it never says whether the user
name, the password or the account's state was wrong). The last user name is remembered in
``ui-state.ini``; the password never is.

In lock mode (``lock_for``) the user name is fixed to the current user and the dialog cannot be
dismissed; 切换用户 opens the user-name field so that someone else can log in instead.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk import APP_TITLE
from djdesk.actor import Actor
from djdesk.errors import AuthenticationError, DjdeskError
from djdesk.paths import AppPaths
from djdesk.services.accounts.users import LOCKOUT, MAX_FAILED_ATTEMPTS, login
from djdesk.services.store import Database
from djdesk.ui.common.dialogs import grow_to_fit
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.theme import title_font

log = logging.getLogger(__name__)

LAST_USERNAME_KEY = "login/last_username"
LOCKOUT_HINT = (
    f"如果已连续输错 {MAX_FAILED_ATTEMPTS} 次，账户会锁定 {LOCKOUT.seconds // 60} 分钟，"
    "请稍后再试，或请管理员重置密码。"
)


def remembered_username(paths: AppPaths) -> str:
    """The user name of the last successful login on this data folder ('' if none)."""
    value = QSettings(str(paths.ui_state_file), QSettings.Format.IniFormat).value(
        LAST_USERNAME_KEY, ""
    )
    return value if isinstance(value, str) else ""


def remember_username(paths: AppPaths, username: str) -> None:
    state = QSettings(str(paths.ui_state_file), QSettings.Format.IniFormat)
    state.setValue(LAST_USERNAME_KEY, username)
    state.sync()


class LoginDialog(QDialog):
    """User name and password; :attr:`actor` is who logged in once the dialog is accepted."""

    def __init__(
        self,
        db: Database,
        *,
        username: str = "",
        site_name: str = "",
        lock_for: Actor | None = None,
        switch_user: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self._db = db
        self.lock_for = lock_for
        self.switching = False
        self.failures = 0
        self.actor: Actor | None = None

        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.heading.setFont(title_font(self.font(), 6))
        self.intro = QLabel()
        self.intro.setObjectName("loginIntro")
        self.intro.setWordWrap(True)
        self.intro.setProperty("role", "hint")

        self.username_edit = QLineEdit(username)
        self.username_edit.setObjectName("field_username")
        self.username_edit.setPlaceholderText("用户名")
        self.username_edit.setMaxLength(40)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("field_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("密码")
        self.password_edit.setMaxLength(128)
        self.username_label = QLabel("用户名：")
        self.username_label.setBuddy(self.username_edit)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.username_label, self.username_edit)
        password_label = QLabel("密码：")
        password_label.setBuddy(self.password_edit)
        form.addRow(password_label, self.password_edit)
        self._form = form

        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setProperty("role", "fieldError")
        self.message.setWordWrap(True)
        self.message.hide()

        self.login_button = QPushButton("登录")
        self.login_button.setProperty("primary", True)
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.try_login)
        self.other_button = QPushButton("退出")
        self.other_button.setAutoDefault(False)
        self.other_button.clicked.connect(self._other_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.other_button)
        buttons.addWidget(self.login_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 22)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        self.setMinimumWidth(500)

        if lock_for is None:
            self.setWindowTitle(f"登录 — {APP_TITLE}")
            self.heading.setText(APP_TITLE)
            where = f"{site_name} · " if site_name else ""
            self.intro.setText(f"{where}请输入用户名和密码登录。")
        else:
            self.setWindowTitle("已锁定")
            self.username_edit.setText(lock_for.username)
            self._set_switching(switch_user)

    # -- modes ----------------------------------------------------------------------------------

    def _set_switching(self, switching: bool) -> None:
        """Lock mode only: unlock as the current user, or log in as someone else."""
        assert self.lock_for is not None
        self.switching = switching
        self._form.setRowVisible(self.username_edit, switching)
        self.password_edit.clear()
        self.message.hide()
        if switching:
            self.heading.setText("切换用户")
            self.intro.setText("请新用户输入用户名和密码。切换后，各页上未保存的输入将不再保留。")
            self.username_edit.clear()
            self.login_button.setText("登录")
            self.other_button.setText("返回")
            self.username_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            actor = self.lock_for
            self.heading.setText("已锁定")
            self.intro.setText(
                f"当前用户：{actor.display_name}（{actor.username}，{actor.role.value}）。"
                "为保护数据，窗口已锁定，请输入密码继续工作。"
            )
            self.username_edit.setText(actor.username)
            self.login_button.setText("解锁")
            self.other_button.setText("切换用户")
            self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        grow_to_fit(self)

    def _other_clicked(self) -> None:
        if self.lock_for is None:
            self.reject()
        else:
            self._set_switching(not self.switching)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # A remembered (or fixed) user name: the typing starts at the password.
        target = self.password_edit if self.username_edit.text() else self.username_edit
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        # A locked window stays locked: Esc and the close button do nothing.
        if self.lock_for is None:
            super().reject()

    # -- logging in -----------------------------------------------------------------------------

    def typed_password(self) -> str:
        """The password that was accepted (for a forced password change right after)."""
        return self.password_edit.text()

    def message_text(self) -> str:
        return self.message.text() if not self.message.isHidden() else ""

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        grow_to_fit(self)

    def try_login(self) -> bool:
        """Check the password; ``True`` (and the dialog accepted) when it was right."""
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not username:
            self._show_message("请输入用户名。")
            self.username_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        if not password:
            self._show_message("请输入密码。")
            self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        try:
            actor = login(self._db, username, password)
        except AuthenticationError as exc:
            self.failures += 1
            text = exc.message
            if self.failures > 1:
                text += f"（已连续失败 {self.failures} 次）"
            if self.failures >= MAX_FAILED_ATTEMPTS:
                text += "\n" + LOCKOUT_HINT
            log.info("login refused for %r (%d in this dialog)", username, self.failures)
            self._show_message(text)
            self.password_edit.clear()
            self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        except DjdeskError as exc:
            show_error(exc, self)
            return False
        self.actor = actor
        self.message.hide()
        log.info("user %s logged in (%s)", actor.username, actor.role.value)
        self.accept()
        return True
