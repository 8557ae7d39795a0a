"""The frame every page shares: a title row with the page's actions, then a scrolling body.

List pages add the same three parts under the title: a filter bar (a white card holding the
search field and filters), a summary line (a bold figure such as 共 2,000 人 and a grey hint),
and the table. :func:`debounced` runs a search once the clerk pauses typing.

A page that creates records has one main action (新建报到, 登记单位, 新建用户 …), added with
:meth:`Page.add_new_action`: its button shows the shortcut, and the main window's Ctrl+N (文件 →
新建…) runs it on whichever page is in front. :meth:`Page.entry_widget` is where the keyboard
lands when the clerk enters the page from the navigation (Enter or Tab there, or Ctrl+1…9).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from djdesk.ui.common.context import UiContext
from djdesk.ui.common.theme import title_font

PAGE_MARGIN = 28
#: The shortcut of every page's main "new record" action.
NEW_SHORTCUT = "Ctrl+N"


class FilterBar(QFrame):
    """A white card with one row of filter controls, left-aligned."""

    def __init__(self, *widgets: QWidget) -> None:
        super().__init__()
        self.setObjectName("filterBar")
        self.setProperty("role", "card")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(14, 10, 14, 10)
        self.row.setSpacing(8)
        for widget in widgets:
            self.row.addWidget(widget)
        self.row.addStretch(1)


class Page(QWidget):
    """Title, optional subtitle, action buttons at the right, and :attr:`body_layout`."""

    def __init__(self, ctx: UiContext, title: str, subtitle: str = "") -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("pageRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        self.title_label = QLabel(title)
        self.title_label.setObjectName("pageTitle")
        self.title_label.setFont(title_font(self.font()))
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        if subtitle:
            sub = QLabel(subtitle)
            sub.setObjectName("pageSubtitle")
            titles.addWidget(sub)
        self.actions_layout = QHBoxLayout()
        self.actions_layout.setSpacing(8)
        #: The main action's name (新建报到 …) and button, when the page has one.
        self.new_action_title = ""
        self.new_button: QPushButton | None = None
        self._new_record: Callable[[], object] | None = None
        header = QHBoxLayout()
        header.setContentsMargins(PAGE_MARGIN, 22, PAGE_MARGIN, 6)
        header.addLayout(titles, 1)
        header.addLayout(self.actions_layout)

        body = QWidget()
        body.setObjectName("pageScrollBody")
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(PAGE_MARGIN, 4, PAGE_MARGIN, 20)
        self.body_layout.setSpacing(16)
        scroll = QScrollArea()
        scroll.setObjectName("pageScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addLayout(header)
        root.addWidget(scroll, 1)

    def add_action(self, button: QAbstractButton, *, primary: bool = False) -> QAbstractButton:
        if primary:
            button.setProperty("primary", True)
        self.actions_layout.addWidget(button)
        return button

    def add_new_action(
        self, title: str, slot: Callable[[], object], *, enabled: bool = True
    ) -> QPushButton:
        """The page's main action (primary button showing Ctrl+N); Ctrl+N runs it."""
        button = QPushButton()
        button.setEnabled(enabled)
        button.clicked.connect(lambda: slot())
        self.add_action(button, primary=True)
        return self.set_new_action(title, button, slot)

    def set_new_action(
        self, title: str, button: QPushButton, slot: Callable[[], object]
    ) -> QPushButton:
        """Make an existing button the page's main action (its text shows Ctrl+N)."""
        button.setText(f"{title}（{NEW_SHORTCUT}）")
        button.setObjectName("newRecordButton")
        self.new_action_title = title
        self.new_button = button
        self._new_record = slot
        return button

    def create_new(self) -> bool:
        """Run the main action (Ctrl+N); ``False`` when the page has none or it is disabled."""
        if self._new_record is None or self.new_button is None or not self.new_button.isEnabled():
            return False
        self._new_record()
        return True

    def entry_widget(self) -> QWidget | None:
        """The widget the keyboard goes to when the clerk enters the page (the first stop)."""
        return None

    def refresh(self) -> None:
        """Reload what the page shows; called whenever the page is brought to the front."""

    # -- list pages -----------------------------------------------------------------------------

    def add_filter_bar(self, *widgets: QWidget) -> FilterBar:
        """The filter bar of a list page, under the title."""
        bar = FilterBar(*widgets)
        self.body_layout.addWidget(bar)
        return bar

    def add_summary(self) -> tuple[QLabel, QLabel]:
        """The summary line of a list page: (bold figure, grey hint), above the table."""
        figure = summary_label()
        hint = QLabel()
        hint.setProperty("role", "hint")
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(figure)
        row.addWidget(hint)
        row.addStretch(1)
        self.body_layout.addLayout(row)
        return figure, hint


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "caption")
    return label


def value_label(text: str = "", *, selectable: bool = True) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "value")
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def add_fact(grid: QGridLayout, row: int, column: int, title: str, value: QLabel) -> None:
    """A caption/value pair in a grid of facts (each pair takes two grid columns)."""
    cap = caption(f"{title}")
    cap.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    grid.addWidget(cap, row, column * 2, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(value, row, column * 2 + 1, Qt.AlignmentFlag.AlignTop)


def section_title(text: str) -> QLabel:
    """A bold heading inside a card (报到记录, 网格 …)."""
    label = QLabel(text)
    label.setProperty("role", "sectionTitle")
    return label


def summary_label(text: str = "") -> QLabel:
    """A bold figure summing up a list (共 2,000 人, 18 个单位 …)."""
    label = QLabel(text)
    label.setProperty("role", "summary")
    return label


def debounced(
    signal: SignalInstance, delay_ms: int, slot: Callable[[], object], parent: QWidget
) -> QTimer:
    """Call ``slot`` once ``signal`` has been quiet for ``delay_ms`` (typing in a search field).

    The timer is returned so that a caller can stop it when it acts at once (Enter, a reset).
    """
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)
    timer.timeout.connect(slot)
    signal.connect(lambda *_args: timer.start())
    return timer
