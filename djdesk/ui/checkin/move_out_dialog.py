"""办理迁出: end a member's current check-in with a date and a reason (history is kept)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QVBoxLayout, QWidget

from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.services.checkin.checkins import move_out
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.dialogs import DialogButtons, dialog_heading, intro_label
from djdesk.ui.common.editors import styled_date_edit, to_date
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.field_grid import FieldGrid

#: Usual reasons, offered in the (editable) reason box.
REASONS = ("搬离本社区", "工作单位变动", "组织关系转出", "本人申请", "其他")


class MoveOutDialog(QDialog):
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
        super().__init__(parent)
        self.setObjectName("moveOutDialog")
        self.setWindowTitle("办理迁出")
        self.ctx = ctx
        self.member_id = member_id
        heading = dialog_heading(f"{name} 迁出" if name else "办理迁出", delta=2)
        since = f"（{checked_in_on:%Y-%m-%d} 报到）" if checked_in_on else ""
        intro = intro_label(
            f"结束该党员当前的报到{since}。报到记录和历史都会保留，以后可以重新报到。"
        )

        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("field_moved_out_on")
        styled_date_edit(self.date_edit)
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("field_reason")
        self.reason_combo.setEditable(True)
        self.reason_combo.addItems(list(REASONS))
        self.reason_combo.setCurrentIndex(-1)
        reason_line = self.reason_combo.lineEdit()
        assert reason_line is not None
        reason_line.setPlaceholderText("选择或填写迁出原因")
        grid = self.grid = FieldGrid(columns=1)
        # The service names the date "checked_in_on" and the reason "remarks" in its errors.
        grid.add(("moved_out_on", "checked_in_on"), "迁出日期", self.date_edit, 0)
        grid.add(("reason", "remarks"), "迁出原因", self.reason_combo, 1)
        self.reason_combo.currentTextChanged.connect(lambda _t: grid.clear_error("remarks"))
        self.date_edit.dateChanged.connect(lambda _d: grid.clear_error("checked_in_on"))

        self.buttons = DialogButtons(self, "确认迁出", enabled=ctx.can_write)
        self.ok_button = self.buttons.accept_button

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reason_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> tuple[date, str]:
        return to_date(self.date_edit.date()), self.reason_combo.currentText()

    def accept(self) -> None:
        self.grid.clear_errors()
        on, reason = self.value()
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
