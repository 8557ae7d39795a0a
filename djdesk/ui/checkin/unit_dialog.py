"""新增 / 编辑驻区单位: the unit form in a dialog; nothing is saved until it validates."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.services.checkin.units import UnitInfo, UnitInput, save_unit
from djdesk.ui.checkin.unit_form import UnitForm
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.dialogs import DialogButtons, dialog_heading, intro_label
from djdesk.ui.common.errors import show_error

log = logging.getLogger(__name__)


class UnitDialog(QDialog):
    """Registers a new unit (``unit`` None) or edits one; :attr:`saved_unit` after 保存."""

    def __init__(
        self,
        ctx: UiContext,
        unit: UnitInfo | None = None,
        *,
        initial: UnitInput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unitDialog")
        self.ctx = ctx
        self.unit = unit
        self.saved_unit: UnitInfo | None = None
        self.setWindowTitle("编辑驻区单位" if unit else "登记驻区单位")

        heading = dialog_heading(unit.name if unit else "登记驻区单位")
        intro = intro_label(
            "单位党组织到社区报到（双报到）时登记。带 ①–⑨ 的类别按党员信息统计口径选择。"
        )

        self.form = UnitForm()
        if unit is not None:
            self.form.set_value(unit)
        elif initial is not None:
            self.form.set_value(initial)

        self.buttons = DialogButtons(self, "保存", enabled=ctx.can_write)
        self.save_button = self.buttons.accept_button

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(760)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.form.line_edits["name"].setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        """Save; with errors, show them at the fields and stay open."""
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
        super().accept()
