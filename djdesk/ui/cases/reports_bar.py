"""The 出具证明登记簿 and the 服务事项 statistics for a period: export to a file or print.

A card on the 办件记录 page: the period (本月, 上月, 本季度 …, or typed as 2026-11, 2026-Q4,
2026) and four buttons. 导出… asks where to save (.xlsx or .pdf) and writes in the background
through :func:`~djdesk.services.cases.reports.write_cases_report`
(:func:`~djdesk.ui.common.exports.run_export`); 打印… writes the PDF into the output folder
through the document register and opens it in the one preview, where it is printed or saved.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from djdesk.errors import DjdeskError
from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.cases.periods import Period, parse_period
from djdesk.services.cases.reports import REPORTS, print_cases_report, write_cases_report
from djdesk.services.printing import PrintedDocument
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import report_exception, show_error
from djdesk.ui.common.exports import ask_save_path, run_export
from djdesk.ui.common.page import caption
from djdesk.ui.common.pdf_preview import PdfPreviewDialog

log = logging.getLogger(__name__)


def period_choices(today: date) -> list[tuple[str, str]]:
    """(label, code) of the periods offered: this and last month, quarter and year."""
    last_month = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    quarter = (today.month - 1) // 3 + 1
    last_q_year, last_q = (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)
    return [
        (f"本月（{today:%Y-%m}）", f"{today:%Y-%m}"),
        (f"上月（{last_month:%Y-%m}）", f"{last_month:%Y-%m}"),
        (f"本季度（{today.year}-Q{quarter}）", f"{today.year}-Q{quarter}"),
        (f"上季度（{last_q_year}-Q{last_q}）", f"{last_q_year}-Q{last_q}"),
        (f"本年（{today.year}）", f"{today.year}"),
        (f"上年（{today.year - 1}）", f"{today.year - 1}"),
    ]


class ReportsBar(QFrame):
    """Period, then 导出登记簿… / 打印登记簿 / 导出统计表… / 打印统计表."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reportsBar")
        self.setProperty("role", "card")
        #: The preview opened last (used by tests).
        self.dialog: QDialog | None = None
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("reportPeriod")
        self.period_combo.setEditable(True)
        self.period_combo.setMinimumContentsLength(16)
        for label, code in period_choices(date.today()):
            self.period_combo.addItem(label, code)
        self.period_combo.setToolTip("可选，也可直接输入：月份 2026-11、季度 2026-Q4、年度 2026")
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 14, 10)
        row.setSpacing(8)
        title = QLabel("出具证明登记簿与统计")
        title.setProperty("role", "sectionTitle")
        row.addWidget(title)
        row.addSpacing(12)
        row.addWidget(caption("统计期间"))
        row.addWidget(self.period_combo)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("export-register", "导出登记簿…", lambda: self.export("certificate-register")),
            ("print-register", "打印登记簿", lambda: self.print_report("certificate-register")),
            ("export-stats", "导出统计表…", lambda: self.export("cases")),
            ("print-stats", "打印统计表", lambda: self.print_report("cases")),
        ):
            button = QPushButton(text)
            button.setObjectName(key)
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)

    def period(self) -> Period:
        """The chosen or typed period (refused with the forms allowed)."""
        index = self.period_combo.currentIndex()
        text = self.period_combo.currentText()
        if index >= 0 and text == self.period_combo.itemText(index):
            return parse_period(str(self.period_combo.itemData(index)))
        return parse_period(text)

    def _period_or_say(self) -> Period | None:
        try:
            return self.period()
        except DjdeskError as exc:
            show_error(exc, self, title="统计期间")
            return None

    def export(self, kind: str, path: Path | None = None) -> None:
        """导出…: ask where (unless ``path``), then write in the background."""
        period = self._period_or_say()
        if period is None:
            return
        title = f"导出{REPORTS[kind]}"
        if path is None:
            suggested = self.ctx.paths.output_dir / f"{REPORTS[kind]}-{period.code}.xlsx"
            path = ask_save_path(self, title, suggested)
            if path is None:
                return
        db, actor, out = self.ctx.db, self.ctx.actor, path

        def write(progress: ProgressFn, cancelled: CancelledFn) -> Path:
            return write_cases_report(
                db, kind, period, out, actor=actor, progress=progress, cancelled=cancelled
            )

        run_export(self.ctx, self, write, title=title)

    def print_report(self, kind: str) -> None:
        """打印…: the PDF into the output folder (registered), then the preview."""
        period = self._period_or_say()
        if period is None:
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        out = self.ctx.paths.output_dir / f"{REPORTS[kind]}-{period.code}-{stamp}.pdf"
        db, actor = self.ctx.db, self.ctx.actor

        def work(progress: ProgressFn, cancelled: CancelledFn) -> PrintedDocument:
            progress(0, 0, f"正在生成{REPORTS[kind]}……")
            return print_cases_report(
                db, kind, period, out, actor=actor, progress=progress, cancelled=cancelled
            )

        def done(printed: PrintedDocument) -> None:
            self.ctx.notify("document_record", printed.document_id)
            dialog = PdfPreviewDialog(
                printed.path,
                title=f"{period.label}{REPORTS[kind]}",
                parent=self,
                ctx=self.ctx,
                document_id=printed.document_id,
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog = dialog
            dialog.open()

        self.ctx.tasks.run_task(
            work,
            on_done=done,
            on_error=lambda exc: report_exception(exc, self),
            on_cancelled=lambda _r: None,
            title=f"打印{REPORTS[kind]}",
            parent=self,
        )
