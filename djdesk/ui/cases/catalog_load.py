"""载入新版目录: an administrator loads the district's newer catalogue from a file.

The file is checked whole and compared with the version in use first, writing nothing
(``load_catalog_file(..., dry_run=True)``); :class:`LoadPreviewDialog` then shows what would
change — the counts of the three lists and every item 新增 / 停用 / 恢复 / 修改 — and only its
deliberately chosen 载入第 N 版 button stores it (取消 is the default). A refused file says
every reason found and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from djdesk.errors import DjdeskError
from djdesk.services.cases.catalog_diff import diff_summary
from djdesk.services.cases.catalog_load import LoadReport, load_catalog_file
from djdesk.ui.cases.catalog_models import DiffModel
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.file_dialogs import open_file
from djdesk.ui.common.table_view import record_table_view

FILTERS = "服务事项目录文件 (*.json);;所有文件 (*)"


class LoadPreviewDialog(ConfirmDialog):
    """What loading the file would change; 载入第 N 版 stores it."""

    def __init__(
        self, ctx: UiContext, path: Path, report: LoadReport, parent: QWidget | None = None
    ) -> None:
        self.diff_model = DiffModel(report.changes)
        body = QVBoxLayout()
        counts = "、".join(f"{kind} {n} 项" for kind, n in report.counts.items())
        facts = QLabel(
            f"文件：{path.name}\n第 {report.version} 版：{counts}\n"
            f"与在用的第 {report.previous_version} 版相比：{diff_summary(report.changes)}"
        )
        facts.setObjectName("loadFacts")
        facts.setWordWrap(True)
        facts.setProperty("role", "value")
        body.addWidget(facts)
        if report.sample:
            warning = QLabel("注意：该文件标明为示例目录，并非区里发布的正式清单。")
            warning.setProperty("role", "fieldError")
            body.addWidget(warning)
        self.diff_view = record_table_view(
            self.diff_model, "loadDiff", stretch=(2,), status_column=DiffModel.COL_CHANGE
        )
        self.diff_view.setMinimumHeight(260)
        body.addWidget(self.diff_view)
        super().__init__(
            "载入新版目录",
            "已检查文件，尚未写入。载入后新登记的办件按新版本办理；已登记的办件仍记着当时的版本，"
            "新版本不再列出的事项标为已停用，不会删除。",
            f"载入第 {report.version} 版",
            heading=f"载入第 {report.version} 版服务事项目录？",
            body=body,
            parent=parent,
        )
        self.setObjectName("loadPreview")
        self.ctx = ctx
        self.path = path
        self.report = report
        #: What loading did (set once stored).
        self.loaded: LoadReport | None = None
        self.action_button.setEnabled(ctx.is_admin)
        self.resize(760, 560)

    def accept(self) -> None:
        try:
            self.loaded = load_catalog_file(self.ctx.db, self.path, actor=self.ctx.actor)
        except DjdeskError as exc:
            show_error(exc, self, title="未能载入")
            return
        self.ctx.notify("catalog_version")
        super().accept()


def preview_load(
    ctx: UiContext,
    path: Path,
    parent: QWidget,
    *,
    loaded: Callable[[LoadReport], object] | None = None,
) -> LoadPreviewDialog | None:
    """Check ``path`` without writing and open the preview (``None`` when it was refused)."""
    try:
        report = load_catalog_file(ctx.db, path, actor=ctx.actor, dry_run=True)
    except DjdeskError as exc:
        show_error(exc, parent, title="目录文件未载入")
        return None
    dialog = LoadPreviewDialog(ctx, path, report, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if loaded is not None:
        dialog.accepted.connect(lambda: loaded(dialog.loaded) if dialog.loaded else None)
    dialog.open()
    return dialog


def ask_and_preview(
    ctx: UiContext, parent: QWidget, loaded: Callable[[LoadReport], object] | None = None
) -> LoadPreviewDialog | None:
    """Ask for the file, then preview it."""
    chosen = open_file(parent, "载入新版服务事项目录", str(Path.home()), FILTERS)
    if not chosen:
        return None
    return preview_load(ctx, Path(chosen), parent, loaded=loaded)
