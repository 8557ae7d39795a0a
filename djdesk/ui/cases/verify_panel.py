"""What checking a scanned certificate line found, as the counter page shows it.

A handheld scanner types the line printed under a certificate's QR code into the search box;
the page verifies it (:func:`~djdesk.services.cases.verify.verify`) and this card says the
finding in large type — 有效, 已作废, 不是本社区出具, 校验码不符 or 查无登记 — with the reason
and, when the register has the certificate, its entry (number, title, person certified, ID
number masked, date) and a link to the case.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from djdesk.services.cases.types import VerifyStatus
from djdesk.services.cases.verify import VerifyResult
from djdesk.ui.cases.facts import FactRows
from djdesk.ui.common.page import section_title, value_label
from djdesk.ui.common.theme import badge_style

FACTS = {
    "serial": "证明编号",
    "title": "证明",
    "subject": "被证明人",
    "issued_on": "出具日期",
    "void_reason": "作废原因",
    "line": "验证码",
}


class VerifyPanel(QFrame):
    """A card showing one :class:`VerifyResult`; :attr:`open_case` asks to show its case."""

    open_case = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyPanel")
        self.setProperty("role", "card")
        self.result: VerifyResult | None = None
        self.heading = section_title("证明核验结果")
        self.status = QLabel()
        self.status.setObjectName("verifyStatus")
        font = QFont(self.status.font())
        font.setPointSize(font.pointSize() + 10)
        font.setBold(True)
        self.status.setFont(font)
        self.message = value_label()
        self.message.setObjectName("verifyMessage")
        grid = self.facts = FactRows(FACTS, "verify")
        self.values = grid.values
        self.case_button = QPushButton("查看该办件")
        self.case_button.setObjectName("verifyOpenCase")
        self.case_button.clicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addLayout(grid)
        layout.addWidget(self.case_button)
        layout.addStretch(1)

    def show_result(self, result: VerifyResult) -> None:
        self.result = result
        self.status.setText(f"  {result.status.value}  ")
        self.status.setStyleSheet(badge_style(result.status.value) + "border-radius: 14px;")
        self.message.setText(result.message)
        subject = result.subject_name
        if subject and result.subject_id_masked:
            subject += f"（{result.subject_id_masked}）"
        values = {
            "serial": result.serial,
            "title": result.title,
            "subject": subject,
            "issued_on": f"{result.issued_on:%Y-%m-%d}" if result.issued_on else "",
            "void_reason": result.void_reason,
            "line": result.line,
        }
        self.facts.set_values(values)
        self.case_button.setVisible(result.case_id is not None)

    def is_valid(self) -> bool:
        return self.result is not None and self.result.status == VerifyStatus.VALID

    def _open(self) -> None:
        if self.result is not None and self.result.case_id is not None:
            self.open_case.emit(self.result.case_id)
