"""Printing a member's 报到回执 from the counter: written in the background, then previewed.

A receipt printed before is a 补打: the clerk is asked for the reason first, and the preview
records every print and saved copy in the document register (:mod:`djdesk.ui.common.print_flow`).
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QWidget

from djdesk.services.checkin.receipts import PrintedReceipt, print_receipt
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.print_flow import Shown, open_preview, print_in_background, stamped_path

log = logging.getLogger(__name__)

RECEIPT_TITLE = "打印报到回执"


def receipt_path(output_dir: Path, member_id: int, now: datetime | None = None) -> Path:
    """Where a printed 报到回执 goes: the output folder, one file per print."""
    return stamped_path(output_dir, f"报到回执-{member_id}", now=now)


def print_receipt_flow(
    ctx: UiContext,
    member_id: int,
    parent: QWidget,
    *,
    headline: str = "",
    shown: Shown | None = None,
) -> None:
    """Write the member's 报到回执 in the background, then preview it.

    ``headline`` is shown above the preview (e.g. the 报到编号 just given); ``shown`` receives
    the preview dialog once it is open. Errors are reported, never raised.
    """
    out_path = receipt_path(ctx.paths.output_dir, member_id)
    db, actor = ctx.db, ctx.actor

    def done(printed: PrintedReceipt) -> None:
        log.info("receipt %s printed to %s", printed.serial, printed.path)
        open_preview(
            ctx,
            parent,
            printed.path or out_path,
            title=f"报到回执 — {printed.name}（{printed.serial}）",
            message=headline,
            document_id=printed.document_id,
            shown=shown,
        )

    print_in_background(
        ctx,
        parent,
        lambda reason: print_receipt(db, member_id, out_path, actor=actor, reprint_reason=reason),
        title=RECEIPT_TITLE,
        progress_text="正在生成报到回执……",
        done=done,
    )
