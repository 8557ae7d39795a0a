"""The four group boxes of the member form (基本信息, 联系方式与住址, 单位与党组织, 服务意向):
where each of :class:`~djdesk.ui.checkin.member_form.MemberForm`'s editors sits, which fields are
required, and which names the services' errors use for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from djdesk.ui.common.field_grid import FieldGrid

#: The member form whose editors are laid out (``Any``: that module imports this one).
MemberForm = Any


def section(title: str, grid: FieldGrid, extra: Iterable[QWidget] = ()) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setSpacing(6)
    layout.addLayout(grid)
    for widget in extra:
        layout.addWidget(widget)
    return box


def build_sections(form: MemberForm) -> dict[str, QGroupBox]:
    """The group boxes by key; their field grids are added to ``form.grids`` in this order."""
    return {
        "basic": _basic_section(form),
        "contact": _contact_section(form),
        "unit": _unit_section(form),
        "service": _service_section(form),
    }


def _grid(form: MemberForm) -> FieldGrid:
    grid = FieldGrid(columns=2)
    form.grids.append(grid)
    return grid


def _basic_section(form: MemberForm) -> QGroupBox:
    grid = _grid(form)
    id_cell = QWidget()
    id_row = QHBoxLayout(id_cell)
    id_row.setContentsMargins(0, 0, 0, 0)
    id_row.addWidget(form.edits["id_number"], 1)
    id_row.addWidget(form.id_status)
    grid.add("name", "姓名", form.edits["name"], 0, 0, required=True)
    grid.add("gender", "性别", form.gender_combo, 0, 1)
    grid.add(
        "id_number",
        "公民身份号码",
        id_cell,
        1,
        0,
        span=2,
        editor=form.edits["id_number"],
        required=True,
    )
    grid.add("birth_date", "出生日期", form.birth_edit, 2, 0)
    grid.add("ethnicity", "民族", form.ethnicity_combo, 2, 1)
    grid.add("political_status", "政治面貌", form.political_combo, 3, 0)
    grid.add("joined_party_on", "入党时间", form.joined_edit, 3, 1)
    return section("基本信息", grid)


def _contact_section(form: MemberForm) -> QGroupBox:
    grid = _grid(form)
    grid.add("mobile", "手机号码", form.edits["mobile"], 0, 0, required=True)
    form.edits["mobile"].setToolTip("没有手机的，可只填固定电话")
    grid.add("landline", "固定电话", form.edits["landline"], 0, 1)
    place = QWidget()
    row = QHBoxLayout(place)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    row.addWidget(form.edits["estate"], 3)
    for name, unit in (("building", "栋"), ("entrance", "单元"), ("room", "室")):
        row.addWidget(form.edits[name], 1)
        row.addWidget(QLabel(unit))
    address = ("estate", "building", "entrance", "room")
    editors = {name: form.edits[name] for name in address}
    grid.add(address, "家庭住址", place, 1, 0, span=2, editor=editors)
    return section("联系方式与住址", grid)


def _unit_section(form: MemberForm) -> QGroupBox:
    grid = _grid(form)
    unit_cell = QWidget()
    row = QHBoxLayout(unit_cell)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(form.unit_combo, 1)
    row.addWidget(form.new_unit_button)
    grid.add(
        "unit_id",
        "工作单位",
        unit_cell,
        0,
        0,
        span=2,
        editor=form.unit_combo,
        required=form.unit_required,
    )
    grid.addWidget(form.quick_unit, 2, 1, 1, 3)  # under the unit's error line
    grid.add("branch", "所在党支部", form.edits["branch"], 2, 0, span=2)
    grid.add("post_title", "职务/职级", form.edits["post_title"], 3, 0)
    return section("单位与党组织", grid)


def _service_section(form: MemberForm) -> QGroupBox:
    grid = _grid(form)
    specialties = QWidget()
    column = QVBoxLayout(specialties)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(6)
    column.addWidget(form.specialty_chips)
    column.addWidget(form.other_specialties)
    grid.add("specialties", "专业特长", specialties, 0, 0, span=2, editor=form.other_specialties)
    grid.add("available_times", "可服务时间", form.time_chips, 1, 0, span=2)
    grid.add("remarks", "备注", form.edits["remarks"], 2, 0, span=2)
    return section("服务意向", grid)
