"""作废证明: mark a certificate void with a reason; its number stays taken and is never reused.

A destructive confirmation (:class:`~djdesk.ui.common.confirm.ConfirmDialog`): 取消 is the
default button and has the focus, the action button says what it does (作废证明) and must be
chosen deliberately; the reason is asked in the same dialog and refused at its field when
missing. Enter in the reason field does nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QWidget

from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.services.cases.certificates import void_certificate
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.field_grid import FieldGrid

#: Usual reasons, offered in the (editable) reason box.
REASONS = ("信息填写有误，已重新出具", "申请人不再需要", "打印错误", "核实后情况不符")


class VoidCertificateDialog(ConfirmDialog):
    """The reason (required); 作废证明 calls ``void_certificate``."""

    def __init__(
        self, ctx: UiContext, case_id: int, serial: str, *, parent: QWidget | None = None
    ) -> None:
        self.grid = FieldGrid(columns=1)
        super().__init__(
            "作废证明",
            f"证明 {serial} 将标记为作废：编号保留、不再使用，登记簿中注明作废原因；"
            "核验该证明的验证码将显示“已作废”。此操作不能撤销。",
            "作废证明",
            heading=f"作废 {serial}",
            body=self.grid,
            parent=parent,
        )
        self.setObjectName("voidDialog")
        self.ctx = ctx
        self.case_id = case_id
        self.serial = serial
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("field_reason")
        self.reason_combo.setEditable(True)
        self.reason_combo.addItems(list(REASONS))
        self.reason_combo.setCurrentIndex(-1)
        line = self.reason_combo.lineEdit()
        assert line is not None
        line.setPlaceholderText("选择或填写作废原因")
        line.setMaxLength(200)
        self.grid.add("reason", "作废原因", self.reason_combo, 0, required=True)
        self.reason_combo.currentTextChanged.connect(lambda _t: self.grid.clear_error("reason"))
        self.action_button.setEnabled(ctx.can_write)
        QWidget.setTabOrder(self.reason_combo, self.action_button)
        QWidget.setTabOrder(self.action_button, self.safe_button)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reason_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        self.grid.clear_errors()
        reason = self.reason_combo.currentText()
        if not reason.strip():
            self.grid.show_error("reason", "请写明作废原因", focus=True)
            return
        try:
            void_certificate(self.ctx.db, self.case_id, reason, actor=self.ctx.actor)
        except ValidationErrors as errors:
            rest = self.grid.show_errors(errors, focus=True)
            if rest:
                show_error(ValidationErrors(rest), self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        self.ctx.notify("certificate")
        self.ctx.notify("service_case", self.case_id)
        super().accept()
