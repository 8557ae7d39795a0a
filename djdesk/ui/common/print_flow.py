"""The one way the screens print a document: written in the background, then previewed.

Every area's print buttons (报到回执, 证明, 预约确认单, agreements, 补打 from the register) go
through :func:`print_in_background`: the document is written by a service on the task runner; a
numbered document printed before raises ``ReprintReasonRequiredError``, so the clerk is asked
for the 补打 reason and the same work runs again with it; any other error is reported, never
raised. :func:`open_preview` then shows the file in the one preview
(:class:`~djdesk.ui.common.pdf_preview.PdfPreviewDialog`), where the clerk picks the printer
and the copies and each print or saved copy is registered.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.documents import ReprintReasonRequiredError
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.common.reprint_reason import ask_reprint_reason

T = TypeVar("T")
#: Receives the preview once it is open (tests keep a reference; windows keep it alive).
Shown = Callable[[QDialog], object]


def unique_path(folder: Path, stem: str, suffix: str = ".pdf") -> Path:
    """``folder/stem.suffix``, or ``stem-2``, ``stem-3`` … when that file exists."""
    path = folder / f"{stem}{suffix}"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}{suffix}"
    return path


def stamped_path(
    folder: Path, stem: str, suffix: str = ".pdf", now: datetime | None = None
) -> Path:
    """A file of its own for each print, named by the time (the register points at each)."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return unique_path(folder, f"{stem}-{stamp}", suffix)


def print_in_background(
    ctx: UiContext,
    parent: QWidget | None,
    write: Callable[[str], T],
    *,
    title: str,
    progress_text: str,
    done: Callable[[T], None],
    reason: str = "",
) -> None:
    """Run ``write(reprint reason)`` on the task runner, then ``done`` with its result.

    When the service asks for a 补打 reason, the clerk is asked and ``write`` runs again with
    it (nothing happens when the clerk cancels); other errors are reported.
    """

    def work(progress: ProgressFn, cancelled: CancelledFn) -> T:
        progress(0, 0, progress_text)
        return write(reason)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, ReprintReasonRequiredError):
            given = ask_reprint_reason(parent, exc)
            if given:
                print_in_background(
                    ctx,
                    parent,
                    write,
                    title=title,
                    progress_text=progress_text,
                    done=done,
                    reason=given,
                )
            return
        report_exception(exc, parent)

    ctx.tasks.run_task(work, on_done=done, on_error=failed, title=title, parent=parent)


def open_preview(
    ctx: UiContext,
    parent: QWidget | None,
    path: Path,
    *,
    title: str,
    message: str = "",
    document_id: int | None = None,
    shown: Shown | None = None,
) -> PdfPreviewDialog:
    """Show ``path`` in the preview (deleted when closed); ``shown`` receives it once open."""
    dialog = PdfPreviewDialog(
        path, title=title, message=message, parent=parent, ctx=ctx, document_id=document_id
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    if shown is not None:
        shown(dialog)
    return dialog
