"""The 驻区单位 registration form: every :class:`UnitInput` field, errors under their fields.

The 统一社会信用代码 is checked as soon as 18 characters are in (GB 32100 check character), so
a mistyped code is caught at the field before anything is saved; the service checks it again.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.services.checkin.units import FIELD_LABELS, UNIT_CATEGORIES, UnitInput, category_label
from djdesk.ui.common.date_field import DateField, plausible
from djdesk.ui.common.field_grid import FieldGrid, small_label
from djdesk.validation.uscc import UsccError, parse_uscc

_PLACEHOLDERS = {
    "name": "与公章一致的单位全称",
    "uscc": "18 位，可留空",
    "party_org": "如：中共××局机关委员会",
    "secretary": "",
    "liaison_name": "单位党组织联系人",
    "liaison_phone": "手机或带区号的座机",
    "address": "单位办公地址",
    "remarks": "",
}


class UnitForm(QWidget):
    """单位全称, 类别 ①–⑨, 信用代码, 党组织, 书记, 联络员及电话, 党员数, 报到日期, 地址, 备注."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitForm")
        self.line_edits: dict[str, QLineEdit] = {}
        for name, hint in _PLACEHOLDERS.items():
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            edit.setPlaceholderText(hint)
            edit.textChanged.connect(lambda _t, n=name: self._on_edited(n))
            self.line_edits[name] = edit
        self.line_edits["uscc"].setMaxLength(22)
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("field_category")
        for code in UNIT_CATEGORIES:
            self.category_combo.addItem(category_label(code), code)
        self.category_combo.currentIndexChanged.connect(lambda _i: self._on_edited("category"))
        self.members_spin = QSpinBox()
        self.members_spin.setObjectName("field_declared_members")
        self.members_spin.setRange(0, 100000)
        self.members_spin.setSuffix(" 人")
        self.members_spin.valueChanged.connect(lambda _v: self._on_edited("declared_members"))
        self.reported_edit = DateField(checks=[plausible("reported_on")])
        self.reported_edit.setObjectName("field_reported_on")
        self.reported_edit.textChanged.connect(lambda _t: self._on_edited("reported_on"))
        self.uscc_status = small_label(role="success")
        self.uscc_status.setObjectName("usccStatus")
        self.line_edits["uscc"].textChanged.connect(self._check_uscc)

        uscc_cell = QWidget()
        uscc_row = QHBoxLayout(uscc_cell)
        uscc_row.setContentsMargins(0, 0, 0, 0)
        uscc_row.addWidget(self.line_edits["uscc"], 1)
        uscc_row.addWidget(self.uscc_status)

        grid = self.grid = FieldGrid(columns=2)
        edits = self.line_edits
        grid.add("name", "单位全称", edits["name"], 0, 0, span=2, required=True)
        grid.add("category", "党组织类别", self.category_combo, 1, 0, required=True)
        # The composite cell carries the red border on its line edit, not on the frame.
        grid.add("uscc", "统一社会信用代码", uscc_cell, 1, 1, editor=edits["uscc"])
        grid.add("party_org", "党组织全称", edits["party_org"], 2, 0, span=2)
        grid.add("secretary", "党组织书记", edits["secretary"], 3, 0)
        grid.add("reported_on", "单位报到日期", self.reported_edit, 3, 1)
        grid.add("liaison_name", "联络员", edits["liaison_name"], 4, 0)
        grid.add("liaison_phone", "联络员电话", edits["liaison_phone"], 4, 1)
        grid.add("declared_members", "在职党员数", self.members_spin, 5, 0)
        grid.add("address", "单位地址", edits["address"], 6, 0, span=2)
        grid.add("remarks", "备注", edits["remarks"], 7, 0, span=2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)

    # -- values ---------------------------------------------------------------------------------

    def value(self) -> UnitInput:
        """What the clerk entered, as typed (``save_unit`` normalises and checks it)."""
        texts = {name: edit.text() for name, edit in self.line_edits.items()}
        return UnitInput(
            category=int(self.category_combo.currentData()),
            declared_members=self.members_spin.value(),
            reported_on=self.reported_edit.value(),
            **texts,
        )

    def set_value(self, unit: UnitInput) -> None:
        for name, edit in self.line_edits.items():
            edit.setText(str(getattr(unit, name)))
        index = self.category_combo.findData(unit.category)
        self.category_combo.setCurrentIndex(max(index, 0))
        self.members_spin.setValue(unit.declared_members)
        self.reported_edit.set_value(unit.reported_on)
        self.clear_errors()

    # -- errors ---------------------------------------------------------------------------------

    def show_errors(
        self, errors: ValidationErrors | Iterable[ValidationError]
    ) -> list[ValidationError]:
        """Show errors under their fields, focus the first; returns those of no field here."""
        self.grid.clear_errors()
        return self.grid.show_errors(errors, focus=True)

    def local_errors(self) -> list[ValidationError]:
        """Required fields left empty and a 报到日期 that cannot be read or be true."""
        return self.grid.missing(FIELD_LABELS) + self.grid.date_problems(FIELD_LABELS)

    def clear_errors(self) -> None:
        self.grid.clear_errors()

    def error_text(self, name: str) -> str:
        return self.grid.error_text(name)

    def _on_edited(self, name: str) -> None:
        self.grid.clear_error(name)
        self.edited.emit()

    def _check_uscc(self, text: str) -> None:
        """Check the code at the field once it is complete; say so when it passes."""
        compact = "".join(text.split())
        self.uscc_status.clear()
        if len(compact) < 18:
            return
        try:
            parse_uscc(compact)
        except UsccError as exc:
            self.grid.show_errors([ValidationError("uscc", str(exc), label=FIELD_LABELS["uscc"])])
            return
        self.uscc_status.setText("✓ 校验通过")
