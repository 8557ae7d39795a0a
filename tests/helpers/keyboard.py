"""Driving the application by keyboard alone, counting keys and screens (walk-through tests).

:class:`KeyboardSession` sends every key where the real keyboard would: to the open pop-up
(a completer list, a calendar) if there is one, else to the widget with the focus. Chinese
arrives as an input-method commit (``qtbot.keyClicks`` cannot type it); it is counted as the
keys the clerk types into the input method (the pinyin and the space that picks the words).
Screens are the top-level windows that appeared (the main window, each dialog), not pop-ups
or tooltips.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


class KeyboardSession(QObject):
    """Keys pressed and windows shown since it started."""

    def __init__(self, qtbot: QtBot) -> None:
        super().__init__()
        self.qtbot = qtbot
        self.keys = 0
        self.windows: list[QWidget] = []
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # -- what appeared --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
            and watched not in self.windows
        ):
            self.windows.append(watched)
        return False

    @property
    def screens(self) -> int:
        return len(self.windows)

    def note_window(self, window: QWidget) -> None:
        """Count a window that was already on screen when the session started."""
        if window not in self.windows:
            self.windows.insert(0, window)

    # -- keys -----------------------------------------------------------------------------------

    @staticmethod
    def target() -> QWidget:
        widget = QApplication.activePopupWidget() or QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard"
        return widget

    def press(
        self,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        times: int = 1,
    ) -> None:
        for _ in range(times):
            self.qtbot.keyClick(self.target(), key, modifier)
            self.keys += 1

    def type(self, text: str) -> None:
        """ASCII text (digits, letters), one key per character."""
        assert text.isascii()
        for char in text:
            self.qtbot.keyClicks(self.target(), char)
            self.keys += 1

    def chinese(self, text: str, pinyin: str) -> None:
        """Chinese through the input method: ``pinyin`` typed, then a space to choose."""
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(self.target(), event)
        self.keys += len(pinyin) + 1

    def tab_to(self, widget: QWidget, limit: int = 40) -> int:
        """Tab until ``widget`` has the keyboard; how many Tabs it took."""
        for count in range(limit):
            if QApplication.focusWidget() is widget:
                return count
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {widget.objectName() or widget}")
