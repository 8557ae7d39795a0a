"""Printing a certificate from the case screens: written in the background, then previewed.

The first print of a certificate goes straight to the preview (the counter's last step after
saving a 证明 case). A certificate printed before is a 补打: the clerk is asked for the reason
first, and the page carries the reprint's count. Either way the rendering is entered in the
document register, and every print and saved copy from the preview is recorded there too
(:mod:`djdesk.ui.common.print_flow`).
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QWidget

from djdesk.services.cases.certificates import PrintedCertificate, print_certificate
from djdesk.services.cases.types import PrintKind
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.print_flow import Shown, open_preview, print_in_background, stamped_path

log = logging.getLogger(__name__)

PRINT_TITLE = "打印证明"


def certificate_path(output_dir: Path, case_id: int, now: datetime | None = None) -> Path:
    """Where a printed certificate goes: one file per print in the output folder."""
    return stamped_path(output_dir, f"证明-{case_id}", now=now)


def print_certificate_flow(
    ctx: UiContext,
    case_id: int,
    parent: QWidget,
    *,
    headline: str = "",
    shown: Shown | None = None,
) -> None:
    """Print the case's certificate to a file in the background, then preview it.

    ``headline`` is shown above the preview (e.g. the number just given); ``shown`` receives
    the preview once it is open. Errors are reported, never raised.
    """
    out_path = certificate_path(ctx.paths.output_dir, case_id)
    db, actor = ctx.db, ctx.actor

    def done(printed: PrintedCertificate) -> None:
        log.info("certificate %s printed to %s", printed.serial, printed.path)
        ctx.notify("document_record", printed.document_id)
        ctx.notify("certificate")
        word = "副本" if printed.kind == PrintKind.VOID_COPY else "补打"  # a voided one is filed
        what = f"（第 {printed.reprint} 次{word}）" if printed.reprint else ""
        open_preview(
            ctx,
            parent,
            printed.path or out_path,
            title=f"{printed.title} — {printed.subject_name}（{printed.serial}）{what}",
            message=headline,
            document_id=printed.document_id,
            shown=shown,
        )

    print_in_background(
        ctx,
        parent,
        lambda reason: print_certificate(db, case_id, out_path, actor=actor, reason=reason),
        title=PRINT_TITLE,
        progress_text="正在生成证明……",
        done=done,
    )
