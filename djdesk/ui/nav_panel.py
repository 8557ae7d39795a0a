"""The main window's left navigation: brand, site, the page list, the version.

The page list is a keyboard stop of its own: its current page is drawn with the blue focus
ring while it has the focus, ↑/↓ move between pages (the window shows each, the keyboard stays
in the list), and Enter or Tab go into the page shown (:attr:`NavPanel.entered`). Each page's
tooltip names its shortcut (Ctrl+1 … Ctrl+9, in navigation order).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from djdesk import __version__
from djdesk.ui.registry import PageSpec

NAV_WIDTH = 200
NAV_ITEM_HEIGHT = 34  # eighteen pages fit a 768-pixel screen
#: Ctrl+1 … Ctrl+9: the first nine pages of the navigation.
PAGE_KEYS = 9
#: The key that puts the keyboard in the page list.
NAV_SHORTCUT = "F6"
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)


def page_shortcut(index: int) -> str:
    """The key that opens the page at ``index`` in the navigation ("" past the ninth)."""
    return f"Ctrl+{index + 1}" if index < PAGE_KEYS else ""


class NavPanel(QFrame):
    """Brand, site name, the page list (:attr:`nav`) and the version."""

    #: Enter or Tab in the page list: go into the page shown.
    entered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navPanel")
        self.setFixedWidth(NAV_WIDTH)
        self.brand = QLabel("党群服务中心")
        self.brand.setObjectName("navBrand")
        brand_font = self.brand.font()
        brand_font.setPointSize(brand_font.pointSize() + 3)
        brand_font.setBold(True)
        self.brand.setFont(brand_font)
        self.site = QLabel()
        self.site.setObjectName("navSite")
        self.site.setWordWrap(True)
        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setAccessibleName("页面导航")
        self.nav.installEventFilter(self)
        version = QLabel(f"版本 {__version__}")
        version.setProperty("role", "caption")
        version.setContentsMargins(18, 0, 18, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 12)
        layout.setSpacing(0)
        layout.addWidget(self.brand)
        layout.addWidget(self.site)
        layout.addWidget(self.nav, 1)
        layout.addWidget(version)

    def fill(self, specs: Sequence[PageSpec]) -> None:
        """One item per page, its tooltip naming its shortcut (no change signals)."""
        self.nav.blockSignals(True)
        self.nav.clear()
        for index, spec in enumerate(specs):
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            keys = page_shortcut(index)
            tip = spec.tooltip or spec.title
            item.setToolTip(f"{tip}（{keys}）" if keys else tip)
            item.setSizeHint(QSize(NAV_WIDTH - 20, NAV_ITEM_HEIGHT))
            self.nav.addItem(item)
        self.nav.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.nav
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.entered.emit()
            return True
        return super().eventFilter(watched, event)
