"""街道汇总: the merged records of every community, read-only, one report at a time.

A street (or district) picks a report — 报到 by community and unit, cases by catalogue, 清单外事项,
room use, one ID number 在册 at two communities, packages received — limits it to one community
and, where it has dates, a period, and may save it as an Excel file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

from djdesk.errors import DjdeskError
from djdesk.formats.exchange.sheets import STREET
from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.exchange.street_data import communities
from djdesk.services.exchange.street_reports import (
    ReportFilter,
    StreetReport,
    report_rows,
    write_street_report,
)
from djdesk.services.site.identity import get_site
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.exports import run_export
from djdesk.ui.common.file_dialogs import save_file
from djdesk.ui.common.page import Page
from djdesk.ui.common.table_view import record_table_view
from djdesk.ui.exchange.models import ReportModel

ALL = ""


class StreetPage(Page):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "街道汇总", "各社区上报数据的汇总（只读），可按社区筛选并导出 Excel")
        self.report = QComboBox()
        self.report.setObjectName("streetReport")
        for kind in StreetReport:
            self.report.addItem(kind.heading, kind.value)
        self.community = QComboBox()
        self.community.setObjectName("streetCommunity")
        # Long names must not widen the page past a 1366-pixel screen.
        for box, length in ((self.report, 20), (self.community, 15)):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(length)
        self.first = DateField()
        self.first.setObjectName("streetFrom")
        self.last = DateField(not_future=True)
        self.last.setObjectName("streetTo")
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.clicked.connect(self.export)
        self.add_action(self.export_button)
        self.add_filter_bar(
            QLabel("报表"),
            self.report,
            QLabel("社区"),
            self.community,
            QLabel("从"),
            self.first,
            QLabel("到"),
            self.last,
        )
        self.figure, self.note = self.add_summary()
        self.model = ReportModel()
        self.view = record_table_view(self.model, "streetTable", minimum_height=320)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.body_layout.addWidget(self.view, 1)
        for signal in (self.report.currentIndexChanged, self.community.currentIndexChanged):
            signal.connect(self.show_report)
        self.first.editingFinished.connect(self.show_report)
        self.last.editingFinished.connect(self.show_report)
        watch_changes(ctx, None, lambda _change: self.refresh(), self)
        self.refresh()

    def _kind(self) -> StreetReport:
        return StreetReport(self.report.currentData())

    def _filter(self) -> ReportFilter:
        dated = self._kind().dated
        return ReportFilter(
            community=self.community.currentData() or None,
            first=self.first.value() if dated else None,
            last=self.last.value() if dated else None,
        )

    def refresh(self) -> None:
        site = get_site(self.ctx.db)
        street = site is not None and site.level != "社区"
        for control in (self.report, self.community, self.first, self.last, self.export_button):
            control.setEnabled(street)
        if not street:
            self.figure.setText("本机为社区")
            self.note.setText("街道汇总在街道或区的电脑上使用：导入各社区的数据包后在此查看。")
            self.model.set_report((), [])
            return
        chosen = self.community.currentData()
        self.community.blockSignals(True)
        self.community.clear()
        self.community.addItem("全部社区", ALL)
        for community in communities(self.ctx.db):
            self.community.addItem(f"{community.name}（{community.code}）", community.code)
        index = self.community.findData(chosen) if chosen else 0
        self.community.setCurrentIndex(max(index, 0))
        self.community.blockSignals(False)
        self.show_report()

    def show_report(self) -> None:
        kind = self._kind()
        for edit in (self.first, self.last):
            edit.setEnabled(kind.dated and self.report.isEnabled())
        try:
            rows = report_rows(self.ctx.db, kind, self._filter())
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        self.model.set_report(tuple(c.title for c in STREET[kind.value].columns), rows)
        self.figure.setText(f"共 {len(rows):,} 行")
        self.note.setText(kind.heading)

    def export(self) -> None:
        kind, flt = self._kind(), self._filter()
        suggested = self.ctx.paths.output_dir / f"{kind.heading}.xlsx"
        chosen, _ = save_file(self, "导出报表", str(suggested), "Excel 工作簿 (*.xlsx)")
        if not chosen:
            return
        path = Path(chosen).with_suffix(".xlsx")

        def write(progress: ProgressFn, cancelled: CancelledFn) -> Path:
            write_street_report(self.ctx.db, kind, path, flt, actor=self.ctx.actor)
            return path

        run_export(self.ctx, self, write, title="导出报表")
