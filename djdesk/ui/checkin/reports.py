"""The check-in area's report exports (花名册, 统计表, 单位登记册) from the list pages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.checkin.members import MemberFilter
from djdesk.services.checkin.reports import write_report
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.exports import run_export


def export_report(
    ctx: UiContext,
    parent: QWidget,
    kind: str,
    out_path: Path,
    *,
    title: str,
    year: int | None = None,
    flt: MemberFilter | None = None,
    sort: str = "checked_in_on",
    descending: bool = False,
) -> None:
    """Write report ``kind`` to ``out_path`` in the background, then offer to open it
    (the roster with ``flt`` and in the order ``sort`` / ``descending``: the screen's)."""
    db, actor = ctx.db, ctx.actor

    def write(progress: ProgressFn, cancelled: CancelledFn) -> Path:
        return write_report(
            db,
            kind,
            out_path,
            actor=actor,
            year=year,
            flt=flt,
            sort=sort,
            descending=descending,
            progress=progress,
            cancelled=cancelled,
        )

    run_export(ctx, parent, write, title=title)
