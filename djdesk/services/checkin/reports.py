"""Writing the check-in reports as .xlsx or .pdf: atomically, audited, cancellable.

:func:`write_report` takes a report gathered by :mod:`~djdesk.services.checkin.report_data` and
hands its rows to the xlsx writer (:mod:`djdesk.formats.base.xlsx_report`) or the PDF table
builder (:mod:`djdesk.documents.base.tables`); ``progress(done, total, text)`` and
``cancelled()`` let the GUI run an export in the background.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from djdesk import APP_NAME, __version__
from djdesk.actor import Actor
from djdesk.db.audit import record_event
from djdesk.db.session import Database
from djdesk.documents.base.styles import numeric_cn_date
from djdesk.documents.base.tables import TableReport, build_table_report
from djdesk.errors import DjdeskError
from djdesk.formats.base.xlsx_report import SheetColumn, SheetSpec, build_xlsx
from djdesk.progress import EXPORT_CANCELLED, CancelledError, CancelledFn, ProgressFn
from djdesk.services.checkin.members import MemberFilter, count_members
from djdesk.services.checkin.report_data import (
    ALL_ROLES,
    EXCEL_WIDTH,
    KINDS,
    SUFFIXES,
    Report,
    ReportRow,
    checkin_stats,
    iter_roster,
    roster_data,
    unit_register,
)
from djdesk.services.printing import write_atomically
from djdesk.services.site.identity import require_site

__all__ = ["KINDS", "SUFFIXES", "write_report"]


def write_report(
    db: Database,
    kind: str,
    out_path: Path,
    *,
    actor: Actor,
    year: int | None = None,
    flt: MemberFilter | None = None,
    sort: str = "checked_in_on",
    descending: bool = False,
    on: date | None = None,
    invariant: bool = False,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> Path:
    """Write the report ``kind`` (a key of :data:`KINDS`) to ``out_path`` (.xlsx or .pdf).

    ``year`` limits the roster and the statistics to check-ins of that year; ``flt`` is the
    member list's filter for the roster, ``sort`` / ``descending`` its order (the screen's).
    The file appears whole or not at all; the export is audited. A cancel raises
    :class:`~djdesk.progress.CancelledError` and writes nothing.
    """
    suffix = out_path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DjdeskError(f"无法导出到“{out_path.name}”：只能保存为 .xlsx 或 .pdf 文件。")
    if kind not in KINDS:
        raise DjdeskError(f"没有名为“{kind}”的报表，可选：{'、'.join(KINDS)}。")
    site = require_site(db)
    on = on or date.today()
    report: Report[Any]
    rows: Iterable[ReportRow]
    if kind == "members-roster":
        flt = flt or MemberFilter()
        flt = flt if year is None else replace(flt, year=year)
        order: dict[str, Any] = {"sort": sort, "descending": descending}
        report = roster_data(db, flt, on=on, count=count_members(db, flt), **order)
        reading = progress if suffix == ".xlsx" else None  # the PDF builder counts rows itself
        rows = iter_roster(db, flt, progress=reading, cancelled=cancelled, **order)
    else:
        stats = kind == "checkin-stats"
        report = checkin_stats(db, year, on=on) if stats else unit_register(db, on=on)
        rows = report.rows
    values = (r.values() for r in rows)
    cols = report.kind.columns
    frame: dict[str, Any] = {
        "title": report.title,
        "info_left": f"填报单位：{site.name}",
        "info_right": f"统计日期：{numeric_cn_date(on)}",
        "notes": report.notes,
        "total_row": report.total.values() if report.total is not None else None,
        "closing": report.closing,
    }
    if suffix == ".xlsx":
        sheet = [SheetColumn(c.title, c.weight * EXCEL_WIDTH, c.align, c.fmt) for c in cols]
        spec = SheetSpec(**frame, sheet_name=report.kind.title, columns=tuple(sheet))
        content = build_xlsx(replace(spec, creator=APP_NAME), values)
    else:
        note = f"由 {APP_NAME} {__version__} 生成"
        table = TableReport(**frame, issuer=site.name, columns=cols, footer_note=note)
        table = replace(table, subject=report.title, keywords=(report.kind.title, site.code))
        hooks: dict[str, Any] = {"progress": progress, "cancelled": cancelled}
        hooks["row_count"] = report.count
        content = build_table_report(table, values, invariant=invariant, **hooks)
    if cancelled is not None and cancelled():
        raise CancelledError(EXPORT_CANCELLED)
    with db.unit_of_work(actor, roles=ALL_ROLES, what="导出报表") as session:
        write_atomically(out_path, content)
        summary = f"导出{report.title}（{suffix[1:]}，{report.count} 行）：{out_path.name}"
        record_event(session, "export", table=report.kind.table, summary=summary)
    return out_path
