"""A figure tile (概览): a title, a big value, a line of detail; it may open a page.

A tile that names a page is a keyboard stop: Enter or Space (or a click) emits
:attr:`Tile.activated` with the page key. A tile needing the clerk's attention is drawn in the
accent colours (``attention="true"`` in the house style sheet).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from djdesk.ui.common.theme import title_font

_ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class Tile(QFrame):
    """One figure; :attr:`activated` carries :attr:`page` when the clerk opens it."""

    activated = Signal(str)

    def __init__(
        self,
        title: str,
        value: str,
        detail: str = "",
        *,
        page: str = "",
        attention: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.page = page
        self.setObjectName("overviewTile")
        self.setProperty("role", "tile")
        self.setProperty("attention", attention)
        self.setProperty("link", bool(page))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.title_label = QLabel(title)
        self.title_label.setProperty("role", "caption")
        self.value_label = QLabel(value)
        self.value_label.setProperty("role", "tileValue")
        self.value_label.setFont(title_font(self.font(), 9))
        self.detail_label = QLabel(detail)
        self.detail_label.setProperty("role", "hint")
        if not detail:  # (a parentless widget made visible would flash up as a window)
            self.detail_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 14)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)
        self.setAccessibleName(f"{title} {value} {detail}".strip())
        if page:
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip("点击或按 Enter 打开")

    def activate(self) -> None:
        if self.page:
            self.activated.emit(self.page)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.activate()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.page and event.key() in _ACTIVATE_KEYS:
            self.activate()
            return
        super().keyPressEvent(event)
