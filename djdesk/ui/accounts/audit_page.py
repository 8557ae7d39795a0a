"""审计日志 (administrators only): who did what and when, filtered, and exported to Excel.

The table is a lazy :class:`~djdesk.ui.accounts.audit_model.AuditModel`; every filter change
starts it over. 导出 Excel writes the filtered entries in the background (the export itself is
audited).
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from djdesk.errors import DjdeskError
from djdesk.services.accounts.audit import (
    ACTION_LABELS,
    AuditFilter,
    AuditRow,
    count_entries,
    entries_page,
    export_xlsx,
    filter_choices,
    table_labels,
)
from djdesk.ui.accounts.audit_model import AuditModel
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.errors import report_exception, show_error
from djdesk.ui.common.field_grid import set_invalid
from djdesk.ui.common.file_dialogs import save_file
from djdesk.ui.common.file_ready import FileReadyBox, show_file_ready
from djdesk.ui.common.page import Page
from djdesk.ui.common.table_view import record_table_view

log = logging.getLogger(__name__)

EXPORT_TITLE = "导出审计日志"
ALL = "全部"


def export_path(output_dir: Path, now: datetime | None = None) -> Path:
    """The suggested file name for an export."""
    return output_dir / f"审计日志-{(now or datetime.now()):%Y%m%d-%H%M%S}.xlsx"


class AuditPage(Page):
    """Filters (用户, 操作, 数据表, 起止日期), the entries, and 导出 Excel."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "审计日志", "登录、修改、备份、打印与导出的记录（最新的在前）")
        self.refresh_button = self.add_action(QPushButton("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = self.add_action(QPushButton("导出 Excel"), primary=True)
        self.export_button.clicked.connect(self.export)
        #: The last "export done" box and file (kept for the box's buttons and for tests).
        self.export_box: FileReadyBox | None = None
        self.last_export: Path | None = None
        self._loading = False

        self.body_layout.addWidget(self._build_filters())
        self.model = AuditModel()
        widths = {
            AuditModel.COL_AT: 160,
            AuditModel.COL_USER: 110,
            AuditModel.COL_ACTION: 80,
            AuditModel.COL_TABLE: 90,
            AuditModel.COL_RECORD: 130,
            AuditModel.COL_CHANGES: 260,
        }
        self.view = record_table_view(self.model, "auditTable", widths=widths, minimum_height=360)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.body_layout.addWidget(self.view, 1)
        self.refresh()

    # -- building -------------------------------------------------------------------------------

    def _build_filters(self) -> QGroupBox:
        box = QGroupBox("筛选")
        self.user_combo = QComboBox()
        self.action_combo = QComboBox()
        self.table_combo = QComboBox()
        for combo in (self.user_combo, self.action_combo, self.table_combo):
            combo.setMinimumWidth(140)
            combo.currentIndexChanged.connect(self.apply_filter)
        # Typed dates (empty: no limit); the list follows once a date is complete and readable.
        self.start_edit = DateField()
        self.start_edit.setObjectName("filter_start")
        self.start_edit.setPlaceholderText("不限")
        self.end_edit = DateField()
        self.end_edit.setObjectName("filter_end")
        self.end_edit.setPlaceholderText("不限")
        for edit in (self.start_edit, self.end_edit):
            edit.setMaximumWidth(150)
            edit.checked.connect(lambda reason, e=edit: self._date_checked(e, reason))
        self.clear_button = QPushButton("清除筛选")
        self.clear_button.clicked.connect(self.clear_filter)
        self.count_label = QLabel()
        self.count_label.setObjectName("auditCount")
        self.count_label.setProperty("role", "hint")

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        for column, (title, widget) in enumerate(
            (("用户", self.user_combo), ("操作", self.action_combo), ("数据表", self.table_combo))
        ):
            grid.addWidget(QLabel(title), 0, column * 2)
            grid.addWidget(widget, 0, column * 2 + 1)
        dates = QHBoxLayout()
        dates.setSpacing(10)
        self.date_problem = QLabel()
        self.date_problem.setObjectName("auditDateProblem")
        self.date_problem.setProperty("role", "fieldError")
        for date_widget in (
            QLabel("起始日期"),
            self.start_edit,
            QLabel("截止日期"),
            self.end_edit,
            self.date_problem,
        ):
            dates.addWidget(date_widget)
        dates.addStretch(1)
        grid.addLayout(dates, 1, 0, 1, 6)
        grid.setColumnStretch(6, 1)
        grid.addWidget(self.count_label, 1, 6, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.clear_button, 0, 6, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(box)
        layout.addLayout(grid)
        return box

    # -- filter ---------------------------------------------------------------------------------

    def _fill_combo(
        self, combo: QComboBox, values: tuple[str, ...], labels: dict[str, str]
    ) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(ALL, "")
        for value in values:
            combo.addItem(labels.get(value, value), value)
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            username=self.user_combo.currentData() or "",
            table=self.table_combo.currentData() or "",
            action=self.action_combo.currentData() or "",
            start=self.start_edit.value(),
            end=self.end_edit.value(),
        )

    def _date_checked(self, edit: DateField, reason: str) -> None:
        set_invalid(edit, bool(reason))
        self.date_problem.setText(reason)
        if not reason:
            self.apply_filter()

    def set_filter_value(self, combo: QComboBox, value: str) -> None:
        """Choose a value (raw key, e.g. ``"login"``) in one of the filter combos."""
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def clear_filter(self) -> None:
        self._loading = True
        try:
            for combo in (self.user_combo, self.action_combo, self.table_combo):
                combo.setCurrentIndex(0)
            for edit in (self.start_edit, self.end_edit):
                edit.clear()
                set_invalid(edit, False)
            self.date_problem.clear()
        finally:
            self._loading = False
        self.apply_filter()

    def refresh(self) -> None:
        """Reload the filter choices (new users, new tables) and the entries."""
        try:
            choices = filter_choices(self.ctx.db, self.ctx.actor)
        except DjdeskError as exc:
            show_error(exc, self)
            return
        self._fill_combo(self.user_combo, choices.usernames, {})
        self._fill_combo(self.action_combo, choices.actions, ACTION_LABELS)
        self._fill_combo(self.table_combo, choices.tables, table_labels())
        self.apply_filter()

    def apply_filter(self, *_args: Any) -> None:
        if self._loading:
            return
        flt = self.current_filter()
        db, actor, tz = self.ctx.db, self.ctx.actor, self.ctx.settings.timezone

        def count() -> int:
            return count_entries(db, actor, flt, timezone=tz)

        def page(offset: int, limit: int) -> list[AuditRow]:
            return entries_page(db, actor, flt, offset=offset, limit=limit, timezone=tz)

        try:
            self.model.set_source(count, page)
        except DjdeskError as exc:
            self.model.clear()
            show_error(exc, self)
        total = self.model.total()
        self.count_label.setText(f"共 {total:,} 条")
        self.export_button.setEnabled(total > 0)

    # -- export ---------------------------------------------------------------------------------

    def export(self) -> None:
        """Ask where to save, then write the filtered entries in the background."""
        suggested = export_path(self.ctx.paths.output_dir)
        chosen, _ = save_file(self, EXPORT_TITLE, str(suggested), "Excel 工作簿 (*.xlsx)")
        if not chosen:
            return
        out_path = Path(chosen)
        if out_path.suffix.lower() != ".xlsx":
            out_path = out_path.with_name(f"{out_path.name}.xlsx")
        flt = self.current_filter()
        db, actor, tz = self.ctx.db, self.ctx.actor, self.ctx.settings.timezone

        def work(progress: Any, cancelled: Any) -> int:
            out_path.parent.mkdir(parents=True, exist_ok=True)
            return export_xlsx(
                db, actor, flt, out_path, timezone=tz, progress=progress, cancelled=cancelled
            )

        self.export_button.setEnabled(False)
        self.ctx.tasks.run_task(
            work,
            on_done=lambda written: self._exported(out_path, int(written)),
            on_error=self._export_failed,
            title=EXPORT_TITLE,
            parent=self,
        )

    def _exported(self, path: Path, written: int) -> None:
        self.export_button.setEnabled(True)
        self.last_export = path
        log.info("audit log exported: %d rows to %s", written, path)
        self.export_box = show_file_ready(
            self, "导出完成", f"已导出 {written:,} 条审计记录到：", path
        )
        self.refresh()  # the export is itself an audit entry

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(self.model.total() > 0)
        report_exception(exc, self)
