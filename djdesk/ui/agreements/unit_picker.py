"""乙方: choosing the unit of an agreement from the unit registry, with its Party organisation.

The agreement prints 乙方's details in full (党组织全称, 书记, 地址, 联络员 and phone), so the
picker shows them under the choice as soon as a unit is chosen and says at once — at the field,
before anything is saved — what the registry still lacks (:func:`unit_readiness`, the same
fields the service requires); the form then offers to complete the unit there and then.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from djdesk.services.agreements.rules import UNIT_FIELDS
from djdesk.services.checkin.types import UnitStatus
from djdesk.services.checkin.units import UnitInfo
from djdesk.ui.common.editors import searchable_combo
from djdesk.ui.common.field_grid import small_label


def unit_readiness(unit: UnitInfo | None) -> str:
    """Why ``unit`` cannot be 乙方 yet ("" when it can); worded like the service's refusal."""
    if unit is None:
        return "请从驻区单位中选择乙方单位"
    if unit.status != UnitStatus.ACTIVE:
        return f"单位“{unit.name}”已{unit.status}，不能签订协议"
    missing = [label for key, label in UNIT_FIELDS.items() if not str(getattr(unit, key)).strip()]
    if missing:
        return f"单位“{unit.name}”缺少{'、'.join(missing)}，请先在“驻区单位”中补全"
    return ""


def unit_details(unit: UnitInfo) -> str:
    """The 乙方 facts the agreement prints, on two short lines."""

    def shown(value: str) -> str:
        return value.strip() or "（未填）"

    return (
        f"党组织：{shown(unit.party_org)}　书记：{shown(unit.secretary)}\n"
        f"联络员：{shown(unit.liaison_name)} {unit.liaison_phone.strip()}　"
        f"地址：{shown(unit.address)}"
    )


class UnitPicker(QWidget):
    """A searchable combo of the registered units and the chosen one's details."""

    #: The chosen unit changed (its id, or 0 when none is chosen).
    unit_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo: QComboBox = searchable_combo("输入单位名称中的任意几个字")
        self.combo.setObjectName("field_unit_id")
        self.combo.setAccessibleName("乙方单位")
        self.details: QLabel = small_label("", smaller=0.5)
        self.details.setObjectName("unitDetails")
        self.details.hide()
        self._units: dict[int, UnitInfo] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.combo)
        layout.addWidget(self.details)
        self.combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.combo.editTextChanged.connect(lambda _t: self._changed())

    def set_units(self, units: list[UnitInfo], keep: int | None = None) -> None:
        """Offer ``units`` (the registry's active units, and the current one in any state)."""
        keep = keep if keep is not None else self.unit_id()
        self.combo.blockSignals(True)
        self.combo.clear()
        self._units = {u.id: u for u in units}
        for unit in units:
            self.combo.addItem(unit.name, unit.id)
        index = self.combo.findData(keep) if keep else -1
        self.combo.setCurrentIndex(index)
        if index < 0:
            self.combo.setEditText("")
        self.combo.blockSignals(False)
        self._changed()

    def unit_id(self) -> int | None:
        """The chosen unit (``None`` when the typed text names no registered unit)."""
        index = self.combo.currentIndex()
        if index < 0 or self.combo.currentText() != self.combo.itemText(index):
            return None
        data = self.combo.itemData(index)
        return int(data) if data is not None else None

    def unit(self) -> UnitInfo | None:
        unit_id = self.unit_id()
        return self._units.get(unit_id) if unit_id is not None else None

    def choose(self, unit_id: int) -> bool:
        index = self.combo.findData(unit_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        return index >= 0

    def problem(self) -> str:
        return unit_readiness(self.unit())

    def _changed(self) -> None:
        unit = self.unit()
        self.details.setText(unit_details(unit) if unit is not None else "")
        self.details.setVisible(unit is not None)
        self.unit_changed.emit(unit.id if unit is not None else 0)
