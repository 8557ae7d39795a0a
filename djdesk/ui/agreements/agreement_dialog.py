"""新建 / 编辑 / 查看 an agreement or responsibility book: the form in a form dialog.

A draft that was never printed is edited here; once printed (numbered, text frozen) or signed
the dialog only shows it. Nothing is saved until every field passes: the form's own checks
first (at the fields, as typed), then the service's. When 乙方's registry entry lacks what the
agreement prints, the refusal under 乙方单位 offers 补全单位资料, which opens the unit form and
comes back to the agreement with the completed unit.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.services.agreements.records import create_agreement, update_agreement
from djdesk.services.agreements.templates import current_template
from djdesk.services.agreements.types import AgreementInfo, AgreementKind, AgreementStatus
from djdesk.services.checkin.types import UnitStatus
from djdesk.services.checkin.units import get_unit, list_units
from djdesk.services.site.identity import get_site
from djdesk.ui.agreements.agreement_form import AgreementForm
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.form_dialog import FormDialog

log = logging.getLogger(__name__)

COMPLETE_UNIT = "补全单位资料"


def _intro(ctx: UiContext, kind: AgreementKind, agreement: AgreementInfo | None) -> str:
    if agreement is not None and agreement.issued:
        return (
            f"{agreement.serial} 已于 {agreement.issued_on:%Y-%m-%d} 打印编号，"
            f"文本按第 {agreement.template_version} 版模板固定，只能查看；"
            "如需调整，请终止后重新拟定，或在到期前续签。"
        )
    if agreement is not None and agreement.status != AgreementStatus.DRAFT:
        return f"该{kind.short}{agreement.status}，只能查看。"
    version = current_template(ctx.db, kind.template_kind)[0]
    return (
        f"保存后为草稿；第一次打印（或另存为 Word）时取得编号，文本按当时的模板"
        f"（现为第 {version} 版）固定。甲乙双方的名称、地址和联络人印自“本机站点”和“驻区单位”。"
    )


class AgreementDialog(FormDialog):
    """The agreement form; :attr:`saved` after 保存."""

    def __init__(
        self,
        ctx: UiContext,
        kind: AgreementKind = AgreementKind.AGREEMENT,
        agreement: AgreementInfo | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        kind = agreement.kind if agreement is not None else kind
        editable = ctx.can_write and (agreement is None or agreement.editable)
        verb = "新建" if agreement is None else ("编辑" if editable else "查看")
        super().__init__(
            f"{verb}{kind.value}",
            agreement.unit_name if agreement is not None else f"{verb}{kind.value}",
            _intro(ctx, kind, agreement),
            accept_enabled=editable,
            parent=parent,
        )
        self.setObjectName("agreementDialog")
        self.ctx = ctx
        self.kind = kind
        self.agreement = agreement
        self.editable = editable
        self.saved: AgreementInfo | None = None
        #: The unit form opened from 补全单位资料 (kept alive while open; used by tests).
        self.unit_dialog: QWidget | None = None
        site = get_site(ctx.db)
        self.form = AgreementForm(kind, site_phone=site.phone if site else "")
        self.form.unit_action = (COMPLETE_UNIT, self.complete_unit)
        self.load_units(agreement.unit_id if agreement is not None else None)
        if agreement is not None:
            self.form.set_value(agreement)
        self.form.set_read_only(not editable)
        if not editable:
            self.save_button.hide()
            self.cancel_button.setText("关闭")
        self.add_body(self.form)
        self.body_layout.addStretch(1)
        self.fit_content(860)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.editable:
            self.form.unit_picker.combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def load_units(self, keep: int | None = None) -> None:
        """The registry's active units (and this agreement's unit whatever its state)."""
        units = [
            u
            for u in list_units(self.ctx.db, include_revoked=True)
            if u.status == UnitStatus.ACTIVE or u.id == keep
        ]
        self.form.unit_picker.set_units(units, keep)

    # -- completing the unit --------------------------------------------------------------------

    def complete_unit(self) -> QWidget | None:
        """Open the chosen unit's registry form; when saved, the agreement sees the new data."""
        from djdesk.ui.checkin.unit_dialog import UnitDialog

        unit_id = self.form.unit_picker.unit_id()
        if unit_id is None:
            return None
        try:
            unit = get_unit(self.ctx.db, unit_id)
        except DjdeskError as exc:
            show_error(exc, self)
            return None
        dialog = UnitDialog(self.ctx, unit, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._unit_completed(unit_id))
        self.unit_dialog = dialog
        dialog.open()
        return dialog

    def _unit_completed(self, unit_id: int) -> None:
        self.load_units(unit_id)
        self.form.check_unit()

    # -- saving ---------------------------------------------------------------------------------

    def accept(self) -> None:
        """Save the draft; with errors, show them at the fields and stay open."""
        if not self.editable:
            super().accept()
            return
        self.form.clear_errors()
        local = self.form.local_errors()
        if local:
            self.form.show_errors(local)
            return
        data = self.form.value()
        try:
            if self.agreement is None:
                self.saved = create_agreement(self.ctx.db, data, actor=self.ctx.actor)
            else:
                self.saved = update_agreement(
                    self.ctx.db, self.agreement.id, data, actor=self.ctx.actor
                )
        except ValidationErrors as errors:
            rest = self.form.show_errors(errors)
            if rest:
                show_error(ValidationErrors(rest), self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("agreement %s saved", self.saved.id)
        self.ctx.notify("agreement", self.saved.id)
        self.mark_clean()
        super().accept()
