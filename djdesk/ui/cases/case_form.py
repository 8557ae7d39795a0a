"""The 办件登记 form's sections: 事项, 申请人 and 办理 (the 证明 section is
:mod:`djdesk.ui.cases.certificate_fields`).

事项 is the item's code (the search fills it in; any code, name or initials typed here are looked
up again) or, ticked 清单外事项, what the work was with the department that handed it down and
why. 申请人 holds name, ID number (checked as soon as the field is left), phone and address.
办理 holds the item's materials as chips, the date, the result with the receiving department
(转办) or the reason (不予办理), the handler, the time spent and remarks. Field names are
:class:`~djdesk.services.cases.case_input.CaseInput`'s, so the service's errors land under the
fields they name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import ValidationError
from djdesk.services.cases.case_input import FIELD_LABELS, LIMITS, MAX_MINUTES
from djdesk.services.cases.types import CaseResult
from djdesk.ui.common.date_field import DateField, plausible
from djdesk.ui.common.editors import ChipGroup
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.validation.idcard import IdNumberError, parse_id_number

HINTS = {
    "item": "编号（如 ZM-01）、名称或拼音首字母",
    "item_name": "所办何事，如：协助入户核查",
    "requesting_department": "如：区统计局",
    "request_reason": "交办的文件或事由",
    "applicant_name": "与身份证一致",
    "applicant_id_number": "18 位，末位可为 X",
    "applicant_phone": "手机或固定电话",
    "applicant_address": "小区、楼栋、单元、室",
    "transferred_to": "接收部门",
    "refusal_reason": "不予办理的原因",
    "handler": "经办人姓名",
}


def line_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(f"field_{name}")
    edit.setPlaceholderText(HINTS.get(name, ""))
    if name in LIMITS:
        edit.setMaxLength(LIMITS[name])
    return edit


def id_problem(text: str) -> str:
    """Why a typed ID number is not valid ("" when empty or fine)."""
    if not text.strip():
        return ""
    try:
        parse_id_number(text, today=date.today())
    except IdNumberError as exc:
        return str(exc)
    return ""


class CaseForm(QWidget):
    """The 事项, 申请人 and 办理 group boxes (:attr:`sections`)."""

    #: The clerk left the 事项 field having typed something else: look it up.
    item_edited = Signal(str)
    #: 清单外事项 was ticked or unticked, or the result changed.
    shape_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits = {name: line_edit(name) for name in HINTS}
        self.outside_check = QCheckBox("清单外事项（三张清单之外、由部门交办的工作）")
        self.outside_check.setObjectName("field_outside")
        self.outside_check.toggled.connect(lambda _on: self._reshape())
        self.edits["item"].editingFinished.connect(self._item_left)
        self._item_text = ""

        grid = self.item_grid = FieldGrid(columns=2)
        grid.add("outside", "", self.outside_check, 0, 0, span=2)
        grid.add("item", "事项", self.edits["item"], 1, 0, span=2, required=True)
        grid.add("item_name", "所办何事", self.edits["item_name"], 2, 0, span=2, required=True)
        grid.add(
            "requesting_department",
            "交办部门",
            self.edits["requesting_department"],
            3,
            0,
            required=True,
        )
        grid.add("request_reason", "交办事由", self.edits["request_reason"], 3, 1, required=True)

        applicant = self.applicant_grid = FieldGrid(columns=2)
        applicant.add("applicant_name", "申请人", self.edits["applicant_name"], 0, 0)
        applicant.add("applicant_id_number", "身份证号", self.edits["applicant_id_number"], 0, 1)
        applicant.add("applicant_phone", "联系电话", self.edits["applicant_phone"], 1, 0)
        applicant.add("applicant_address", "住址", self.edits["applicant_address"], 1, 1)
        self.edits["applicant_id_number"].setMaxLength(20)
        self.edits["applicant_id_number"].editingFinished.connect(self.check_id_number)

        self.materials = ChipGroup(columns=3)
        self.materials.setObjectName("field_materials")
        self.date_edit = DateField(checks=[plausible("handled_on")])
        self.date_edit.setObjectName("field_handled_on")
        self.date_edit.set_value(date.today())
        self.result_combo = QComboBox()
        self.result_combo.setObjectName("field_result")
        self.result_combo.addItems([r.value for r in CaseResult])
        self.result_combo.currentIndexChanged.connect(lambda _i: self._reshape())
        self.minutes = QSpinBox()
        self.minutes.setObjectName("field_minutes_spent")
        self.minutes.setRange(0, MAX_MINUTES)
        self.minutes.setSuffix(" 分钟")
        self.remarks = QPlainTextEdit()
        self.remarks.setObjectName("field_remarks")
        self.remarks.setFixedHeight(54)
        self.remarks.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.remarks.setTabChangesFocus(True)
        handling = self.handling_grid = FieldGrid(columns=2)
        handling.add("materials", "已收材料", self.materials, 0, 0, span=2)
        handling.add("handled_on", "办理日期", self.date_edit, 1, 0, required=True)
        handling.add("result", "办理结果", self.result_combo, 1, 1, required=True)
        handling.add(
            "transferred_to", "接收部门", self.edits["transferred_to"], 2, 0, span=2, required=True
        )
        handling.add(
            "refusal_reason",
            "不予办理原因",
            self.edits["refusal_reason"],
            3,
            0,
            span=2,
            required=True,
        )
        handling.add("handler", "经办人", self.edits["handler"], 4, 0, required=True)
        handling.add("minutes_spent", "用时", self.minutes, 4, 1)
        handling.add("remarks", "备注", self.remarks, 5, 0, span=2)
        self.materials.changed.connect(lambda: handling.clear_error("materials"))

        self.sections: dict[str, QGroupBox] = {}
        for key, title, layout in (
            ("item", "事项", grid),
            ("applicant", "申请人", applicant),
            ("handling", "办理", handling),
        ):
            box = QGroupBox(title)
            box.setObjectName(f"section_{key}")
            box_layout = QVBoxLayout(box)
            box_layout.setSpacing(6)
            box_layout.addLayout(layout)
            self.sections[key] = box
        self._reshape()

    # -- shape ----------------------------------------------------------------------------------

    @property
    def grids(self) -> tuple[FieldGrid, ...]:
        return (self.item_grid, self.applicant_grid, self.handling_grid)

    def is_outside(self) -> bool:
        return self.outside_check.isChecked()

    def result(self) -> CaseResult:
        return CaseResult(self.result_combo.currentText())

    def _reshape(self) -> None:
        outside = self.is_outside()
        self.item_grid.set_row_visible("item", not outside)
        for name in ("item_name", "requesting_department", "request_reason"):
            self.item_grid.set_row_visible(name, outside)
        result = self.result()
        self.handling_grid.set_row_visible("transferred_to", result == CaseResult.TRANSFERRED)
        self.handling_grid.set_row_visible("refusal_reason", result == CaseResult.REFUSED)
        self.handling_grid.set_row_visible("materials", bool(self.materials.chips))
        self.shape_changed.emit()

    def set_materials(self, options: Sequence[str]) -> None:
        """The item's materials as chips (what was checked and is still listed stays checked)."""
        keep = [m for m in self.materials.selected() if m in options]
        self.materials.set_options(list(options))
        self.materials.set_selected(keep)
        self._reshape()

    # -- the item field -------------------------------------------------------------------------

    def set_item_text(self, text: str) -> None:
        """Put a resolved item's code in the field (without looking it up again)."""
        self._item_text = text
        self.edits["item"].setText(text)

    def _item_left(self) -> None:
        text = self.edits["item"].text().strip()
        if text != self._item_text:
            self._item_text = text
            self.item_edited.emit(text)

    def check_id_number(self) -> bool:
        """Say under the field at once when the ID number typed is not valid."""
        self.applicant_grid.clear_error("applicant_id_number")
        problem = id_problem(self.edits["applicant_id_number"].text())
        if problem:
            self.applicant_grid.show_error("applicant_id_number", problem)
        return not problem

    # -- values ---------------------------------------------------------------------------------

    def text(self, name: str) -> str:
        return self.edits[name].text()

    def local_errors(self) -> list[ValidationError]:
        """Required fields left empty and a date that cannot be read (before any service)."""
        found: list[ValidationError] = []
        for grid in self.grids:
            found += grid.missing(FIELD_LABELS) + grid.date_problems(FIELD_LABELS)
        return found

    def tab_chain(self) -> list[QWidget]:
        """The 事项 and 申请人 fields in the order a clerk fills them."""
        chain: list[QWidget] = [self.outside_check]
        if self.is_outside():
            chain += [self.edits[n] for n in ("item_name", "requesting_department")]
            chain.append(self.edits["request_reason"])
        else:
            chain.append(self.edits["item"])
        names = ("applicant_name", "applicant_id_number", "applicant_phone", "applicant_address")
        return chain + [self.edits[n] for n in names] + list(self.materials.chips.values())

    def handling_chain(self) -> list[QWidget]:
        chain: list[QWidget] = [self.date_edit, self.result_combo]
        if self.result() == CaseResult.TRANSFERRED:
            chain.append(self.edits["transferred_to"])
        elif self.result() == CaseResult.REFUSED:
            chain.append(self.edits["refusal_reason"])
        return [*chain, self.edits["handler"], self.minutes, self.remarks]
