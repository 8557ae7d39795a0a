"""导出: the next upward package (incremental or full, sealed or not), a past one again, the
downward package of catalogues and templates (street, district), and the export history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from djdesk.errors import DjdeskError
from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.exchange.export import export_again, export_history, export_records
from djdesk.services.exchange.publish import publish_reference
from djdesk.services.exchange.types import ExportResult, PackageKind
from djdesk.services.site.identity import get_site
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.file_dialogs import save_file
from djdesk.ui.common.file_ready import show_file_ready
from djdesk.ui.common.page import section_title, value_label
from djdesk.ui.common.table_view import record_table_view
from djdesk.ui.exchange.models import ExportHistoryModel, when
from djdesk.ui.exchange.passphrase import PassphraseFields, hint

FILTERS = "数据包 (*.zip *.djx);;所有文件 (*)"


class ExportPanel(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status = value_label()
        self.status.setObjectName("exportStatus")
        self.passphrase = PassphraseFields()
        self.export_button = QPushButton("导出数据包…")
        self.export_button.setProperty("primary", True)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(lambda: self.export(full=False))
        self.full_button = QPushButton("导出全量数据包…")
        self.full_button.clicked.connect(lambda: self.export(full=True))
        self.again_button = QPushButton("重新导出所选…")
        self.again_button.clicked.connect(self.export_selected_again)
        self.publish_button = QPushButton("下发目录与模板…")
        self.publish_button.setToolTip("把本机的服务事项目录与文书模板各版本打包，交给下级单位导入")
        self.publish_button.clicked.connect(self.publish)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.full_button, self.again_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.publish_button)
        self.model = ExportHistoryModel()
        self.view = record_table_view(self.model, "exportHistory", stretch=(5,), minimum_height=200)
        self.view.selectionModel().selectionChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "数据包只含本机（街道、区还含已登记下级单位）的记录，带本机签名；默认只含上次导出以来"
                "的变化。每个数据包都留有副本，U 盘丢失时可原样重新导出。"
            )
        )
        layout.addWidget(self.status)
        layout.addWidget(self.passphrase)
        layout.addLayout(buttons)
        layout.addWidget(section_title("导出记录"))
        layout.addWidget(self.view, 1)
        if not ctx.can_write:
            for button in (self.export_button, self.full_button, self.again_button):
                button.setEnabled(False)
            self.publish_button.setEnabled(False)
        self.refresh()

    def refresh(self) -> None:
        history = export_history(self.ctx.paths, self.ctx.db)
        self.model.set_records(history)
        site = get_site(self.ctx.db)
        self.publish_button.setVisible(site is not None and site.level != "社区")
        upward = [h for h in history if h.kind == PackageKind.RECORDS]
        if upward:
            last = upward[0]
            self.status.setText(
                f"上次导出：第 {last.sequence} 号（{'全量' if last.full else '增量'}），"
                f"{when(last.created_at)}，{last.records:,} 条记录。"
            )
        else:
            self.status.setText("尚未导出过数据包：第一次导出为全量数据包。")
        self._update()

    def _update(self) -> None:
        row = self.view.currentIndex().row() if self.view.selectionModel().hasSelection() else -1
        entry = self.model.record(row)
        self.again_button.setEnabled(self.ctx.can_write and entry is not None and entry.stored)

    def _suggested(self, kind: PackageKind, sequence: int) -> Path:
        site = get_site(self.ctx.db)
        name = site.short_name if site else "本机"
        what = "上报数据" if kind == PackageKind.RECORDS else "下发目录"
        suffix = ".djx" if self.passphrase.enabled.isChecked() else ".zip"
        return (
            self.ctx.paths.output_dir
            / f"{name}-{what}-第{sequence}号-{date.today():%Y%m%d}{suffix}"
        )

    def _ask(self, kind: PackageKind, sequence: int) -> Path | None:
        chosen, _ = save_file(self, "保存数据包", str(self._suggested(kind, sequence)), FILTERS)
        return Path(chosen) if chosen else None

    def _next_sequence(self, kind: PackageKind) -> int:
        return 1 + max((h.sequence for h in self.model.records() if h.kind == kind), default=0)

    def _run(self, title: str, work: object) -> None:
        def done(result: ExportResult) -> None:
            self.refresh()
            sealed = "（已加密）" if result.sealed else ""
            text = f"第 {result.sequence} 号数据包{sealed}，{result.records:,} 条，已保存为："
            show_file_ready(self, title, text, Path(result.file))

        self.ctx.tasks.run_task(
            work,  # type: ignore[arg-type]
            on_done=done,
            on_error=lambda exc: report_exception(exc, self),
            title=title,
            parent=self,
        )

    def export(self, *, full: bool) -> None:
        try:
            phrase = self.passphrase.value()
        except DjdeskError as exc:  # two different passphrases
            report_exception(exc, self)
            return
        target = self._ask(PackageKind.RECORDS, self._next_sequence(PackageKind.RECORDS))
        if target is None:
            return

        def work(progress: ProgressFn, cancelled: CancelledFn) -> ExportResult:
            return export_records(
                self.ctx.paths,
                self.ctx.db,
                target,
                full=full,
                passphrase=phrase,
                actor=self.ctx.actor,
                progress=progress,
                cancelled=cancelled,
            )

        self._run("导出数据包", work)

    def export_selected_again(self) -> None:
        entry = self.model.record(self.view.currentIndex().row())
        if entry is None:
            return
        try:
            phrase = self.passphrase.value()
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        target = self._ask(entry.kind, entry.sequence)
        if target is None:
            return

        def work(progress: ProgressFn, cancelled: CancelledFn) -> ExportResult:
            progress(0, 0, f"正在重新导出第 {entry.sequence} 号数据包……")
            return export_again(
                self.ctx.paths,
                self.ctx.db,
                entry.sequence,
                target,
                kind=entry.kind,
                passphrase=phrase,
                actor=self.ctx.actor,
            )

        self._run("重新导出数据包", work)

    def publish(self) -> None:
        try:
            phrase = self.passphrase.value()
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        target = self._ask(PackageKind.REFERENCE, self._next_sequence(PackageKind.REFERENCE))
        if target is None:
            return

        def work(progress: ProgressFn, cancelled: CancelledFn) -> ExportResult:
            progress(0, 0, "正在打包目录与模板……")
            return publish_reference(
                self.ctx.paths, self.ctx.db, target, passphrase=phrase, actor=self.ctx.actor
            )

        self._run("下发目录与模板", work)
