"""导入: drop package files in (or choose them), see the dry run per file and table, then apply.

The dry run and the import run through the task runner (progress, 取消); each file is its own
transaction, so a refused file changes nothing and the others still apply. What would be (or
was) refused is listed under the plan and can be saved as the conflict report. Below, the
received-packages log.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError
from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.exchange.importing import import_packages
from djdesk.services.exchange.outbox import is_sealed_file
from djdesk.services.exchange.received import received_packages
from djdesk.services.exchange.street_reports import write_conflict_report
from djdesk.services.exchange.types import ImportResult
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.file_dialogs import open_files, save_file
from djdesk.ui.common.file_ready import show_file_ready
from djdesk.ui.common.page import section_title, value_label
from djdesk.ui.common.table_view import record_table_view
from djdesk.ui.exchange.models import PlanModel, ReceivedModel, plan_rows
from djdesk.ui.exchange.passphrase import ask_passphrase, hint

Outcome = ImportResult | DjdeskError


class DropArea(QFrame):
    """A card that takes package files dragged onto it, with 选择文件… beside the hint."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("packageDrop")
        self.setProperty("role", "card")
        self.setAcceptDrops(True)
        self.setMinimumHeight(84)
        self.choose_button = QPushButton("选择数据包文件…")
        self.choose_button.setProperty("primary", True)
        text = QLabel("把数据包文件拖到这里（可一次多个），或点右边的按钮选择")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout(self)
        row.addWidget(text, 1)
        row.addWidget(self.choose_button)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)


class ImportPanel(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.files: list[Path] = []
        self.passphrase: str | None = None
        self.results: list[tuple[str, Outcome]] = []
        self.drop = DropArea()
        self.drop.choose_button.clicked.connect(self.choose)
        self.drop.files_dropped.connect(self.plan)
        self.state = value_label()
        self.state.setObjectName("importState")
        self.plan_model = PlanModel()
        self.plan_view = record_table_view(
            self.plan_model, "importPlan", stretch=(7,), minimum_height=160
        )
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("importNotes")
        self.notes.setReadOnly(True)
        self.notes.setMaximumHeight(120)
        self.apply_button = QPushButton("确认导入")
        self.apply_button.setObjectName("applyImport")
        self.apply_button.setProperty("primary", True)
        self.apply_button.clicked.connect(self.apply)
        self.report_button = QPushButton("保存冲突清单…")
        self.report_button.clicked.connect(self.save_conflicts)
        self.clear_button = QPushButton("放弃")
        self.clear_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.apply_button)
        self.received_model = ReceivedModel()
        self.received_view = record_table_view(
            self.received_model, "receivedPackages", stretch=(8,), minimum_height=160
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "先试导入：按文件和数据表列出新增、更新、未变、拒收，确认后才写入。每个文件单独"
                "导入，被拒收的文件不改动任何数据；同一数据包再导入一次也不会改动数据。"
            )
        )
        layout.addWidget(self.drop)
        layout.addWidget(self.plan_view)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        layout.addWidget(section_title("已接收的数据包"))
        layout.addWidget(self.received_view, 1)
        self.clear()

    def refresh(self) -> None:
        self.received_model.set_records(received_packages(self.ctx.db))

    def clear(self) -> None:
        self.files, self.results, self.passphrase = [], [], None
        self.plan_model.set_records([])
        self.notes.setPlainText("")
        self.state.setText("尚未选择数据包。")
        self._update()
        self.refresh()

    def _update(self, *, applied: bool = False) -> None:
        plannable = any(isinstance(r, ImportResult) for _, r in self.results)
        self.apply_button.setEnabled(self.ctx.can_write and plannable and not applied)
        refused = any(not isinstance(r, ImportResult) or r.conflicts for _, r in self.results)
        self.report_button.setEnabled(refused)
        self.clear_button.setEnabled(bool(self.files))

    def choose(self) -> None:
        chosen = open_files(
            self, "选择数据包", str(Path.home()), "数据包 (*.zip *.djx);;所有文件 (*)"
        )
        if chosen:
            self.plan([Path(c) for c in chosen])

    def plan(self, files: list[Path]) -> None:
        """Dry-run ``files`` (asking the passphrase first when one is sealed)."""
        sealed = [f.name for f in files if is_sealed_file(f)]
        passphrase = None
        if sealed:
            passphrase = ask_passphrase(self, sealed)
            if passphrase is None:
                return
        self.files, self.passphrase = list(files), passphrase
        self._run(dry_run=True)

    def apply(self) -> None:
        good = [Path(r.file) for _, r in self.results if isinstance(r, ImportResult)]
        self.files = [f for f in self.files if f.name in {p.name for p in good}]
        self._run(dry_run=False)

    def _run(self, *, dry_run: bool) -> None:
        files, passphrase = list(self.files), self.passphrase

        def work(progress: ProgressFn, cancelled: CancelledFn) -> list[Outcome]:
            return import_packages(
                self.ctx.paths,
                self.ctx.db,
                files,
                dry_run=dry_run,
                passphrase=passphrase,
                actor=self.ctx.actor,
                progress=progress,
                cancelled=cancelled,
            )

        def done(outcomes: list[Outcome]) -> None:
            self.show_results([(f.name, r) for f, r in zip(files, outcomes, strict=True)], dry_run)

        self.ctx.tasks.run_task(
            work,
            on_done=done,
            on_error=lambda exc: report_exception(exc, self),
            title="试导入数据包" if dry_run else "导入数据包",
            parent=self,
        )

    def show_results(self, results: list[tuple[str, Outcome]], dry_run: bool) -> None:
        self.results = results
        self.plan_model.set_records(plan_rows(results))
        notes: list[str] = []
        for name, result in results:
            if not isinstance(result, ImportResult):
                notes.append(f"{name}：{result.message}")
                continue
            notes.append(f"{name}：{result.summary}")
            notes += [f"  提示：{w}" for w in result.warnings]
            notes += [
                f"  拒收：{c.label} 第 {c.line} 行（{c.uid}）：{c.reason}"
                for c in result.conflicts[:200]
            ]
        self.notes.setPlainText("\n".join(notes))
        ok = sum(1 for _, r in results if isinstance(r, ImportResult))
        if dry_run:
            self.state.setText(f"试导入完成：{ok} 个文件可以导入，{len(results) - ok} 个被拒收。")
        else:
            self.state.setText(f"已导入 {ok} 个文件。")
            for table in {
                t.table for _, r in results if isinstance(r, ImportResult) for t in r.tables
            }:
                self.ctx.notify(table)
            self.refresh()
        self._update(applied=not dry_run)

    def save_conflicts(self) -> None:
        chosen, _ = save_file(
            self,
            "保存冲突清单",
            str(self.ctx.paths.output_dir / "数据包冲突清单.xlsx"),
            "Excel 工作簿 (*.xlsx)",
        )
        if not chosen:
            return
        path = Path(chosen).with_suffix(".xlsx")
        try:
            write_conflict_report(self.ctx.db, self.results, path)
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        show_file_ready(self, "保存冲突清单", "已保存为：", path)
