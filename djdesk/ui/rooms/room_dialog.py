"""新增 / 编辑场地 (administrators): name, place, capacity, equipment, status, approval, who may
book, and the opening hours of each kind of day. Nothing is saved until every field is right;
each problem is shown under its field."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from djdesk.errors import DjdeskError, ValidationError, ValidationErrors
from djdesk.services.rooms.rooms import (
    FIELD_LABELS,
    RoomInfo,
    RoomInput,
    save_room,
    validate_room,
)
from djdesk.services.rooms.types import BookerCategory, RoomStatus
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.editors import ChipGroup
from djdesk.ui.common.errors import show_error, with_rule_errors
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.form_dialog import FormDialog
from djdesk.ui.rooms.hours_editor import HoursEditor

log = logging.getLogger(__name__)


def _spin(name: str, high: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(f"field_{name}")
    spin.setRange(0, high)
    spin.setSuffix(suffix)
    return spin


class RoomDialog(FormDialog):
    """A new room (``room`` None) or an existing one; :attr:`saved_room` after 保存."""

    def __init__(
        self, ctx: UiContext, room: RoomInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "编辑场地" if room else "新增场地",
            room.name if room else "新增场地",
            "开放时间每行可写几段，如 08:30-12:00, 13:30-17:30；留空表示当天不开放。",
            accept_enabled=ctx.is_admin,
            parent=parent,
        )
        self.setObjectName("roomDialog")
        self.ctx = ctx
        self.room = room
        self.saved_room: RoomInfo | None = None
        self.grid = FieldGrid(columns=2)
        self.edits: dict[str, QLineEdit] = {}
        for name in ("name", "code", "floor", "location", "equipment", "phone"):
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            edit.textChanged.connect(lambda _t, n=name: self.grid.clear_error(n))
            self.edits[name] = edit
        self.edits["equipment"].setPlaceholderText("用顿号分隔，如：投影、音响、桌椅")
        self.capacity_spin = _spin("capacity", 5000, " 人")
        self.area_spin = _spin("area_sqm", 100000, " 平方米")
        self.order_spin = _spin("sort_order", 100000)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("field_status")
        for status in RoomStatus:
            self.status_combo.addItem(status.value, status.value)
        self.approval_check = QCheckBox("预约须经审批（否则登记即批准）")
        self.approval_check.setObjectName("field_needs_approval")
        self.categories = ChipGroup(columns=5)
        self.categories.set_options([c.value for c in BookerCategory])
        self.categories.changed.connect(lambda: self.grid.clear_error("categories"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("field_description")
        self.description_edit.setFixedHeight(64)
        self.hours = HoursEditor()
        for edit in self.hours.edits.values():
            edit.textChanged.connect(lambda _t: self.grid.clear_error("hours"))
        grid = self.grid
        grid.add("name", "场地名称", self.edits["name"], 0, 0, required=True)
        grid.add("code", "编号", self.edits["code"], 0, 1)
        grid.add("floor", "楼层", self.edits["floor"], 1, 0)
        grid.add("location", "位置", self.edits["location"], 1, 1)
        grid.add("capacity", "容纳人数", self.capacity_spin, 2, 0, required=True)
        grid.add("area_sqm", "面积", self.area_spin, 2, 1)
        grid.add("status", "状态", self.status_combo, 3, 0)
        grid.add("needs_approval", "审批", self.approval_check, 3, 1)
        grid.add("categories", "可预约对象", self.categories, 4, 0, 2)
        grid.add("equipment", "设备", self.edits["equipment"], 5, 0, 2)
        grid.add("phone", "联系电话", self.edits["phone"], 6, 0)
        grid.add("sort_order", "排序", self.order_spin, 6, 1)
        grid.add("hours", "开放时间", self.hours, 7, 0, 2, editor=self.hours.edits[0])
        grid.add("description", "使用说明", self.description_edit, 8, 0, 2)
        self.add_body(grid)
        self.body_layout.addStretch(1)
        if room is not None:
            self.set_value(room)
        else:
            self.capacity_spin.setValue(20)
            self.categories.set_selected([c.value for c in BookerCategory])
        self.fit_content(860)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.edits["name"].setFocus(Qt.FocusReason.OtherFocusReason)

    def set_value(self, room: RoomInfo) -> None:
        for name, edit in self.edits.items():
            value = getattr(room, name)
            edit.setText("、".join(value) if isinstance(value, tuple) else str(value))
        self.capacity_spin.setValue(room.capacity)
        self.area_spin.setValue(room.area_sqm)
        self.order_spin.setValue(room.sort_order)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(room.status), 0))
        self.approval_check.setChecked(room.needs_approval)
        self.categories.set_selected(room.categories)
        self.description_edit.setPlainText(room.description)
        self.hours.set_hours(room.hours)

    def value(self) -> tuple[RoomInput, list[ValidationError]]:
        hours, problems = self.hours.hours()
        errors = [ValidationError("hours", p, label=FIELD_LABELS["hours"]) for p in problems]
        data = RoomInput(
            name=self.edits["name"].text(),
            code=self.edits["code"].text(),
            floor=self.edits["floor"].text(),
            location=self.edits["location"].text(),
            area_sqm=self.area_spin.value(),
            capacity=self.capacity_spin.value(),
            equipment=tuple(self.edits["equipment"].text().replace("，", "、").split("、")),
            status=str(self.status_combo.currentData()),
            needs_approval=self.approval_check.isChecked(),
            categories=self.categories.selected(),
            phone=self.edits["phone"].text(),
            description=self.description_edit.toPlainText(),
            sort_order=self.order_spin.value(),
            hours=hours,
        )
        return data, errors

    def accept(self) -> None:
        """Save; problems are shown at their fields and the dialog stays open."""
        self.grid.clear_errors()
        data, errors = self.value()
        errors = self.grid.missing(FIELD_LABELS) + errors
        try:
            if errors:  # say everything at once: the service's rules on the rest too
                raise ValidationErrors(with_rule_errors(errors, lambda: validate_room(data)))
            self.saved_room = save_room(
                self.ctx.db, data, actor=self.ctx.actor, room_id=self.room.id if self.room else None
            )
        except ValidationErrors as exc:
            rest = self.grid.show_errors(exc, focus=True)
            if rest:
                show_error(ValidationErrors(rest), self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("room %s saved", self.saved_room.id)
        self.ctx.notify("room", self.saved_room.id)
        self.mark_clean()
        super().accept()
