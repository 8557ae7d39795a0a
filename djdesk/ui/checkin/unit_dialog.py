"""新增 / 编辑驻区单位: the unit form in a form dialog; nothing is saved until it validates."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.services.checkin.units import UnitInfo, UnitInput, save_unit, validate_unit
from djdesk.ui.checkin.unit_form import UnitForm
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.form_dialog import FormDialog

log = logging.getLogger(__name__)


class UnitDialog(FormDialog):
    """Registers a new unit (``unit`` None) or edits one; :attr:`saved_unit` after 保存."""

    def __init__(
        self,
        ctx: UiContext,
        unit: UnitInfo | None = None,
        *,
        initial: UnitInput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "编辑驻区单位" if unit else "登记驻区单位",
            unit.name if unit else "登记驻区单位",
            "单位党组织到社区报到（双报到）时登记。带 ①–⑨ 的类别按党员信息统计口径选择。",
            accept_enabled=ctx.can_write,
            parent=parent,
        )
        self.setObjectName("unitDialog")
        self.ctx = ctx
        self.unit = unit
        self.saved_unit: UnitInfo | None = None
        self.form = UnitForm()
        if unit is not None:
            self.form.set_value(unit)
        elif initial is not None:
            self.form.set_value(initial)
        self.add_body(self.form)
        self.body_layout.addStretch(1)
        self.fit_content(780)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.form.line_edits["name"].setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        """Save; with errors, show them at the fields and stay open."""
        self.form.clear_errors()
        local = self.form.local_errors()
        if local:
            # Say everything at once: the service's rules on the other fields too.
            try:
                validate_unit(self.form.value())
            except ValidationErrors as errors:
                seen = {e.field for e in local}
                local += [e for e in errors.errors if e.field not in seen]
            self.form.show_errors(local)
            return
        try:
            self.saved_unit = save_unit(
                self.ctx.db,
                self.form.value(),
                actor=self.ctx.actor,
                unit_id=self.unit.id if self.unit else None,
            )
        except ValidationErrors as errors:
            rest = self.form.show_errors(errors)
            if rest:
                show_error(ValidationErrors(rest), self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("unit %s saved", self.saved_unit.id)
        self.ctx.notify("unit", self.saved_unit.id)
        self.mark_clean()
        super().accept()
