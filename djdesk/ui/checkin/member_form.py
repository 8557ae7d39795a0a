"""The member registration form (domain.md §2.3), in four sections a dialog arranges.

基本信息 / 联系方式与住址 / 单位与党组织 / 服务意向 cover every :class:`MemberInput` field. A
complete, valid 公民身份号码 fills 性别 and 出生日期 as it is typed; the unit is picked from
the registered units by typing any part of its name, and one not registered yet is registered
right here (:class:`~djdesk.ui.checkin.quick_unit.QuickUnitPanel`). Dates are typed
(:class:`~djdesk.ui.common.date_field.DateField`): 入党时间 must lie between the member's 18th
birthday and today, which the field says as soon as it is left. Required fields carry a red
``*``. The form only collects input: ``check_in`` / ``update_member`` validate it and their
:class:`ValidationErrors` come back to :meth:`MemberForm.show_errors`, which puts each reason
under the field it names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLineEdit,
    QWidget,
)

from djdesk.errors import ValidationError
from djdesk.services.checkin.member_rules import (
    AVAILABLE_TIMES,
    ETHNICITIES,
    FIELD_LABELS,
    POLITICAL_STATUSES,
    SPECIALTIES,
    MemberInput,
    joined_party_problem,
    split_list,
)
from djdesk.services.checkin.units import UnitInfo
from djdesk.ui.checkin.member_sections import build_sections
from djdesk.ui.checkin.quick_unit import QuickUnitPanel, SaveUnit
from djdesk.ui.common.date_field import DateField, plausible
from djdesk.ui.common.editors import ChipGroup, searchable_combo
from djdesk.ui.common.field_grid import FieldGrid, link_button, small_label
from djdesk.validation.idcard import IdNumberError, clean_id_number, parse_id_number

NO_GENDER = "按号码"
_TEXT_FIELDS = {
    "name": "与身份证一致",
    "id_number": "18 位，末位可为 X",
    "mobile": "11 位手机号",
    "landline": "如 0831-8221234",
    "branch": "如：中共××局机关第一支部委员会",
    "post_title": "如：科员、副科长",
    "estate": "小区名称",
    "building": "",
    "entrance": "",
    "room": "",
    "remarks": "",
}


class MemberForm(QWidget):
    """Every field of :class:`MemberInput`; :attr:`sections` holds the four group boxes.

    ``save_unit`` registers a unit from the inline 登记新单位 panel (``None``: not allowed);
    ``unit_required`` marks 工作单位 as required (a check-in, not a correction).
    """

    edited = Signal()

    def __init__(
        self,
        units: Sequence[UnitInfo] = (),
        parent: QWidget | None = None,
        *,
        save_unit: SaveUnit | None = None,
        unit_required: bool = False,
    ) -> None:
        super().__init__(parent)
        self.unit_required = unit_required
        self.setObjectName("memberForm")
        self.edits: dict[str, QLineEdit] = {}
        for name, hint in _TEXT_FIELDS.items():
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            edit.setPlaceholderText(hint)
            edit.textChanged.connect(lambda _t, n=name: self._on_edited(n))
            self.edits[name] = edit
        self.edits["id_number"].setMaxLength(22)
        self.edits["id_number"].textChanged.connect(self._read_id_number)
        for name in ("building", "entrance", "room"):
            self.edits[name].setMaximumWidth(90)
        self.gender_combo = QComboBox()
        self.gender_combo.setObjectName("field_gender")
        self.gender_combo.addItems([NO_GENDER, "男", "女"])
        self.birth_edit = DateField(start=date(1980, 1, 1), checks=[plausible("birth_date")])
        self.birth_edit.setObjectName("field_birth_date")
        self.ethnicity_combo = searchable_combo()
        self.ethnicity_combo.setObjectName("field_ethnicity")
        self.ethnicity_combo.addItems(list(ETHNICITIES))
        self.political_combo = QComboBox()
        self.political_combo.setObjectName("field_political_status")
        self.political_combo.addItems(list(POLITICAL_STATUSES))
        self.joined_edit = DateField(start=date(2000, 7, 1), checks=[self.joined_problem])
        self.joined_edit.setObjectName("field_joined_party_on")
        self.unit_combo = searchable_combo("输入单位名称中的任意几个字")
        self.unit_combo.setObjectName("field_unit_id")
        self.new_unit_button = link_button("登记新单位")
        self.new_unit_button.setObjectName("newUnitButton")
        self.new_unit_button.setToolTip("单位还没有登记时，在这里登记（只需全称和类别）")
        self.new_unit_button.setEnabled(save_unit is not None)
        self.new_unit_button.clicked.connect(self.offer_new_unit)
        self.quick_unit = QuickUnitPanel(save_unit)
        self.quick_unit.registered.connect(self._unit_registered)
        self.quick_unit.closed.connect(lambda: self.unit_combo.setFocus())
        self.specialty_chips = ChipGroup(columns=4)
        self.specialty_chips.setObjectName("field_specialties")
        self.specialty_chips.set_options(SPECIALTIES)
        self.other_specialties = QLineEdit()
        self.other_specialties.setObjectName("field_other_specialties")
        self.other_specialties.setPlaceholderText("其他特长，多项用“、”分隔")
        self.time_chips = ChipGroup(columns=4)
        self.time_chips.setObjectName("field_available_times")
        self.time_chips.set_options(AVAILABLE_TIMES)
        self.id_status = small_label(role="success")
        self.id_status.setObjectName("idStatus")
        for widget, name in (
            (self.gender_combo, "gender"),
            (self.political_combo, "political_status"),
            (self.ethnicity_combo, "ethnicity"),
        ):
            widget.currentTextChanged.connect(lambda _t, n=name: self._on_edited(n))
        self.unit_combo.currentTextChanged.connect(self._on_unit_text)
        self.birth_edit.textChanged.connect(lambda _t: self._on_edited("birth_date"))
        self.joined_edit.textChanged.connect(lambda _t: self._on_edited("joined_party_on"))
        self.specialty_chips.changed.connect(lambda: self._on_edited("specialties"))
        self.time_chips.changed.connect(lambda: self._on_edited("available_times"))

        self.grids: list[FieldGrid] = []
        self.sections: dict[str, QGroupBox] = build_sections(self)
        self.set_units(units)

    def tab_chain(self) -> list[QWidget]:
        """The editors in the order a clerk fills them (the dialog sets the Tab order)."""
        e = self.edits
        return [
            e["name"],
            self.gender_combo,
            e["id_number"],
            self.birth_edit,
            self.ethnicity_combo,
            self.political_combo,
            self.joined_edit,
            e["mobile"],
            e["landline"],
            e["estate"],
            e["building"],
            e["entrance"],
            e["room"],
            self.unit_combo,
            self.new_unit_button,
            *self.quick_unit.tab_chain(),
            e["branch"],
            e["post_title"],
            *self.specialty_chips.chips.values(),
            self.other_specialties,
            *self.time_chips.chips.values(),
            e["remarks"],
        ]

    # -- units ----------------------------------------------------------------------------------

    def set_units(self, units: Sequence[UnitInfo], *, select: int | None = None) -> None:
        """Offer these units (the registered, active ones); keep or set the selection."""
        keep = self.unit_id() if select is None else select
        text = self.unit_combo.currentText()
        self._units = {u.id: u for u in units}
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem("", None)
        for unit in units:
            self.unit_combo.addItem(unit.name, unit.id)
        self.unit_combo.blockSignals(False)
        index = self.unit_combo.findData(keep) if keep is not None else -1
        if index > 0:
            self.unit_combo.setCurrentIndex(index)
        else:
            self.unit_combo.setEditText(text)
        self._on_unit_text(self.unit_combo.currentText())

    def offer_new_unit(self) -> None:
        """Open the inline 登记新单位 panel with what was typed in 工作单位."""
        typed = self.unit_combo.currentText().strip()
        self.quick_unit.offer("" if self.unit_id() is not None else typed)

    def _unit_registered(self, unit: UnitInfo) -> None:
        self.set_units([*self._units.values(), unit], select=unit.id)
        self.edits["branch"].setFocus(Qt.FocusReason.OtherFocusReason)

    def unit_id(self) -> int | None:
        index = self.unit_combo.findText(
            self.unit_combo.currentText().strip(), Qt.MatchFlag.MatchFixedString
        )
        data = self.unit_combo.itemData(index) if index > 0 else None
        return int(data) if data is not None else None

    def _on_unit_text(self, _text: str) -> None:
        unit = self._units.get(self.unit_id() or -1)
        hint = unit.party_org if unit and unit.party_org else "如：中共××局机关第一支部委员会"
        self.edits["branch"].setPlaceholderText(hint)
        self._on_edited("unit_id")

    # -- values ---------------------------------------------------------------------------------

    def value(self) -> MemberInput:
        """What the clerk entered (the service normalises and validates it)."""
        texts = {name: edit.text() for name, edit in self.edits.items()}
        gender = self.gender_combo.currentText()
        others = split_list(self.other_specialties.text())
        return MemberInput(
            gender="" if gender == NO_GENDER else gender,
            ethnicity=self.ethnicity_combo.currentText(),
            birth_date=self.birth_edit.value(),
            political_status=self.political_combo.currentText(),
            joined_party_on=self.joined_edit.value(),
            unit_id=self.unit_id(),
            specialties=(*self.specialty_chips.selected(), *others),
            available_times=self.time_chips.selected(),
            **texts,
        )

    def set_value(self, data: MemberInput) -> None:
        for name, edit in self.edits.items():
            edit.setText(str(getattr(data, name)))
        self.gender_combo.setCurrentText(data.gender or NO_GENDER)
        self.birth_edit.set_value(data.birth_date)
        self.ethnicity_combo.setCurrentText(data.ethnicity)
        self.political_combo.setCurrentText(data.political_status)
        self.joined_edit.set_value(data.joined_party_on)
        index = self.unit_combo.findData(data.unit_id) if data.unit_id is not None else 0
        self.unit_combo.setCurrentIndex(max(index, 0))
        self.specialty_chips.set_selected(s for s in data.specialties if s in SPECIALTIES)
        self.other_specialties.setText(
            "、".join(s for s in data.specialties if s not in SPECIALTIES)
        )
        self.time_chips.set_selected(data.available_times)
        if not data.gender or data.birth_date is None:
            self._read_id_number(data.id_number)  # what the number says fills the gaps
        self.clear_errors()

    def known_birth_date(self) -> date | None:
        """出生日期 as typed, or as the complete ID number says."""
        typed = self.birth_edit.value()
        if typed is not None:
            return typed
        try:
            return parse_id_number(clean_id_number(self.edits["id_number"].text())).birth_date
        except IdNumberError:
            return None

    def joined_problem(self, joined: date) -> str | None:
        """入党时间 between the 18th birthday and today: the service's own rule."""
        return joined_party_problem(joined, self.known_birth_date(), today=date.today())

    def local_errors(self) -> list[ValidationError]:
        """Problems the form sees before any service call: required fields left empty, dates
        that cannot be read or cannot be true, a unit name not in the list."""
        errors: list[ValidationError] = []
        for grid in self.grids:
            errors += grid.missing(FIELD_LABELS)
            errors += grid.date_problems(FIELD_LABELS)
        if any(e.field == "mobile" for e in errors) and self.edits["landline"].text().strip():
            errors = [e for e in errors if e.field != "mobile"]  # a landline will do
        text = self.unit_combo.currentText().strip()
        if text and self.unit_id() is None:
            errors.append(
                ValidationError(
                    "unit_id",
                    "不是已登记的单位，请从列表中选择，或按“登记新单位”在这里登记",
                    label=FIELD_LABELS["unit_id"],
                )
            )
        return errors

    # -- errors ---------------------------------------------------------------------------------

    def show_errors(self, errors: Iterable[ValidationError]) -> list[ValidationError]:
        """Show each error under its field; returns the errors that name no field here."""
        rest = list(errors)
        if any(e.field == "id_number" for e in rest):
            self.id_status.clear()  # no green tick beside a refused number
        for grid in self.grids:
            rest = grid.show_errors(rest)
        return rest

    def grid_of(self, name: str) -> FieldGrid:
        return next(g for g in self.grids if name in g.names())

    def first_invalid(self) -> QWidget | None:
        return next((w for g in self.grids if (w := g.first_invalid()) is not None), None)

    def clear_errors(self) -> None:
        for grid in self.grids:
            grid.clear_errors()

    def error_text(self, name: str) -> str:
        return next((t for g in self.grids if (t := g.error_text(name))), "")

    def _on_edited(self, name: str) -> None:
        for grid in self.grids:
            grid.clear_error(name)
        self.edited.emit()

    def _read_id_number(self, text: str) -> None:
        """Fill 性别 and 出生日期 from a complete, valid number; flag a bad one at once."""
        self.id_status.clear()
        value = clean_id_number(text)
        if len(value) < 18:
            return
        try:
            parsed = parse_id_number(value)
        except IdNumberError as exc:
            self.show_errors(
                [ValidationError("id_number", str(exc), label=FIELD_LABELS["id_number"])]
            )
            return
        self.gender_combo.setCurrentText(parsed.gender)
        self.birth_edit.set_value(parsed.birth_date)
        self.id_status.setText(f"✓ {parsed.gender} · {parsed.birth_date:%Y-%m-%d}")
