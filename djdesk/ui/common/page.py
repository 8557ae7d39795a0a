"""The frame every page shares: a title row with the page's actions, then a scrolling body."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from djdesk.ui.common.context import UiContext
from djdesk.ui.common.theme import title_font

PAGE_MARGIN = 28


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

    def refresh(self) -> None:
        """Reload what the page shows; called whenever the page is brought to the front."""


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
