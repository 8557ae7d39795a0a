"""Writing the 服务事项 reports as .xlsx or .pdf: atomically, audited, cancellable.

``cases`` is the period's statistics (the monthly / quarterly / yearly summary for the street);
``certificate-register`` is the period's 出具证明登记簿. The PDF is built by
:mod:`djdesk.documents.cases.reports`, the workbook by :mod:`djdesk.formats.cases.reports`.
A PDF — saved, or sent to a printer (:func:`print_cases_report`) — is a document like any other
and is entered in the document register (kinds :data:`DOCUMENT_KINDS`, unnumbered); a workbook
is an export, recorded in the audit log.
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
from djdesk.services.documents import (
    Destination,
    DocumentSpec,
    SendToPrinter,
    issue_document,
)
from djdesk.services.printing import PrintedDocument, write_atomically
from djdesk.services.site.identity import require_site

#: Report kinds of the area: command-line name -> Chinese title.
REPORTS = {"cases": "服务事项办理情况统计表", "certificate-register": "出具证明登记簿"}
#: The kinds their PDFs carry in the document register.
DOCUMENT_KINDS = {"cases": "cases-stats", "certificate-register": "cases-certificate-register"}
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


def _check(kind: str, suffix: str, name: str) -> None:
    if suffix not in SUFFIXES:
        raise DjdeskError(f"无法导出到“{name}”：只能保存为 .xlsx 或 .pdf 文件。")
    if kind not in REPORTS:
        raise DjdeskError(f"没有名为“{kind}”的报表，可选：{'、'.join(REPORTS)}。")


def print_cases_report(
    db: Database,
    kind: str,
    period: Period,
    out_path: Path | Destination,
    *,
    actor: Actor,
    on: date | None = None,
    invariant: bool = False,
    send: SendToPrinter | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> PrintedDocument:
    """The report's PDF to a file or, through ``send``, a printer, entered in the register."""
    destination = out_path if isinstance(out_path, Destination) else Destination.file(out_path)
    _check(kind, ".pdf", destination.path.name if destination.path else "")
    content, rows = _content(
        db,
        kind,
        period,
        ".pdf",
        on=on or date.today(),
        invariant=invariant,
        progress=progress,
        cancelled=cancelled,
    )
    if cancelled is not None and cancelled():
        raise CancelledError(EXPORT_CANCELLED)
    title = f"{period.label}{REPORTS[kind]}"
    with db.unit_of_work(actor, roles=ALL_ROLES, what="打印报表") as session:
        spec = DocumentSpec(kind=DOCUMENT_KINDS[kind], title=title)
        issued = issue_document(session, spec, lambda _copy: content, destination, send=send)
        where = destination.path.name if destination.path else f"打印机“{destination.printer}”"
        summary = f"{'导出' if destination.path else '打印'}{title}（pdf，{rows} 行）：{where}"
        table = "service_case" if kind == "cases" else "certificate"
        record_event(session, "export", table=table, summary=summary)
    return PrintedDocument(
        path=destination.path or Path(), serial="", document_id=issued.document.id
    )


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
    _check(kind, suffix, out_path.name)
    if suffix == ".pdf":
        print_cases_report(
            db,
            kind,
            period,
            out_path,
            actor=actor,
            on=on,
            invariant=invariant,
            progress=progress,
            cancelled=cancelled,
        )
        return out_path
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
