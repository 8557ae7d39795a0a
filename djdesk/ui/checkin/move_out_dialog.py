"""办理迁出: end a member's current check-in with a date and a reason (history is kept).

A destructive confirmation (:class:`~djdesk.ui.common.confirm.ConfirmDialog`): 取消 is the
default button, 确认迁出 must be chosen deliberately; the date and reason are asked in the same
dialog and refused at their fields when wrong.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QWidget

from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.services.checkin.checkins import move_out
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.field_grid import FieldGrid

#: Usual reasons, offered in the (editable) reason box.
REASONS = ("搬离本社区", "工作单位变动", "组织关系转出", "本人申请", "其他")


class MoveOutDialog(ConfirmDialog):
    """Date (today by default) and reason; 确认迁出 calls ``move_out``."""

    def __init__(
        self,
        ctx: UiContext,
        member_id: int,
        *,
        name: str = "",
        checked_in_on: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.grid = FieldGrid(columns=1)
        since = f"（{checked_in_on:%Y-%m-%d} 报到）" if checked_in_on else ""
        super().__init__(
            "办理迁出",
            f"结束该党员当前的报到{since}。报到记录和历史都会保留，以后可以重新报到。",
            "确认迁出",
            heading=f"{name} 迁出" if name else "办理迁出",
            body=self.grid,
            parent=parent,
        )
        self.setObjectName("moveOutDialog")
        self.ctx = ctx
        self.member_id = member_id
        self.date_edit = DateField(not_future=True, minimum=checked_in_on)
        self.date_edit.setObjectName("field_moved_out_on")
        self.date_edit.set_value(date.today())
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("field_reason")
        self.reason_combo.setEditable(True)
        self.reason_combo.addItems(list(REASONS))
        self.reason_combo.setCurrentIndex(-1)
        reason_line = self.reason_combo.lineEdit()
        assert reason_line is not None
        reason_line.setPlaceholderText("选择或填写迁出原因")
        # The service names the date "checked_in_on" and the reason "remarks" in its errors.
        self.grid.add(
            ("moved_out_on", "checked_in_on"), "迁出日期", self.date_edit, 0, required=True
        )
        self.grid.add(("reason", "remarks"), "迁出原因", self.reason_combo, 1, required=True)
        self.reason_combo.currentTextChanged.connect(lambda _t: self.grid.clear_error("remarks"))
        self.ok_button = self.action_button
        self.ok_button.setEnabled(ctx.can_write)
        QWidget.setTabOrder(self.date_edit, self.reason_combo)
        QWidget.setTabOrder(self.reason_combo, self.action_button)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reason_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> tuple[date | None, str]:
        return self.date_edit.value(), self.reason_combo.currentText()

    def accept(self) -> None:
        self.grid.clear_errors()
        problems = self.grid.date_problems({"moved_out_on": "迁出日期"})
        if problems:
            self.grid.show_errors(problems, focus=True)
            return
        on, reason = self.value()
        if on is None:
            self.grid.show_error("moved_out_on", "不能为空", focus=True)
            return
        try:
            move_out(self.ctx.db, self.member_id, on=on, reason=reason, actor=self.ctx.actor)
        except ValidationErrors as errors:
            rest = self.grid.show_errors(errors, focus=True)
            if rest:
                show_error(ValidationErrors(rest), self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        self.ctx.notify("checkin")
        super().accept()
