"""场地使用统计: choose a period, then preview and print the PDF (entered in the document
register) or save the workbook. Bookings, hours, attendees and utilisation of open hours by room
and by booker category; a reversed or over-long period is refused at its field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from djdesk.errors import DjdeskError, ValidationError, ValidationErrors
from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.rooms.usage import usage_report, write_usage_report
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.exports import run_export
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.file_dialogs import save_file
from djdesk.ui.common.form_dialog import FormDialog
from djdesk.ui.rooms.printing import print_usage_flow

LABELS = {"first_day": "开始日期", "last_day": "结束日期"}
TITLE = "场地使用统计"


class UsageDialog(FormDialog):
    """The period of the statistics; 预览并打印 (PDF) or 导出 Excel…."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            TITLE,
            "场地使用统计",
            "统计已批准和已使用的预约：次数、时长、参与人次，以及占开放时长的利用率。",
            accept_text="预览并打印",
            parent=parent,
        )
        self.setObjectName("usageDialog")
        self.ctx = ctx
        self.preview: QDialog | None = None
        today = date.today()
        self.first_edit = DateField()
        self.first_edit.setObjectName("field_first_day")
        self.first_edit.set_value(today.replace(month=1, day=1))
        self.last_edit = DateField()
        self.last_edit.setObjectName("field_last_day")
        self.last_edit.set_value(today)
        self.grid = FieldGrid(columns=2)
        self.grid.add("first_day", "开始日期", self.first_edit, 0, 0, required=True)
        self.grid.add("last_day", "结束日期", self.last_edit, 0, 1, required=True)
        self.add_body(self.grid)
        self.body_layout.addStretch(1)
        self.xlsx_button = QPushButton("导出 Excel…")
        self.xlsx_button.setObjectName("exportUsage")
        self.xlsx_button.setAutoDefault(False)
        self.xlsx_button.clicked.connect(lambda: self.export_xlsx())
        self.buttons.addButton(self.xlsx_button, self.buttons.ButtonRole.ActionRole)
        self.first_edit.textChanged.connect(lambda _t: self.grid.clear_error("first_day"))
        self.last_edit.textChanged.connect(lambda _t: self.grid.clear_error("last_day"))
        self.fit_content(560)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.first_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def period(self) -> tuple[date, date] | None:
        """The period, or ``None`` with the reasons shown at the fields."""
        self.grid.clear_errors()
        errors = self.grid.missing(LABELS) + self.grid.date_problems(LABELS)
        first, last = self.first_edit.value(), self.last_edit.value()
        if not errors and first is not None and last is not None:
            try:
                usage_report(self.ctx.db, first, last)  # the period's own checks
            except ValidationErrors as exc:
                errors += exc.errors
            except DjdeskError as exc:
                show_error(exc, self)
                return None
        if errors or first is None or last is None:
            self.grid.show_errors(errors or [ValidationError("first_day", "不能为空")], focus=True)
            return None
        return first, last

    def accept(self) -> None:
        period = self.period()
        if period is None:
            return
        print_usage_flow(self.ctx, *period, self.parentWidget() or self, shown=self._shown)
        self.mark_clean()
        super().accept()

    def _shown(self, dialog: QDialog) -> None:
        self.preview = dialog

    def export_xlsx(self, path: Path | None = None) -> None:
        period = self.period()
        if period is None:
            return
        first, last = period
        if path is None:
            start = self.ctx.paths.output_dir / f"场地使用统计-{first:%Y%m%d}-{last:%Y%m%d}.xlsx"
            chosen, _filter = save_file(
                self, "导出场地使用统计", str(start), "Excel 工作簿 (*.xlsx)"
            )
            if not chosen:
                return
            path = Path(chosen).with_suffix(".xlsx")
        db, actor, out = self.ctx.db, self.ctx.actor, path

        def write(progress: ProgressFn, cancelled: CancelledFn) -> Path:
            return write_usage_report(db, first, last, out, actor=actor)

        run_export(self.ctx, self, write, title="导出场地使用统计")
