"""Exporting a report to a file the clerk chooses: ask where, write in the background, offer it.

The area supplies the writer (``write(progress, cancelled) -> Path``, usually a service's report
function); :func:`run_export` runs it through the task runner, then opens the file-ready box. A
cancel by the clerk shows nothing; any other error is reported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from djdesk.progress import CancelledError, CancelledFn, ProgressFn
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.file_dialogs import save_file
from djdesk.ui.common.file_ready import show_file_ready

if TYPE_CHECKING:
    from djdesk.ui.common.context import UiContext

log = logging.getLogger(__name__)

REPORT_FILTERS = "Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf)"

WriteFn = Callable[[ProgressFn, CancelledFn], Path]


def ask_save_path(parent: QWidget, title: str, suggested: Path) -> Path | None:
    """Ask where to save a report (.xlsx or .pdf); ``None`` when the clerk cancels."""
    chosen, selected = save_file(parent, title, str(suggested), REPORT_FILTERS)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (".xlsx", ".pdf"):
        path = path.with_suffix(".pdf" if "pdf" in selected.lower() else ".xlsx")
    return path


def run_export(
    ctx: UiContext,
    parent: QWidget,
    write: WriteFn,
    *,
    title: str,
    done: Callable[[Path], None] | None = None,
) -> None:
    """Run ``write`` in the background, then offer to open the file it wrote.

    ``done`` receives the path once written (after the file-ready box was opened).
    """

    def work(progress: ProgressFn, cancelled: CancelledFn) -> Path:
        progress(0, 0, f"正在{title}……")
        return Path(write(progress, cancelled))

    def finished(path: Path) -> None:
        log.info("%s: written to %s", title, path)
        show_file_ready(parent, title, "已保存为：", path)
        if done is not None:
            done(path)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, CancelledError):
            log.info("%s cancelled", title)
            return
        report_exception(exc, parent)

    ctx.tasks.run_task(
        work,
        on_done=finished,
        on_error=failed,
        on_cancelled=lambda _r: None,
        title=title,
        parent=parent,
    )
