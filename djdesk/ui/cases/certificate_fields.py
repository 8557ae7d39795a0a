"""The 证明 section of the 办件登记 form: what a 依法证明事项 handled to the end certifies.

Shown only for a 证明 item with the result 办结. 证明内容 (the facts, where the item's template
has a place for them), 用途 (pre-filled with the template's hint), 审核人, 核实方式, and —
when someone applies for another person (a guardian for a ward) — 被证明人 with their ID number
and address. A limitation such as 仅限公证 is said above the fields, and the wording the
certificate will print is previewed live under them (the same fill as the service uses,
:func:`~djdesk.services.cases.issuing.fill_template`).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from djdesk.formats.cases.catalog_file import CertificateTemplate
from djdesk.services.cases.issuing import fill_template
from djdesk.ui.cases.case_form import id_problem, line_edit
from djdesk.ui.common.field_grid import FieldGrid, small_label
from djdesk.validation.idcard import IdNumberError, parse_id_number

VERIFICATIONS = ("查验原件", "入户核实", "查验原件、入户核实", "邻里走访核实", "网格员核实")


def gender_of(id_number: str) -> str:
    try:
        return parse_id_number(id_number).gender
    except IdNumberError:
        return ""


class CertificateFields(QWidget):
    """The 证明 group box (:attr:`box`) and its values."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template: CertificateTemplate | None = None
        self.applicant: dict[str, str] = {}
        self.limitation = small_label(role="fieldError", smaller=0)
        self.limitation.setObjectName("certificateLimitation")
        self.limitation.hide()
        self.facts = QPlainTextEdit()
        self.facts.setObjectName("field_facts")
        self.facts.setPlaceholderText("如：自2019年3月起在本社区居住至今")
        self.facts.setFixedHeight(64)
        self.facts.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.facts.setTabChangesFocus(True)
        self.edits = {name: line_edit(name) for name in ("purpose", "reviewer")}
        self.edits["purpose"].setPlaceholderText("此证明仅用于……")
        self.edits["reviewer"].setPlaceholderText("书记或主任")
        self.verification = QComboBox()
        self.verification.setObjectName("field_verification")
        self.verification.setEditable(True)
        self.verification.addItems(VERIFICATIONS)
        self.other_subject = QCheckBox("被证明人不是申请人（如监护人代为申请）")
        self.other_subject.setObjectName("field_other_subject")
        self.other_subject.toggled.connect(lambda _on: self._reshape())
        for name in ("subject_name", "subject_id_number", "subject_address"):
            self.edits[name] = line_edit(name)
        self.edits["subject_id_number"].setMaxLength(20)
        self.edits["subject_id_number"].editingFinished.connect(self._check_subject_id)
        self.preview = QLabel()
        self.preview.setObjectName("certificatePreview")
        self.preview.setWordWrap(True)
        self.preview.setProperty("role", "value")

        grid = self.grid = FieldGrid(columns=1)
        grid.add("facts", "证明内容", self.facts, 0)
        grid.add("purpose", "用途", self.edits["purpose"], 1)
        grid.add("reviewer", "审核人", self.edits["reviewer"], 2)
        grid.add("verification", "核实方式", self.verification, 3)
        grid.add("other_subject", "", self.other_subject, 4)
        grid.add("subject_name", "被证明人", self.edits["subject_name"], 5, required=True)
        grid.add("subject_id_number", "身份证号", self.edits["subject_id_number"], 6, required=True)
        grid.add("subject_address", "住址", self.edits["subject_address"], 7)
        grid.add("preview", "正文预览", self.preview, 8)
        for edit in self.edits.values():
            edit.textChanged.connect(lambda _t: self.update_preview())
        self.facts.textChanged.connect(self.update_preview)

        self.box = QGroupBox("证明")
        self.box.setObjectName("section_certificate")
        layout = QVBoxLayout(self.box)
        layout.setSpacing(6)
        layout.addWidget(self.limitation)
        layout.addLayout(grid)
        self._reshape()

    def set_template(self, template: CertificateTemplate | None) -> None:
        """The item's certificate (``None``: the item issues none)."""
        previous = self.template
        self.template = template
        if template is None:
            return
        purpose = self.edits["purpose"]
        if not purpose.text() or (previous and purpose.text() == previous.purpose_hint):
            purpose.setText(template.purpose_hint)
        self.facts.setEnabled("{事实}" in template.body)
        self.grid.set_row_visible("facts", "{事实}" in template.body)
        limited = template.limitation
        self.limitation.setText(
            f"本证明{limited}使用，证明上将注明“{limited}”，用于其他用途无效。" if limited else ""
        )
        self.limitation.setVisible(bool(limited))
        self.update_preview()

    def _reshape(self) -> None:
        other = self.other_subject.isChecked()
        for name in ("subject_name", "subject_id_number", "subject_address"):
            self.grid.set_row_visible(name, other)
        self.update_preview()

    def _check_subject_id(self) -> None:
        self.grid.clear_error("subject_id_number")
        problem = id_problem(self.edits["subject_id_number"].text())
        if problem:
            self.grid.show_error("subject_id_number", problem)

    def set_applicant(self, name: str, id_number: str, address: str) -> None:
        """What the applicant fields hold (the person certified unless another is named)."""
        self.applicant = {"name": name, "id_number": id_number, "address": address}
        self.update_preview()

    def update_preview(self) -> None:
        if self.template is None:
            self.preview.setText("")
            return
        if self.other_subject.isChecked():
            name, number, address = (
                self.edits[n].text().strip()
                for n in ("subject_name", "subject_id_number", "subject_address")
            )
        else:
            name, number, address = (
                self.applicant.get(k, "").strip() for k in ("name", "id_number", "address")
            )
        values = {
            "姓名": name,
            "性别": gender_of(number),
            "身份证号": number.upper(),
            "住址": address,
            "事实": self.facts.toPlainText().strip().rstrip("。"),
            "用途": self.edits["purpose"].text().strip() or self.template.purpose_hint,
        }
        body = fill_template(self.template.body, values)
        self.preview.setText(f"《{self.template.title}》{body}")

    def tab_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        if self.grid.is_row_visible("facts"):
            chain.append(self.facts)
        chain += [self.edits["purpose"], self.edits["reviewer"], self.verification]
        chain.append(self.other_subject)
        if self.other_subject.isChecked():
            chain += [self.edits[n] for n in ("subject_name", "subject_id_number")]
            chain.append(self.edits["subject_address"])
        return chain

    def values(self) -> dict[str, str]:
        """The certificate's fields of :class:`~djdesk.services.cases.case_input.CaseInput`."""
        other = self.other_subject.isChecked()
        return {
            "facts": self.facts.toPlainText(),
            "purpose": self.edits["purpose"].text(),
            "reviewer": self.edits["reviewer"].text(),
            "verification": self.verification.currentText(),
            "subject_name": self.edits["subject_name"].text() if other else "",
            "subject_id_number": self.edits["subject_id_number"].text() if other else "",
            "subject_address": self.edits["subject_address"].text() if other else "",
        }
