"""Editors shared by the forms: a date edit that may stay empty, checkable chips, a searchable
combo box, and the date conversions they need.

:class:`OptionalDateEdit` is a date edit that may be left empty; :class:`ChipGroup` is a set of
checkable chips (service posts, specialties); :func:`searchable_combo` is an editable combo box
whose completer matches any part of an entry (long unit names). Their look comes from the house
style sheet (``chip="true"`` on the chips).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QWidget,
)

#: The sentinel an empty :class:`OptionalDateEdit` holds (shown as its special text).
NULL_DATE = QDate(1900, 1, 1)
DATE_FORMAT = "yyyy-MM-dd"


def styled_date_edit(edit: QDateEdit) -> QDateEdit:
    """Give a date edit the yyyy-MM-dd format and a calendar pop-up."""
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    return edit


def to_date(value: QDate) -> date:
    """A ``QDate`` as a Python ``date``."""
    return date(value.year(), value.month(), value.day())


def searchable_combo(placeholder: str = "") -> QComboBox:
    """An editable combo whose completer matches any part of an entry (long unit names)."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMaxVisibleItems(15)
    # Long entries must not widen the form: the combo is as wide as the layout makes it.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    line = combo.lineEdit()
    if placeholder and line is not None:
        line.setPlaceholderText(placeholder)
    return combo


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
