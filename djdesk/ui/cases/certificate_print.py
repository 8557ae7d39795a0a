"""Printing a certificate from the case screens: written in the background, then previewed.

The first print of a certificate goes straight to the preview (the counter's last step after
saving a 证明 case). A certificate printed before is a 补打: the clerk is asked for the reason
first (:func:`~djdesk.ui.common.reprint_reason.ask_reprint_reason`), and the page carries the
reprint's count. Either way the rendering is entered in the document register, and every print
and saved copy from the preview (:class:`~djdesk.ui.common.pdf_preview.PdfPreviewDialog`) is
recorded there too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.cases.certificates import PrintedCertificate, print_certificate
from djdesk.services.cases.types import PrintKind
from djdesk.services.documents import ReprintReasonRequiredError
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.common.reprint_reason import ask_reprint_reason

log = logging.getLogger(__name__)

PRINT_TITLE = "打印证明"


def certificate_path(output_dir: Path, case_id: int, now: datetime | None = None) -> Path:
    """Where a printed certificate goes: one file per print in the output folder."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = output_dir / f"证明-{case_id}-{stamp}.pdf"
    n = 1
    while path.exists():
        n += 1
        path = output_dir / f"证明-{case_id}-{stamp}-{n}.pdf"
    return path


def print_certificate_flow(
    ctx: UiContext,
    case_id: int,
    parent: QWidget,
    *,
    headline: str = "",
    shown: Callable[[QDialog], None] | None = None,
    reason: str = "",
) -> None:
    """Print the case's certificate to a file in the background, then preview it.

    ``headline`` is shown above the preview (e.g. the number just given); ``shown`` receives
    the preview once it is open. Errors are reported, never raised.
    """
    out_path = certificate_path(ctx.paths.output_dir, case_id)
    db, actor = ctx.db, ctx.actor

    def work(progress: ProgressFn, cancelled: CancelledFn) -> PrintedCertificate:
        progress(0, 0, "正在生成证明……")
        return print_certificate(db, case_id, out_path, actor=actor, reason=reason)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, ReprintReasonRequiredError):
            given = ask_reprint_reason(parent, exc)
            if given:
                print_certificate_flow(
                    ctx, case_id, parent, headline=headline, shown=shown, reason=given
                )
            return
        report_exception(exc, parent)

    def done(printed: PrintedCertificate) -> None:
        log.info("certificate %s printed to %s", printed.serial, printed.path)
        ctx.notify("document_record", printed.document_id)
        ctx.notify("certificate")
        word = "副本" if printed.kind == PrintKind.VOID_COPY else "补打"  # a voided one is filed
        what = f"（第 {printed.reprint} 次{word}）"
        dialog = PdfPreviewDialog(
            printed.path or out_path,
            title=f"{printed.title} — {printed.subject_name}（{printed.serial}）"
            + (what if printed.reprint else ""),
            message=headline,
            parent=parent,
            ctx=ctx,
            document_id=printed.document_id,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if shown is not None:
            shown(dialog)

    ctx.tasks.run_task(work, on_done=done, on_error=failed, title=PRINT_TITLE, parent=parent)
