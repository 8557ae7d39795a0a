"""A grid of caption / value rows whose empty rows hide themselves (the cards of the area).

The item card, the verification card and the case card each list facts of which only some
apply (a lead department for 协助 items, 作废原因 for a voided certificate …); :class:`FactRows`
builds the rows once and :meth:`FactRows.set_values` shows the ones with something to say.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from djdesk.ui.common.page import caption, value_label


class FactRows(QGridLayout):
    """One row per key of ``captions`` (its value label is named ``{prefix}_{key}``)."""

    def __init__(self, captions: Mapping[str, str], prefix: str) -> None:
        super().__init__()
        self.setHorizontalSpacing(12)
        self.setVerticalSpacing(5)
        self.setColumnStretch(1, 1)
        self.values: dict[str, QLabel] = {}
        self._rows: dict[str, tuple[QWidget, QLabel]] = {}
        for row, (key, text) in enumerate(captions.items()):
            label = caption(text)
            value = value_label()
            value.setObjectName(f"{prefix}_{key}")
            self.addWidget(label, row, 0)
            self.addWidget(value, row, 1)
            self.values[key] = value
            self._rows[key] = (label, value)

    def set_values(self, values: Mapping[str, str]) -> None:
        """Show each value; rows without one are hidden (keys not given are emptied)."""
        for key, (label, value) in self._rows.items():
            text = values.get(key, "")
            value.setText(text)
            label.setVisible(bool(text))
            value.setVisible(bool(text))
