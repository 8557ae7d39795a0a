"""闭馆 and 特别开放时间 (administrators): closing the centre or one room for some days, and
changing the hours of a single date.

A closure may fall on existing bookings: they are listed after saving, and with 同时取消受影响的
预约 ticked they are cancelled with the closure as the reason — after a confirmation naming how
many, since that cannot be taken back. Special hours replace a date's usual hours (empty: closed
that day).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QMessageBox, QWidget

from djdesk.errors import DjdeskError, ValidationError, ValidationErrors
from djdesk.services.rooms.closures import (
    ClosureResult,
    add_closure,
    set_day_hours,
    validate_closure,
)
from djdesk.services.rooms.rooms import list_rooms
from djdesk.services.rooms.types import BookingStatus
from djdesk.services.rooms.views import BookingFilter, count_bookings
from djdesk.ui.common.confirm import ConfirmDialog, confirm
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.dialogs import show_notice
from djdesk.ui.common.errors import show_error, with_rule_errors
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.form_dialog import FormDialog
from djdesk.ui.rooms.hours_editor import parse_intervals

LABELS = {
    "room": "场地",
    "first_day": "开始日期",
    "last_day": "结束日期",
    "day": "日期",
    "hours": "开放时间",
    "reason": "原因",
}


def room_combo(ctx: UiContext) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("field_room")
    combo.addItem("全中心（所有场地）", None)
    for room in list_rooms(ctx.db):
        combo.addItem(room.name, room.id)
    return combo


class _AdminForm(FormDialog):
    def __init__(self, ctx: UiContext, title: str, intro: str, parent: QWidget | None) -> None:
        super().__init__(title, title, intro, accept_enabled=ctx.is_admin, parent=parent)
        self.ctx = ctx
        self.grid = FieldGrid(columns=2)
        self.add_body(self.grid)
        self.body_layout.addStretch(1)
        self.first: QWidget | None = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.first is not None:
            self.first.setFocus(Qt.FocusReason.OtherFocusReason)

    def refuse(self, errors: ValidationErrors | list[ValidationError]) -> None:
        rest = self.grid.show_errors(errors, focus=True)
        if rest:
            show_error(ValidationErrors(rest), self)


class ClosureDialog(_AdminForm):
    """闭馆: one room or the whole centre, from a date to a date, with the reason."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, "设置闭馆", "闭馆期间不能预约；已有的预约会列出，可一并取消。", parent
        )
        self.setObjectName("closureDialog")
        self.result_: ClosureResult | None = None
        self.confirmation: ConfirmDialog | None = None
        self.room = room_combo(ctx)
        self.first_edit = DateField()
        self.first_edit.setObjectName("field_first_day")
        self.last_edit = DateField()
        self.last_edit.setObjectName("field_last_day")
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("field_reason")
        self.reason_edit.setPlaceholderText("如：场地维修、选举投票点")
        self.cancel_check = QCheckBox("同时取消受影响的预约（以闭馆为理由）")
        self.cancel_check.setObjectName("field_cancel_affected")
        g = self.grid
        g.add("room", "场地", self.room, 0, 0, 2)
        g.add("first_day", "开始日期", self.first_edit, 1, 0, required=True)
        g.add("last_day", "结束日期", self.last_edit, 1, 1, required=True)
        g.add("reason", "原因", self.reason_edit, 2, 0, 2, required=True)
        g.add("cancel_affected", "", self.cancel_check, 3, 0, 2)
        for name, edit in (
            ("first_day", self.first_edit),
            ("last_day", self.last_edit),
            ("reason", self.reason_edit),
        ):
            edit.textChanged.connect(lambda _t, n=name: self.grid.clear_error(n))
        self.first = self.first_edit
        self.fit_content(620)

    def accept(self) -> None:
        self.grid.clear_errors()
        errors = self.grid.missing(LABELS) + self.grid.date_problems(LABELS)
        first, last = self.first_edit.value(), self.last_edit.value()
        if first is not None and last is not None:  # the service's own checks, all at once
            reason = self.reason_edit.text()
            errors = with_rule_errors(errors, lambda: validate_closure(first, last, reason))
        if errors or first is None or last is None:
            self.refuse(errors)
            return
        if self.cancel_check.isChecked():
            affected = self._affected(first, last)
            if affected:
                self.confirmation = confirm(
                    self,
                    title="取消受影响的预约",
                    heading=f"取消 {affected} 个预约？",
                    text=f"闭馆期间已有 {affected} 个待审批或已批准的预约，将以闭馆为理由全部取消，"
                    "取消后不能恢复。请随后逐一通知预约人。",
                    action="闭馆并取消预约",
                    on_confirm=lambda: self.save(first, last),
                )
                return
        self.save(first, last)

    def _affected(self, first: date, last: date) -> int:
        room_id = self.room.currentData()
        return sum(
            count_bookings(
                self.ctx.db,
                BookingFilter(room_id=room_id, status=status, first_day=first, last_day=last),
            )
            for status in (BookingStatus.PENDING, BookingStatus.APPROVED)
        )

    def save(self, first: date, last: date) -> None:
        try:
            self.result_ = add_closure(
                self.ctx.db,
                first,
                last,
                self.reason_edit.text(),
                actor=self.ctx.actor,
                room_id=self.room.currentData(),
                cancel_affected=self.cancel_check.isChecked(),
            )
        except ValidationErrors as exc:
            self.refuse(exc)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        result = self.result_
        self.ctx.notify("room_closure", result.closure.id)
        if result.affected:
            self.ctx.notify("booking", *(b.id for b in result.affected))
            verb = "已取消" if result.cancelled else "仍保留（请逐一处理）"
            names = "\n".join(
                f"{b.day:%m-%d} {b.time_text} {b.room_name} {b.booker_name} {b.booker_phone}"
                for b in result.affected[:15]
            )
            show_notice(
                self.parentWidget() or self,
                QMessageBox.Icon.Information,
                "闭馆已设置",
                f"闭馆期间的 {len(result.affected)} 个预约{verb}：\n{names}",
            )
        self.mark_clean()
        super().accept()


class DayHoursDialog(_AdminForm):
    """特别开放时间: the hours of one date for one room or the whole centre."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "特别开放时间", "只改这一天：开放时间留空表示当天不开放。", parent)
        self.setObjectName("dayHoursDialog")
        self.room = room_combo(ctx)
        self.day_edit = DateField()
        self.day_edit.setObjectName("field_day")
        self.hours_edit = QLineEdit()
        self.hours_edit.setObjectName("field_hours")
        self.hours_edit.setPlaceholderText("如 09:00-12:00；留空：当天不开放")
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("field_reason")
        g = self.grid
        g.add("room", "场地", self.room, 0, 0, 2)
        g.add("day", "日期", self.day_edit, 1, 0, required=True)
        g.add("hours", "开放时间", self.hours_edit, 1, 1)
        g.add("reason", "原因", self.reason_edit, 2, 0, 2)
        self.day_edit.textChanged.connect(lambda _t: self.grid.clear_error("day"))
        self.hours_edit.textChanged.connect(lambda _t: self.grid.clear_error("hours"))
        self.first = self.day_edit
        self.fit_content(620)

    def accept(self) -> None:
        self.grid.clear_errors()
        errors = self.grid.missing(LABELS) + self.grid.date_problems(LABELS)
        try:
            intervals = list(parse_intervals(self.hours_edit.text()))
        except ValueError as exc:
            errors.append(ValidationError("hours", str(exc), label=LABELS["hours"]))
        day = self.day_edit.value()
        if errors or day is None:
            self.refuse(errors)
            return
        try:
            set_day_hours(
                self.ctx.db,
                day,
                intervals,
                actor=self.ctx.actor,
                room_id=self.room.currentData(),
                reason=self.reason_edit.text(),
            )
        except ValidationErrors as exc:
            self.refuse(exc)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        self.ctx.notify("room_closure")
        self.mark_clean()
        super().accept()
