"""登记签订 and 终止: the two status changes of an agreement that need a date (and a reason).

:class:`SignDialog` is a small form: the date both parties signed and sealed the printed text
(not after today, not before the text was printed). :class:`TerminateDialog` is the shared
destructive confirmation (the safe choice 取消 is the default, the action is named 终止协议)
with the termination date and a reason that must be given; an empty reason is refused at the
field and the dialog stays open.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtWidgets import QComboBox, QWidget

from djdesk.errors import DjdeskError, ValidationError, ValidationErrors
from djdesk.services.agreements.records import sign_agreement, terminate_agreement
from djdesk.services.agreements.types import AgreementInfo, AgreementStatus
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.editors import searchable_combo
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.form_dialog import FormDialog

log = logging.getLogger(__name__)

TERMINATION_REASONS = ("单位撤销或迁出本社区", "双方协商一致提前终止", "单位党组织关系调整")


class SignDialog(FormDialog):
    """The signed date of a printed agreement; :attr:`signed` after 登记签订."""

    def __init__(
        self, ctx: UiContext, agreement: AgreementInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "登记签订",
            f"{agreement.unit_name}：{agreement.kind.short}已签订",
            f"{agreement.serial} 双方签字盖章后登记。登记后协议生效，列入到期提醒；"
            "签好的原件可以扫描后上传。",
            accept_text="登记签订",
            parent=parent,
        )
        self.setObjectName("signDialog")
        self.ctx = ctx
        self.agreement = agreement
        self.signed: AgreementInfo | None = None
        self.date_edit = DateField(not_future=True, minimum=agreement.issued_on)
        self.date_edit.setObjectName("field_signed_on")
        self.date_edit.set_value(date.today())
        self.grid = FieldGrid(columns=1)
        self.grid.add_row("signed_on", "签订日期", self.date_edit, required=True)
        self.add_body(self.grid)
        self.fit_content(520)

    def accept(self) -> None:
        self.grid.clear_errors()
        local = self.grid.missing() + self.grid.date_problems()
        if local:
            self.grid.show_errors(local, focus=True)
            return
        signed_on = self.date_edit.value()
        assert signed_on is not None
        try:
            self.signed = sign_agreement(
                self.ctx.db, self.agreement.id, signed_on, actor=self.ctx.actor
            )
        except ValidationErrors as errors:
            if rest := self.grid.show_errors(errors, focus=True):
                show_error(ValidationErrors(rest), self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("agreement %s signed on %s", self.agreement.id, signed_on)
        self.ctx.notify("agreement", self.agreement.id)
        self.mark_clean()
        super().accept()


class TerminateDialog(ConfirmDialog):
    """终止协议? — with the date and the reason; 取消 is the default button."""

    def __init__(
        self, ctx: UiContext, agreement: AgreementInfo, parent: QWidget | None = None
    ) -> None:
        draft = agreement.status == AgreementStatus.DRAFT
        what = f"{agreement.kind.short}{'草稿' if draft else ''}"
        grid = FieldGrid(columns=1)
        super().__init__(
            f"终止{agreement.kind.short}",
            (
                f"终止后该{what}不能再打印正式文本或续签，记录和已打印的文书仍然保留。"
                "终止原因记入审计日志。"
            ),
            f"终止{agreement.kind.short}",
            heading=f"终止与“{agreement.unit_name}”的{what}？",
            body=grid,
            parent=parent,
        )
        self.grid = grid
        self.setObjectName("terminateDialog")
        self.ctx = ctx
        self.agreement = agreement
        self.terminated: AgreementInfo | None = None
        self.date_edit = DateField(not_future=True)
        self.date_edit.setObjectName("field_terminated_on")
        self.date_edit.set_value(date.today())
        self.reason_combo: QComboBox = searchable_combo("选择或填写终止原因")
        self.reason_combo.setObjectName("field_termination_reason")
        self.reason_combo.addItems(TERMINATION_REASONS)
        self.reason_combo.setCurrentIndex(-1)
        self.reason_combo.setEditText("")
        self.grid.add_row("terminated_on", "终止日期", self.date_edit, required=True)
        self.grid.add_row("termination_reason", "终止原因", self.reason_combo, required=True)
        self.reason_combo.editTextChanged.connect(
            lambda _t: self.grid.clear_error("termination_reason")
        )

    def reason(self) -> str:
        return " ".join(self.reason_combo.currentText().split())

    def accept(self) -> None:
        """Terminate, or show at the fields why not (the dialog stays open)."""
        self.grid.clear_errors()
        local = self.grid.date_problems()
        if self.date_edit.is_empty():
            local.append(ValidationError("terminated_on", "不能为空", label="终止日期"))
        if not self.reason():
            local.append(ValidationError("termination_reason", "不能为空", label="终止原因"))
        if local:
            self.grid.show_errors(local, focus=True)
            return
        on = self.date_edit.value()
        assert on is not None
        try:
            self.terminated = terminate_agreement(
                self.ctx.db, self.agreement.id, on, self.reason(), actor=self.ctx.actor
            )
        except ValidationErrors as errors:
            if rest := self.grid.show_errors(errors, focus=True):
                show_error(ValidationErrors(rest), self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("agreement %s terminated", self.agreement.id)
        self.ctx.notify("agreement", self.agreement.id)
        super().accept()
