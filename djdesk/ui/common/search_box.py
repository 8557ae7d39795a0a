"""The counter's big as-you-type search box.

:class:`SearchBox` waits :data:`DEBOUNCE_MS` after the last change before it asks for a search
(Chinese arrives through input-method commits, which also change the text, so ``textChanged``
covers typing, pasting and IME alike). Up/Down/PageUp/PageDown move through the results view
while the focus stays in the box, Enter opens the current result, Esc clears the box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget

DEBOUNCE_MS = 150
PLACEHOLDER = "输入姓名、拼音首字母、手机号或身份证号后几位"

#: How the counter's search is used by keyboard, for 帮助 → 快捷键.
KEY_HELP = (
    ("输入", "姓名、拼音首字母，或手机号、身份证号的后 4 位以上"),
    ("↑ / ↓", "在查找结果中选择"),
    ("Enter", "打开所选党员；没有找到时新建报到"),
    ("Esc", "清空查找框"),
)

_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class SearchBox(QLineEdit):
    """A large line edit that emits :attr:`search_requested` once the clerk pauses typing."""

    search_requested = Signal(str)
    #: Enter was pressed (open the current result, or start a new check-in if there is none).
    activated = Signal()

    def __init__(self, parent: QWidget | None = None, *, delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("counterSearch")
        self.setPlaceholderText(PLACEHOLDER)
        self.setClearButtonEnabled(True)
        font = self.font()
        font.setPointSize(font.pointSize() + 4)
        self.setFont(font)
        self.setMinimumHeight(46)
        self._view: QAbstractItemView | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.search_now)
        self.textChanged.connect(lambda _text: self._timer.start())

    def set_results_view(self, view: QAbstractItemView) -> None:
        """The view whose current row the arrow keys move."""
        self._view = view

    def is_pending(self) -> bool:
        """A search is waiting for the typing pause."""
        return self._timer.isActive()

    def search_now(self) -> None:
        """Search for the current text at once (the pause timer is dropped)."""
        self._timer.stop()
        self.search_requested.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.search_now()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive():
                self.search_now()
            self.activated.emit()
            return
        if key in _MOVE_KEYS and self._view is not None and self._move(key):
            return
        super().keyPressEvent(event)

    def _move(self, key: int) -> bool:
        view = self._view
        assert view is not None
        model = view.model()
        if model is None or model.rowCount() == 0:
            return False
        current = view.currentIndex().row()
        steps: dict[int, int] = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10}
        step = steps.get(key, 10)
        row = 0 if current < 0 else max(0, min(model.rowCount() - 1, current + step))
        view.setCurrentIndex(model.index(row, 0))
        view.scrollTo(model.index(row, 0))
        return True
