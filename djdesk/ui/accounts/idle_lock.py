"""Locking the window: after some idle minutes, on 锁定 (Ctrl+L), or to let another user log in.

:class:`IdleWatcher` is an application-wide event filter: any key press, mouse click or wheel
turn restarts a single-shot timer; when it runs out the window locks. :class:`SessionLock`
covers the main window with an opaque :class:`LockOverlay` (nothing on screen stays readable)
and opens the lock dialog, application-modal, on top. The pages and whatever was typed into
them are not touched: they are only hidden, and are there again after 解锁. When a different
user logs in through 切换用户, :attr:`SessionLock.actor_changed` tells the window to rebuild its
pages for the new role.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from djdesk.actor import Actor
from djdesk.errors import DjdeskError
from djdesk.services.accounts.users import get_user
from djdesk.ui.accounts.login_dialog import LoginDialog
from djdesk.ui.accounts.password_dialogs import ChangePasswordDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.theme import WINDOW_BG

log = logging.getLogger(__name__)

#: What counts as the clerk being present. Mouse moves alone do not (a bumped mouse).
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
MAX_IDLE_MINUTES = 120


class IdleWatcher(QObject):
    """Emits :attr:`idle` after ``minutes`` without user input (``0`` = never)."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.minutes = 0
        self._paused = False
        self.timer = QTimer(self)
        self.timer.setObjectName("idleTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(0, min(int(minutes), MAX_IDLE_MINUTES))
        self.restart()

    def restart(self) -> None:
        if self.minutes and not self._paused:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    def pause(self) -> None:
        self._paused = True
        self.timer.stop()

    def resume(self) -> None:
        self._paused = False
        self.restart()

    def stop(self) -> None:
        """Stop watching for good (the window is closing)."""
        self.pause()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._paused and self.minutes and event.type() in INPUT_EVENTS:
            self.timer.start()
        return False


class LockOverlay(QWidget):
    """An opaque cover over the whole main window, following its size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockOverlay")
        self._window = window
        label = QLabel("窗口已锁定")
        label.setObjectName("pageTitle")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel("请在锁定对话框中输入密码解锁，或切换用户。")
        hint.setProperty("role", "hint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(label)
        layout.addWidget(hint)
        layout.addStretch(2)
        self.hide()
        window.installEventFilter(self)

    def cover(self) -> None:
        self.setGeometry(QRect(0, 0, self._window.width(), self._window.height()))
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(QRect(0, 0, self._window.width(), self._window.height()))
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(WINDOW_BG))
        painter.end()


class SessionLock(QObject):
    """Locks and unlocks one main window for the user in ``ctx.actor``."""

    #: A different user logged in through the lock dialog; carries the new :class:`Actor`.
    actor_changed = Signal(object)
    #: ``True`` when the window was locked, ``False`` when it is usable again.
    locked_changed = Signal(bool)

    def __init__(self, window: QWidget, ctx: UiContext) -> None:
        super().__init__(window)
        self._window = window
        self.ctx = ctx
        self.overlay = LockOverlay(window)
        self.dialog: LoginDialog | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.watcher = IdleWatcher(ctx.settings.idle_lock_minutes if self.can_lock() else 0, self)
        self.watcher.idle.connect(self._on_idle)
        ctx.events.settings_changed.connect(self._on_settings_changed)

    def can_lock(self) -> bool:
        """Only a logged-in staff account has a password to unlock with."""
        return self.ctx.actor.user_id is not None

    def is_locked(self) -> bool:
        return self.overlay.isVisible() or self.dialog is not None

    def _on_settings_changed(self, settings: object) -> None:
        minutes = getattr(settings, "idle_lock_minutes", 0)
        self.watcher.set_minutes(minutes if self.can_lock() else 0)
        if self.is_locked():
            self.watcher.pause()

    def actor_updated(self) -> None:
        """The window's user changed (login after the window was built): re-arm the timer."""
        self.watcher.set_minutes(self.ctx.settings.idle_lock_minutes if self.can_lock() else 0)
        if self.is_locked():  # e.g. the new user still has to choose a password
            self.watcher.pause()

    def _on_idle(self) -> None:
        log.info("idle for %d minutes: locking", self.watcher.minutes)
        self.lock()

    def lock(self, *, switch_user: bool = False) -> bool:
        """Cover the window and ask for a password; ``False`` if there is no one to unlock."""
        if self.dialog is not None:
            return True
        if not self.can_lock():
            return False
        self.watcher.pause()
        self.overlay.cover()
        dialog = LoginDialog(
            self.ctx.db, lock_for=self.ctx.actor, switch_user=switch_user, parent=self._window
        )
        dialog.setObjectName("lockDialog")
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.accepted.connect(self._on_unlocked)
        self.dialog = dialog
        dialog.show()
        self.locked_changed.emit(True)
        log.info("window locked for %s", self.ctx.actor.username)
        return True

    def _on_unlocked(self) -> None:
        dialog = self.dialog
        self.dialog = None
        if dialog is None or dialog.actor is None:
            return
        actor, password = dialog.actor, dialog.typed_password()
        dialog.deleteLater()
        if actor != self.ctx.actor:
            log.info("user switched from %s to %s", self.ctx.actor.username, actor.username)
            self.actor_changed.emit(actor)
        if self._must_change_password(actor):
            self._force_password_change(actor, password)
        else:
            self._finish()

    def _must_change_password(self, actor: Actor) -> bool:
        if actor.user_id is None:
            return False
        try:
            return get_user(self.ctx.db, actor.user_id).must_change_password
        except DjdeskError:
            return False

    def _force_password_change(self, actor: Actor, password: str) -> None:
        dialog = ChangePasswordDialog(
            self.ctx.db, actor, forced=True, current_password=password, parent=self._window
        )
        dialog.cancel_button.setText("取消")
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.finished.connect(lambda result: self._after_password_change(dialog, result))
        self.password_dialog = dialog
        dialog.show()

    def _after_password_change(self, dialog: ChangePasswordDialog, result: int) -> None:
        self.password_dialog = None
        dialog.deleteLater()
        if result == ChangePasswordDialog.DialogCode.Accepted:
            self._finish()
        else:  # no new password, no work: back to the lock, for anyone to log in
            self.lock(switch_user=True)

    def _finish(self) -> None:
        self.overlay.hide()
        self.watcher.resume()
        self.locked_changed.emit(False)
        log.info("window unlocked by %s", self.ctx.actor.username)

    def stop(self) -> None:
        self.watcher.stop()
