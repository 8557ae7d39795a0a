"""打印党群连心卡: the seven-item card, blank (to hand out) or filled for a unit, two per A4.

A blank card is printed for units to fill in by hand; a filled one carries the unit, its Party
organisation, contact and phone from the registry, and whatever the clerk types into the seven
items (optional, at most 80 characters each, as the card has two lines per item). Every print is
registered and opened in the preview.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QRadioButton, QWidget

from djdesk.errors import ValidationError
from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.agreements.cards import MAX_ANSWER, PrintedCard, print_contact_card
from djdesk.services.agreements.template_rules import CARD_ITEMS
from djdesk.services.agreements.templates import current_template
from djdesk.services.agreements.types import TemplateKind
from djdesk.services.checkin.types import UnitStatus
from djdesk.services.checkin.units import list_units
from djdesk.services.documents import Destination
from djdesk.ui.agreements.unit_picker import UnitPicker
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.form_dialog import FormDialog
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.common.print_flow import unique_path

log = logging.getLogger(__name__)


class ContactCardDialog(FormDialog):
    """空白卡 or 为单位填写; 打印 writes the card and opens it in the preview."""

    def __init__(
        self, ctx: UiContext, *, unit_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "打印党群连心卡",
            "党群连心卡",
            "每张 A4 纸印两张卡片，沿中间的裁切线裁开。空白卡发给单位手写；"
            "为单位填写时印出单位、党组织和联系人，七项内容可以先填好（可留空）。",
            accept_text="打印",
            accept_enabled=ctx.can_write,
            required_note=False,
            parent=parent,
        )
        self.setObjectName("contactCardDialog")
        self.ctx = ctx
        #: The preview opened after printing (used by tests).
        self.preview: PdfPreviewDialog | None = None
        self.blank_radio = QRadioButton("空白卡")
        self.blank_radio.setObjectName("cardBlank")
        self.filled_radio = QRadioButton("为单位填写")
        self.filled_radio.setObjectName("cardFilled")
        group = QButtonGroup(self)
        group.addButton(self.blank_radio)
        group.addButton(self.filled_radio)
        mode = QWidget()
        mode_row = QHBoxLayout(mode)
        mode_row.setContentsMargins(0, 0, 0, 0)
        mode_row.addWidget(self.blank_radio)
        mode_row.addWidget(self.filled_radio)
        mode_row.addStretch(1)
        self.unit_picker = UnitPicker()
        units = [u for u in list_units(ctx.db) if u.status == UnitStatus.ACTIVE]
        self.unit_picker.set_units(units, unit_id)
        self.grid = FieldGrid(columns=1)
        self.grid.add_row("mode", "卡片", mode)
        self.grid.add_row("unit_id", "单位", self.unit_picker, editor=self.unit_picker.combo)
        doc = current_template(ctx.db, TemplateKind.CONTACT_CARD)[1]
        self.answers: dict[str, QLineEdit] = {}
        for key in CARD_ITEMS:
            section = doc.section(key)
            if section is None:
                continue
            edit = QLineEdit()
            edit.setObjectName(f"card_{key}")
            edit.setMaxLength(MAX_ANSWER)
            edit.setPlaceholderText(section.clauses[0] if section.clauses else "")
            self.answers[section.heading] = edit
            self.grid.add_row(key, section.heading, edit)
        self.add_body(self.grid)
        self.filled_radio.toggled.connect(self._mode_changed)
        (self.filled_radio if unit_id else self.blank_radio).setChecked(True)
        self._mode_changed(self.filled_radio.isChecked())
        self.fit_content(640)

    def _mode_changed(self, filled: bool) -> None:
        self.grid.set_row_visible("unit_id", filled)
        for edit in self.answers.values():
            edit.setEnabled(filled)

    def accept(self) -> None:
        self.grid.clear_errors()
        filled = self.filled_radio.isChecked()
        unit_id = self.unit_picker.unit_id() if filled else None
        if filled and unit_id is None:
            self.grid.show_errors(
                [ValidationError("unit_id", "请从驻区单位中选择", label="单位")], focus=True
            )
            return
        answers = {h: e.text() for h, e in self.answers.items() if filled and e.text().strip()}
        path = unique_path(self.ctx.paths.output_dir, f"党群连心卡-{date.today():%Y%m%d}", ".pdf")
        db, actor = self.ctx.db, self.ctx.actor

        def work(progress: ProgressFn, cancelled: CancelledFn) -> PrintedCard:
            progress(0, 0, "正在生成党群连心卡……")
            return print_contact_card(
                db,
                Destination.file(path),
                actor=actor,
                unit_id=unit_id,
                answers=answers,
                filled_on=date.today() if answers else None,
            )

        self.mark_clean()
        self.ctx.tasks.run_task(
            work,
            on_done=self._printed,
            on_error=lambda exc: report_exception(exc, self),
            title="打印党群连心卡",
            parent=self,
        )

    def _printed(self, printed: PrintedCard) -> None:
        log.info("contact card printed to %s", printed.path)
        self.ctx.notify("document_record", printed.document_id)
        parent = self.parentWidget()
        what = f"“{printed.unit_name}”的" if printed.unit_name else "空白"
        dialog = PdfPreviewDialog(
            printed.path or self.ctx.paths.output_dir,
            title=f"党群连心卡 — {printed.unit_name or '空白卡'}",
            message=f"{what}党群连心卡已生成（每页两张），请选择打印机打印。",
            parent=parent,
            ctx=self.ctx,
            document_id=printed.document_id,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = dialog
        super().accept()
        dialog.open()
