"""One case as the case screens show it, with what can be done to its certificate.

:class:`CaseDetailView` is a card: the item and the result, the facts of the case (personal
numbers masked) and, for a case that issued a certificate, its number, state and how often it
was printed (the document register's count). 打印证明 prints it for the first time; after that
the button is 补打证明… (a reason is asked) or, for a voided certificate, 打印作废件 (a copy to
file with the stub). 作废证明… asks through the shared destructive confirmation.
:class:`CaseDetailDialog` shows the same card in a window (from the counter page).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError
from djdesk.services.cases.case_query import CaseDetail, case_detail
from djdesk.services.cases.types import CertificateStatus
from djdesk.ui.cases.certificate_print import print_certificate_flow
from djdesk.ui.cases.facts import FactRows
from djdesk.ui.cases.void_dialog import VoidCertificateDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.page import section_title
from djdesk.ui.common.theme import badge_style

FACTS = {
    "handled_on": "办理日期",
    "catalog": "所属清单",
    "applicant": "申请人",
    "phone": "联系电话",
    "address": "住址",
    "materials": "已收材料",
    "handler": "经办人",
    "minutes": "用时",
    "transferred_to": "接收部门",
    "refusal_reason": "不予办理原因",
    "requesting_department": "交办部门",
    "request_reason": "交办事由",
    "remarks": "备注",
    "serial": "证明编号",
    "certificate": "证明",
    "prints": "打印次数",
    "void_reason": "作废原因",
}


def fact_values(detail: CaseDetail) -> dict[str, str]:
    row = detail.row
    version = f"（第 {detail.catalog_version} 版目录）" if detail.catalog_version else ""
    applicant = row.applicant_name
    if row.applicant_id_masked:
        applicant += f"（{row.applicant_id_masked}）"
    certificate = ""
    if row.certificate_serial:
        certificate = f"{detail.certificate_title}（{row.certificate_status}）"
    return {
        "handled_on": f"{row.handled_on:%Y-%m-%d}",
        "catalog": f"{row.catalog}{version}" + (f" · {detail.category}" if detail.category else ""),
        "applicant": applicant,
        "phone": detail.applicant_phone_masked,
        "address": detail.applicant_address,
        "materials": "、".join(detail.materials),
        "handler": row.handler,
        "minutes": f"{detail.minutes_spent} 分钟" if detail.minutes_spent else "",
        "transferred_to": detail.transferred_to,
        "refusal_reason": detail.refusal_reason,
        "requesting_department": detail.requesting_department,
        "request_reason": detail.request_reason,
        "remarks": detail.remarks,
        "serial": row.certificate_serial,
        "certificate": certificate,
        "prints": f"{detail.certificate_prints} 次" if row.certificate_serial else "",
        "void_reason": detail.void_reason,
    }


class CaseDetailView(QFrame):
    """The card of one case (:meth:`show_case`), with the certificate's actions."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("caseDetail")
        self.setProperty("role", "card")
        self.detail: CaseDetail | None = None
        #: The dialog opened last (void confirmation or preview; kept for tests).
        self.dialog: QDialog | None = None
        self.title = section_title("")
        self.title.setObjectName("caseTitle")
        self.title.setWordWrap(True)
        self.result = QLabel()
        self.result.setObjectName("caseResult")
        self.placeholder = QLabel("在列表中选择一件办件查看详情。")
        self.placeholder.setProperty("role", "placeholder")
        self.placeholder.setWordWrap(True)
        grid = self.facts = FactRows(FACTS, "case")
        self.values = grid.values
        self.print_button = QPushButton("打印证明")
        self.print_button.setObjectName("printCertificate")
        self.print_button.setProperty("primary", True)
        self.print_button.clicked.connect(self.print_certificate)
        self.void_button = QPushButton("作废证明…")
        self.void_button.setObjectName("voidCertificate")
        self.void_button.setProperty("danger", True)
        self.void_button.clicked.connect(self.void_certificate)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.result, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(self.placeholder)
        layout.addLayout(head)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.show_case(None)

    @property
    def case_id(self) -> int | None:
        return self.detail.row.id if self.detail is not None else None

    def show_case(self, case_id: int | None) -> None:
        """Show ``case_id`` (``None``, or a case that is gone: the placeholder)."""
        detail = None
        if case_id is not None:
            try:
                detail = case_detail(self.ctx.db, case_id)
            except DjdeskError:
                detail = None
        self.detail = detail
        self.placeholder.setVisible(detail is None)
        self.title.setVisible(detail is not None)
        self.result.setVisible(detail is not None)
        self.facts.set_values(fact_values(detail) if detail is not None else {})
        self._show_actions()
        if detail is None:
            return
        row = detail.row
        self.title.setText(f"{row.item_code}　{row.item_name}".strip())
        self.result.setText(row.result)
        self.result.setStyleSheet(badge_style(row.result))

    def reload(self) -> None:
        self.show_case(self.case_id)

    def _show_actions(self) -> None:
        detail = self.detail
        has_certificate = detail is not None and bool(detail.row.certificate_serial)
        self.print_button.setVisible(has_certificate)
        self.void_button.setVisible(has_certificate)
        if detail is None or not has_certificate:
            return
        void = detail.row.certificate_status == CertificateStatus.VOID
        if void:
            self.print_button.setText("打印作废件")
            self.print_button.setToolTip("打印标有“作废”的一份，与存根一同存档")
        elif detail.certificate_prints:
            self.print_button.setText("补打证明…")
            self.print_button.setToolTip("再次打印会标明“补打”和次数，须填写补打原因")
        else:
            self.print_button.setText("打印证明")
            self.print_button.setToolTip("打印存根和正本（同一张 A4 纸）")
        writable = self.ctx.can_write
        self.print_button.setEnabled(writable)
        self.void_button.setEnabled(writable and not void)

    def print_certificate(self) -> None:
        if self.detail is None:
            return
        print_certificate_flow(self.ctx, self.detail.row.id, self, shown=self._shown)

    def _shown(self, dialog: QDialog) -> None:
        self.dialog = dialog

    def void_certificate(self) -> VoidCertificateDialog | None:
        if self.detail is None or not self.detail.row.certificate_serial:
            return None
        dialog = VoidCertificateDialog(
            self.ctx, self.detail.row.id, self.detail.row.certificate_serial, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload)
        self.dialog = dialog
        dialog.open()
        return dialog


class CaseDetailDialog(QDialog):
    """The case card in a window of its own."""

    def __init__(self, ctx: UiContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetailDialog")
        self.setWindowTitle("办件详情")
        self.view = CaseDetailView(ctx, self)
        self.view.show_case(case_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(560, 620)
