"""Printing a member's 报到回执 from the counter: written in the background, then previewed.

A receipt printed before is a 补打: the clerk is asked for the reason first, and the preview
records every print and saved copy in the document register.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.checkin.receipts import PrintedReceipt, print_receipt
from djdesk.services.documents import ReprintReasonRequiredError
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.common.reprint_reason import ask_reprint_reason

log = logging.getLogger(__name__)

RECEIPT_TITLE = "打印报到回执"


def receipt_path(output_dir: Path, member_id: int, now: datetime | None = None) -> Path:
    """Where a printed 报到回执 goes: the output folder, one file per print (a second print in
    the same second gets its own file: the register points at each)."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = output_dir / f"报到回执-{member_id}-{stamp}.pdf"
    n = 1
    while path.exists():
        n += 1
        path = output_dir / f"报到回执-{member_id}-{stamp}-{n}.pdf"
    return path


def print_receipt_flow(
    ctx: UiContext,
    member_id: int,
    parent: QWidget,
    *,
    headline: str = "",
    shown: Callable[[QDialog], None] | None = None,
    reason: str = "",
) -> None:
    """Write the member's 报到回执 in the background, then preview it.

    ``headline`` is shown above the preview (e.g. the 报到编号 just given); ``shown`` receives
    the preview dialog once it is open. Errors are reported, never raised.
    """
    out_path = receipt_path(ctx.paths.output_dir, member_id)
    db, actor = ctx.db, ctx.actor

    def work(progress: ProgressFn, cancelled: CancelledFn) -> PrintedReceipt:
        progress(0, 0, "正在生成报到回执……")
        return print_receipt(db, member_id, out_path, actor=actor, reprint_reason=reason)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, ReprintReasonRequiredError):
            given = ask_reprint_reason(parent, exc)
            if given:
                print_receipt_flow(
                    ctx, member_id, parent, headline=headline, shown=shown, reason=given
                )
            return
        report_exception(exc, parent)

    def done(printed: PrintedReceipt) -> None:
        log.info("receipt %s printed to %s", printed.serial, printed.path)
        dialog = PdfPreviewDialog(
            printed.path or out_path,
            title=f"报到回执 — {printed.name}（{printed.serial}）",
            message=headline,
            parent=parent,
            ctx=ctx,
            document_id=printed.document_id,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if shown is not None:
            shown(dialog)

    ctx.tasks.run_task(
        work,
        on_done=done,
        on_error=failed,
        title=RECEIPT_TITLE,
        parent=parent,
    )
