"""办件登记: the counter's form for one case, on the form kit.

:class:`CaseDialog` is a :class:`~djdesk.ui.common.form_dialog.FormDialog` (Enter, Ctrl+S or
Ctrl+Enter save; Esc asks before typed input is dropped; never taller than the screen) holding
the 事项 / 申请人 / 办理 sections (:mod:`.case_form`) and, for a 证明 item handled to the end,
the 证明 section (:mod:`.certificate_fields`). The search on the counter page fills in the
item; any code, name or initials typed into 事项 are looked up again. A retired item or a
certificate of the national blocked list is refused under 事项 with the reason and the document
number the moment it is chosen, and again by the service when saving; nothing is saved until
the whole form passes ``register_case``.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from djdesk.errors import DjdeskError, ValidationError, ValidationErrors
from djdesk.services.cases.case_input import FIELD_LABELS, CaseInput, validate_case
from djdesk.services.cases.catalog_search import ItemMatch, code_key, find_items
from djdesk.services.cases.registration import RegisteredCase, register_case
from djdesk.services.cases.types import CaseResult, CatalogKind, ItemState
from djdesk.services.store import Database
from djdesk.ui.cases.case_form import CaseForm, id_problem
from djdesk.ui.cases.certificate_fields import CertificateFields
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.form_dialog import FormDialog

log = logging.getLogger(__name__)

INTRO = (
    "身份证号离开该栏即核对；依法证明事项办结时出具编号证明，保存后预览打印；"
    "目录中没有的工作请勾选“清单外事项”。"
)
WIDE, NARROW = 1140, 760


def resolve_item(db: Database, text: str) -> tuple[ItemMatch | None, str]:
    """The item a clerk typed (code, name or initials), or the reason none could be chosen."""
    query = text.strip()
    if not query:
        return None, ""
    matches = find_items(db, query, limit=10)
    key = code_key(query)
    for match in matches:
        if match.code == key or match.code == query.upper() or match.name == query:
            return match, ""
    if len(matches) == 1:
        return matches[0], ""
    if not matches:
        return None, (
            f"没有找到“{query}”：请输入事项编号、名称或拼音首字母；"
            "目录中没有的工作请勾选“清单外事项”。"
        )
    shown = "、".join(m.code for m in matches[:5])
    return None, f"“{query}”对应 {len(matches)} 个事项（{shown}……），请输入编号。"


def default_handler(ctx: UiContext) -> str:
    """A logged-in clerk handles the case; the command-line actor leaves it to be typed."""
    return ctx.actor.display_name if ctx.actor.user_id is not None else ""


class CaseDialog(FormDialog):
    """One case: item (or 清单外事项), applicant, handling and, for a certificate, its fields."""

    def __init__(
        self,
        ctx: UiContext,
        *,
        match: ItemMatch | None = None,
        outside: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("办件登记", "办件登记", INTRO, accept_enabled=ctx.can_write, parent=parent)
        self.setObjectName("caseDialog")
        self.ctx = ctx
        self.match: ItemMatch | None = None
        self.item_problem = ""
        #: What registering did (set once saved).
        self.registered: RegisteredCase | None = None
        self.form = CaseForm()
        self.form.edits["handler"].setText(default_handler(ctx))
        self.certificate = CertificateFields()
        self.form.item_edited.connect(self.choose_item)
        self.form.shape_changed.connect(self._reshape)
        for name in ("applicant_name", "applicant_id_number", "applicant_address"):
            self.form.edits[name].textChanged.connect(lambda _t: self._applicant_changed())

        left = QVBoxLayout()
        left.setSpacing(14)
        for key in ("item", "applicant", "handling"):
            left.addWidget(self.form.sections[key])
        left.addStretch(1)
        self.right = QVBoxLayout()
        self.right.addWidget(self.certificate.box)
        self.right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(14)
        columns.addLayout(left, 1)
        columns.addLayout(self.right, 1)
        self.add_body(columns)
        self.form.outside_check.setChecked(outside)
        if match is not None:
            self.set_match(match)
        self._reshape()

    # -- the item -------------------------------------------------------------------------------

    def issues_certificate(self) -> bool:
        """A 证明 item handled to the end: the certificate section applies."""
        item = self.match.item if self.match is not None else None
        return (
            not self.form.is_outside()
            and item is not None
            and item.catalog == CatalogKind.CERTIFICATE
            and self.form.result() == CaseResult.DONE
        )

    def choose_item(self, text: str) -> None:
        """Look up what was typed into 事项 and take it (or say why not, under the field)."""
        match, problem = resolve_item(self.ctx.db, text)
        if match is None:
            self.match = None
            self.item_problem = problem
            grid = self.form.item_grid
            grid.clear_error("item")
            grid.set_note("item", "")
            if problem:
                grid.show_error("item", problem)
            self.form.set_materials(())
            self._reshape()
            return
        self.set_match(match)

    def set_match(self, match: ItemMatch) -> None:
        self.match = match
        self.form.set_item_text(match.code)
        grid = self.form.item_grid
        grid.clear_error("item")
        where = match.catalog.value if match.catalog is not None else "不予出具的证明"
        grid.set_note("item", f"{match.name}（{where}）")
        self.item_problem = match.reason if match.state != ItemState.ACTIVE else ""
        if self.item_problem:  # refused at the field at once: retired, or a blocked certificate
            grid.show_error("item", self.item_problem)
        item = match.item
        self.form.set_materials(item.materials if item is not None else ())
        self.certificate.set_template(item.certificate if item is not None else None)
        self.setWindowTitle(f"办件登记 — {match.code} {match.name}")
        self.heading.setText(f"办件登记　{match.code} {match.name}")
        self._reshape()

    def _reshape(self) -> None:
        issues = self.issues_certificate()
        self.certificate.box.setVisible(issues)
        self.save_button.setText("保存并出具证明" if issues else "保存")
        self._applicant_changed()
        self._set_tab_order()
        if self.isVisible():
            self.fit_content(WIDE if issues else NARROW)

    def _applicant_changed(self) -> None:
        text = self.form.text
        self.certificate.set_applicant(
            text("applicant_name"), text("applicant_id_number"), text("applicant_address")
        )

    def _set_tab_order(self) -> None:
        chain = self.form.tab_chain()
        if self.issues_certificate():
            chain += self.certificate.tab_chain()
        chain += [*self.form.handling_chain(), self.save_button, self.cancel_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_content(WIDE if self.issues_certificate() else NARROW)
        edits = self.form.edits
        if self.form.is_outside():
            target = edits["item_name"]
        elif self.match is None:
            target = edits["item"]
        else:
            target = edits["applicant_name"]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- saving ---------------------------------------------------------------------------------

    def value(self) -> CaseInput:
        text = self.form.text
        data = CaseInput(
            item_code="" if self.form.is_outside() else text("item").strip(),
            outside=self.form.is_outside(),
            item_name=text("item_name"),
            handled_on=self.form.date_edit.value(),
            applicant_name=text("applicant_name"),
            applicant_id_number=text("applicant_id_number"),
            applicant_phone=text("applicant_phone"),
            applicant_address=text("applicant_address"),
            materials=self.form.materials.selected(),
            handler=text("handler"),
            result=self.form.result(),
            transferred_to=text("transferred_to"),
            refusal_reason=text("refusal_reason"),
            minutes_spent=self.form.minutes.value(),
            remarks=self.form.remarks.toPlainText(),
            requesting_department=text("requesting_department"),
            request_reason=text("request_reason"),
        )
        if self.issues_certificate():
            values = self.certificate.values()
            data = replace(
                data,
                facts=values["facts"],
                purpose=values["purpose"],
                reviewer=values["reviewer"],
                verification=values["verification"],
                subject_name=values["subject_name"],
                subject_id_number=values["subject_id_number"],
                subject_address=values["subject_address"],
            )
        return data

    def _local_errors(self) -> list[ValidationError]:
        local = self.form.local_errors()
        if self.issues_certificate():
            local += self.certificate.grid.missing(FIELD_LABELS)
        seen = {e.field for e in local}
        if not self.form.is_outside() and "item" not in seen:
            problem = self.item_problem or ("" if self.match else "请先选择事项")
            if problem:
                local.append(ValidationError("item", problem, label=FIELD_LABELS["item"]))
        number = self.form.text("applicant_id_number")
        if (problem := id_problem(number)) and "applicant_id_number" not in seen:
            label = FIELD_LABELS["applicant_id_number"]
            local.append(ValidationError("applicant_id_number", problem, label=label))
        return local

    def _all_rules(self, local: list[ValidationError]) -> list[ValidationError]:
        """``local`` and what the service's rules say of the other fields (said at once)."""
        outside = self.form.is_outside()
        item = self.match.item if self.match is not None else None
        if not outside and item is None:
            return local  # no item to check the form against yet
        try:
            validate_case(self.value(), None if outside else item, today=date.today())
        except ValidationErrors as errors:
            seen = {e.field for e in local}
            local = local + [e for e in errors.errors if e.field not in seen]
        return local

    def show_errors(self, errors: list[ValidationError]) -> list[ValidationError]:
        """Each error under its field; returns the ones no field here names."""
        rest = errors
        for grid in (*self.form.grids, self.certificate.grid):
            rest = grid.show_errors(rest)
        for grid in (*self.form.grids, self.certificate.grid):
            first = grid.first_invalid()
            if first is not None:
                self.ensure_visible(first)
                first.setFocus(Qt.FocusReason.OtherFocusReason)
                break
        return rest

    def _clear_errors(self) -> None:
        for grid in (*self.form.grids, self.certificate.grid):
            grid.clear_errors()

    def accept(self) -> None:
        """Register the case; on errors show them under the fields and stay open."""
        self._clear_errors()
        local = self._local_errors()
        if local:
            self._show_refusal(self._all_rules(local))
            return
        try:
            self.registered = register_case(self.ctx.db, self.value(), actor=self.ctx.actor)
        except ValidationErrors as errors:
            self._show_refusal(list(errors.errors))
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("case %s registered", self.registered.case_id)
        self.ctx.notify("service_case", self.registered.case_id)
        if self.registered.certificate_serial:
            self.ctx.notify("certificate")
        self.mark_clean()
        super().accept()

    def _show_refusal(self, errors: list[ValidationError]) -> None:
        rest = self.show_errors(errors)
        if rest:
            show_error(ValidationErrors(rest), self)
