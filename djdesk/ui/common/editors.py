"""Editors shared by the forms besides the date field (:mod:`djdesk.ui.common.date_field`):
checkable chips and a searchable combo box.

:class:`ChipGroup` is a set of checkable chips (service posts, specialties): Space toggles the
focused chip, Enter never does (in a form it saves). :func:`searchable_combo` is an editable
combo box whose completer matches any part of an entry (long unit names). Their look comes from
the house style sheet (``chip="true"`` on the chips).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QGridLayout, QPushButton, QSizePolicy, QWidget


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


class Chip(QPushButton):
    """A checkable chip: Space toggles it; Enter goes to the form (which saves)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setProperty("chip", True)
        self.setCheckable(True)
        self.setAutoDefault(False)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # never a toggle: the dialog's Enter (save) handles it
            return
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
        self.chips: dict[str, Chip] = {}

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

    def _add_chip(self, name: str) -> Chip:
        chip = Chip(name)
        chip.setObjectName(f"chip_{name}")
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
