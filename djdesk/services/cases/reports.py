"""Writing the 服务事项 reports as .xlsx or .pdf: atomically, audited, cancellable.

``cases`` is the period's statistics (the monthly / quarterly / yearly summary for the street);
``certificate-register`` is the period's 出具证明登记簿. The PDF is built by
:mod:`djdesk.documents.cases.reports`, the workbook by :mod:`djdesk.formats.cases.reports`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from djdesk.actor import Actor, Role
from djdesk.db.audit import record_event
from djdesk.db.session import Database
from djdesk.documents.base.styles import numeric_cn_date
from djdesk.documents.cases.reports import ReportFrame, build_register_pdf, build_stats_pdf
from djdesk.errors import DjdeskError
from djdesk.formats.cases.reports import build_register_xlsx, build_stats_xlsx
from djdesk.progress import EXPORT_CANCELLED, CancelledError, CancelledFn, ProgressFn
from djdesk.services.cases.periods import Period
from djdesk.services.cases.report_data import case_stats, count_register, iter_register
from djdesk.services.printing import write_atomically
from djdesk.services.site.identity import require_site

#: Report kinds of the area: command-line name -> Chinese title.
REPORTS = {"cases": "服务事项办理情况统计表", "certificate-register": "出具证明登记簿"}
SUFFIXES = (".xlsx", ".pdf")
ALL_ROLES = tuple(Role)  # reading a report is allowed to every role


def _content(
    db: Database,
    kind: str,
    period: Period,
    suffix: str,
    *,
    on: date,
    invariant: bool,
    progress: ProgressFn | None,
    cancelled: CancelledFn | None,
) -> tuple[bytes, int]:
    site = require_site(db)
    printed = numeric_cn_date(on)
    if kind == "cases":
        stats = case_stats(db, period)
        if suffix == ".xlsx":
            content = build_stats_xlsx(
                stats.rows,
                issuer=site.name,
                period_label=period.label,
                printed_on=printed,
                total_row=stats.total,
                closing=stats.closing,
            )
        else:
            frame = ReportFrame(
                site.name, site.code, period.label, printed, (), stats.total, stats.closing
            )
            content = build_stats_pdf(frame, stats.rows, invariant=invariant)
        return content, len(stats.rows)
    count = count_register(db, period)
    closing = (f"共 {count} 份。",)
    if suffix == ".xlsx":
        content = build_register_xlsx(
            iter_register(db, period),
            issuer=site.name,
            period_label=period.label,
            printed_on=printed,
            closing=closing,
        )
    else:
        frame = ReportFrame(site.name, site.code, period.label, printed, closing=closing)
        content = build_register_pdf(
            frame,
            iter_register(db, period),
            row_count=count,
            invariant=invariant,
            progress=progress,
            cancelled=cancelled,
        )
    return content, count


def write_cases_report(
    db: Database,
    kind: str,
    period: Period,
    out_path: Path,
    *,
    actor: Actor,
    on: date | None = None,
    invariant: bool = False,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> Path:
    """Write report ``kind`` (a key of :data:`REPORTS`) for ``period`` to ``out_path``."""
    suffix = out_path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DjdeskError(f"无法导出到“{out_path.name}”：只能保存为 .xlsx 或 .pdf 文件。")
    if kind not in REPORTS:
        raise DjdeskError(f"没有名为“{kind}”的报表，可选：{'、'.join(REPORTS)}。")
    content, rows = _content(
        db,
        kind,
        period,
        suffix,
        on=on or date.today(),
        invariant=invariant,
        progress=progress,
        cancelled=cancelled,
    )
    if cancelled is not None and cancelled():
        raise CancelledError(EXPORT_CANCELLED)
    with db.unit_of_work(actor, roles=ALL_ROLES, what="导出报表") as session:
        write_atomically(out_path, content)
        summary = f"导出{period.label}{REPORTS[kind]}（{suffix[1:]}，{rows} 行）：{out_path.name}"
        table = "service_case" if kind == "cases" else "certificate"
        record_event(session, "export", table=table, summary=summary)
    return out_path
