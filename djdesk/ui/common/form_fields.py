"""Form building blocks shared by the member, check-in, unit and grid forms.

:class:`FieldGrid` lays out caption / editor pairs with a red error line under each editor and
routes a service's :class:`~djdesk.errors.ValidationErrors` to the fields they name.
:class:`OptionalDateEdit` is a date edit that may be left empty; :class:`ChipGroup` is a set of
checkable chips (service posts, specialties). :func:`can_write` / :func:`is_admin` say what the
logged-in actor may do, so pages can disable buttons the services would refuse anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from djdesk.actor import ADMINS, WRITERS
from djdesk.errors import ValidationError
from djdesk.ui.common.theme import ACCENT, ACCENT_SOFT, ERROR_COLOR

if TYPE_CHECKING:
    from djdesk.ui.common.context import UiContext

#: The sentinel an empty :class:`OptionalDateEdit` holds (shown as its special text).
NULL_DATE = QDate(1900, 1, 1)
DATE_FORMAT = "yyyy-MM-dd"

CHIP_STYLE = f"""
QPushButton[chip="true"] {{
    border: 1px solid #cfd4da; border-radius: 13px; padding: 3px 12px; min-height: 18px;
    background: #ffffff; color: #374151;
}}
QPushButton[chip="true"]:hover {{ border-color: #9ca3af; }}
QPushButton[chip="true"]:checked {{
    background: {ACCENT_SOFT}; border-color: {ACCENT}; color: {ACCENT}; font-weight: bold;
}}
QPushButton[chip="true"]:disabled {{ color: #9ca3af; }}
"""


@cache
def editor_style() -> str:
    """The house look (as for line edits and combo boxes) for date edits and spin boxes."""
    from djdesk.ui.common.theme import _arrow_image  # the combo boxes' chevron, drawn once

    return f"""
QDateEdit, QSpinBox {{
    background: #ffffff; border: 1px solid #cfd4da; border-radius: 4px; padding: 5px 8px;
    min-height: 20px;
}}
QDateEdit:focus, QSpinBox:focus {{ border: 1px solid {ACCENT}; }}
QDateEdit[invalid="true"], QSpinBox[invalid="true"] {{ border: 1px solid {ERROR_COLOR}; }}
QDateEdit::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 24px; border: none;
}}
QDateEdit::down-arrow {{ image: url("{_arrow_image()}"); width: 12px; height: 8px; }}
QSpinBox::up-button, QSpinBox::down-button {{ width: 0px; border: none; }}
"""


def styled_date_edit(edit: QDateEdit) -> QDateEdit:
    """Give a date edit the house look, the yyyy-MM-dd format and a calendar pop-up."""
    edit.setStyleSheet(editor_style())
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    return edit


def can_write(ctx: UiContext) -> bool:
    """Whether the actor may do counter work (the 查看 role may not).

    Read when a page or dialog is built: a new login builds the window afresh.
    """
    return ctx.actor.role in WRITERS


def is_admin(ctx: UiContext) -> bool:
    """Whether the actor is an administrator (grids, posts, revealing ID numbers)."""
    return ctx.actor.role in ADMINS


def to_date(value: QDate) -> date:
    """A ``QDate`` as a Python ``date``."""
    return date(value.year(), value.month(), value.day())


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Flip the ``invalid`` style property and re-polish so the red border follows."""
    if widget.property("invalid") == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def small_label(text: str = "", role: str = "hint") -> QLabel:
    """A word-wrapped label one size smaller than the body text (hints, field errors)."""
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(max(font.pointSizeF() - 1.0, 8.0))
    label.setFont(font)
    return label


class FieldGrid(QGridLayout):
    """Caption/editor pairs in columns, each editor with its error line underneath.

    ``add`` places one field at a logical (row, column); a field may stand for several service
    field names (楼栋/单元/室 share one row and one error line).
    """

    def __init__(self, columns: int = 2) -> None:
        super().__init__()
        self.setHorizontalSpacing(12)
        self.setVerticalSpacing(3)
        self._columns = columns
        for column in range(columns):
            self.setColumnStretch(column * 2 + 1, 1)
        self.errors: dict[str, QLabel] = {}
        self.editors: dict[str, QWidget] = {}
        self._order: list[str] = []

    def add(
        self,
        names: str | Sequence[str],
        caption: str,
        editor: QWidget,
        row: int,
        column: int = 0,
        span: int = 1,
    ) -> QLabel:
        """Place ``editor`` with ``caption``; returns the error label under it."""
        keys = (names,) if isinstance(names, str) else tuple(names)
        label = QLabel(f"{caption}")
        label.setProperty("role", "caption")
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setBuddy(editor)
        label.setMinimumHeight(30)
        error = small_label(role="fieldError")
        error.setObjectName(f"error_{keys[0]}")
        error.hide()
        editor.setSizePolicy(QSizePolicy.Policy.Expanding, editor.sizePolicy().verticalPolicy())
        grid_row = row * 2
        self.addWidget(label, grid_row, column * 2, Qt.AlignmentFlag.AlignTop)
        self.addWidget(editor, grid_row, column * 2 + 1, 1, span * 2 - 1)
        self.addWidget(error, grid_row + 1, column * 2 + 1, 1, span * 2 - 1)
        for key in keys:
            self.errors[key] = error
            self.editors[key] = editor
            self._order.append(key)
        return error

    def show_errors(self, errors: Iterable[ValidationError]) -> list[ValidationError]:
        """Show each error under its field; returns the ones naming no field of this grid."""
        texts: dict[str, list[str]] = {}
        rest: list[ValidationError] = []
        for error in errors:
            if error.field in self.errors:
                texts.setdefault(error.field, []).append(error.reason)
            else:
                rest.append(error)
        for key in self._order:
            if key in texts:
                label = self.errors[key]
                shown = label.text() if not label.isHidden() else ""
                label.setText("；".join(t for t in (shown, *texts[key]) if t))
                label.show()
                set_invalid(self.editors[key], True)
        return rest

    def first_invalid(self) -> QWidget | None:
        return next(
            (self.editors[k] for k in self._order if not self.errors[k].isHidden()),
            None,
        )

    def clear_error(self, name: str) -> None:
        label = self.errors.get(name)
        if label is None:
            return
        if not label.isHidden():
            label.clear()
            label.hide()
        set_invalid(self.editors[name], False)

    def clear_errors(self) -> None:
        for key in self._order:
            self.clear_error(key)

    def error_text(self, name: str) -> str:
        label = self.errors[name]
        return label.text() if not label.isHidden() else ""


class OptionalDateEdit(QDateEdit):
    """A date edit that may be empty (shown as “未填写”); Delete empties it again.

    A click on an empty field starts at :attr:`start_date` rather than at the sentinel year.
    """

    def __init__(
        self,
        start: date | None = None,
        *,
        maximum: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.start_date = start or date.today()
        styled_date_edit(self)
        self.setMinimumDate(NULL_DATE)
        self.setMaximumDate(QDate(maximum or date(2100, 12, 31)))
        self.setSpecialValueText("未填写")
        self.setToolTip("点击选择日期；按 Delete 清空")
        self.set_value(None)
        line = self.lineEdit()
        if line is not None:  # a click into the text lands on the line edit, not on us
            line.installEventFilter(self)

    def value(self) -> date | None:
        current = self.date()
        if current == NULL_DATE:
            return None
        return to_date(current)

    def set_value(self, value: date | None) -> None:
        self.setDate(NULL_DATE if value is None else QDate(value))

    def _start_if_empty(self) -> None:
        if self.value() is None:
            self.setDate(QDate(self.start_date))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.lineEdit() and event.type() == QEvent.Type.MouseButtonPress:
            self._start_if_empty()
        return super().eventFilter(watched, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._start_if_empty()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            event.key() == Qt.Key.Key_Delete or self.lineEdit().selectedText() == self.text()
        ):
            self.set_value(None)
            return
        if self.value() is None and event.text().isdigit():
            self._start_if_empty()
        super().keyPressEvent(event)


class ChipGroup(QWidget):
    """Checkable chips in a grid; :meth:`selected` keeps the order of the options."""

    changed = Signal()

    def __init__(self, columns: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(CHIP_STYLE)
        self._columns = columns
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 2)
        self._layout.setHorizontalSpacing(6)
        self._layout.setVerticalSpacing(6)
        self.chips: dict[str, QPushButton] = {}

    def set_options(self, options: Sequence[str]) -> None:
        """Replace the chips (the current selection is kept where the option still exists)."""
        keep = self.selected()
        for chip in self.chips.values():
            self._layout.removeWidget(chip)
            chip.deleteLater()
        self.chips = {}
        for name in options:
            self._add_chip(name)
        self.set_selected(keep)

    def _add_chip(self, name: str) -> QPushButton:
        chip = QPushButton(name)
        chip.setObjectName(f"chip_{name}")
        chip.setProperty("chip", True)
        chip.setCheckable(True)
        chip.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        chip.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        chip.toggled.connect(lambda _on: self.changed.emit())
        position = len(self.chips)
        self._layout.addWidget(chip, position // self._columns, position % self._columns)
        self.chips[name] = chip
        return chip

    def selected(self) -> tuple[str, ...]:
        return tuple(name for name, chip in self.chips.items() if chip.isChecked())

    def set_selected(self, names: Iterable[str]) -> None:
        wanted = list(names)
        for name in wanted:
            if name not in self.chips:  # a value no longer offered stays visible and kept
                self._add_chip(name)
        for name, chip in self.chips.items():
            chip.setChecked(name in wanted)
