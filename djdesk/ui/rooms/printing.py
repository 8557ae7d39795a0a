"""Printing the rooms area's documents from the screens: written in the background, entered in
the document register, then shown in the one preview (:class:`PdfPreviewDialog`), where the
clerk picks the printer and the copies; each print and saved copy is registered there too.

A 预约确认单 printed before is a 补打: the clerk is asked for the reason first (as for the
报到回执). The door sheet, the bump notice and the usage statistics carry no number and print
as often as needed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

from djdesk.services.printing import PrintedDocument
from djdesk.services.rooms.printing import print_booking, print_bump_notice, print_day_sheet
from djdesk.services.rooms.usage import print_usage_report
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.print_flow import Shown, open_preview, print_in_background, stamped_path

log = logging.getLogger(__name__)

#: ``(path, reprint reason) -> what was printed``; runs in the background.
PrintFn = Callable[[Path, str], PrintedDocument]


def print_flow(
    ctx: UiContext,
    parent: QWidget,
    fn: PrintFn,
    *,
    title: str,
    stem: str,
    shown: Shown | None = None,
) -> None:
    """Write a document with ``fn`` in the background, then preview it; errors are reported.

    A numbered document printed before asks for the 补打 reason and tries again with it.
    """
    out_path = stamped_path(ctx.paths.output_dir, stem)

    def write(reason: str) -> PrintedDocument:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        return fn(out_path, reason)

    def done(printed: PrintedDocument) -> None:
        log.info("%s printed to %s", title, out_path)
        ctx.notify("document_record", printed.document_id)
        serial = f"（{printed.serial}）" if printed.serial else ""
        open_preview(
            ctx,
            parent,
            out_path,
            title=f"{title}{serial}",
            document_id=printed.document_id,
            shown=shown,
        )

    print_in_background(
        ctx,
        parent,
        write,
        title=f"打印{title}",
        progress_text=f"正在生成{title}……",
        done=done,
    )


def print_booking_flow(
    ctx: UiContext, booking_id: int, parent: QWidget, shown: Shown | None = None
) -> None:
    """The 预约确认单 (a 补打 when it was printed before)."""
    db, actor = ctx.db, ctx.actor
    print_flow(
        ctx,
        parent,
        lambda path, reason: print_booking(
            db, booking_id, path, actor=actor, reprint_reason=reason
        ),
        title="场地预约确认单",
        stem=f"场地预约确认单-{booking_id}",
        shown=shown,
    )


def print_day_sheet_flow(
    ctx: UiContext, day: date, parent: QWidget, shown: Shown | None = None
) -> None:
    """The 当日场地安排表 for the door."""
    db, actor = ctx.db, ctx.actor
    print_flow(
        ctx,
        parent,
        lambda path, _reason: print_day_sheet(db, day, path, actor=actor),
        title="当日场地安排表",
        stem=f"当日场地安排表-{day:%Y%m%d}",
        shown=shown,
    )


def print_bump_notice_flow(
    ctx: UiContext, booking_id: int, parent: QWidget, shown: Shown | None = None
) -> None:
    """The 场地预约变更通知 for a displaced booker."""
    db, actor = ctx.db, ctx.actor
    print_flow(
        ctx,
        parent,
        lambda path, _reason: print_bump_notice(db, booking_id, path, actor=actor),
        title="场地预约变更通知",
        stem=f"场地预约变更通知-{booking_id}",
        shown=shown,
    )


def print_usage_flow(
    ctx: UiContext, first: date, last: date, parent: QWidget, shown: Shown | None = None
) -> None:
    """The 场地使用统计表 of a period as a PDF."""
    db, actor = ctx.db, ctx.actor
    print_flow(
        ctx,
        parent,
        lambda path, _reason: print_usage_report(db, first, last, path, actor=actor),
        title="场地使用统计表",
        stem=f"场地使用统计-{first:%Y%m%d}-{last:%Y%m%d}",
        shown=shown,
    )
