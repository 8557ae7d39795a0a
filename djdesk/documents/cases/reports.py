"""The 出具证明登记簿 and the 服务事项 statistics as PDF tables (documents/base/tables).

Both are landscape A4 with the house table layout: title, 填报单位 and 统计期间, the header
row repeated on every page, page numbers. The register's columns follow domain.md §5.2; the
statistics are one table of sections (按清单, 按类别, 按事项, 按经办人, 按月份, 清单外事项交办部门)
so a street office can read a community's month on one or two pages. Pure: rows in, PDF out.
The Excel side (:mod:`djdesk.formats.cases.reports`) uses the same column titles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from djdesk import APP_NAME
from djdesk.documents.base.tables import Column, TableReport, build_table_report
from djdesk.progress import CancelledFn, ProgressFn

REGISTER_TITLE = "出具证明登记簿"
STATS_TITLE = "服务事项办理情况统计表"

REGISTER_COLUMNS = (
    Column("序号", 26, "CENTER"),
    Column("编号", 92),
    Column("日期", 48, "CENTER", "yyyy-mm-dd"),
    Column("事项", 96),
    Column("申请人", 38),
    Column("身份证号", 78),
    Column("电话", 52),
    Column("用途", 64),
    Column("提交材料", 80),
    Column("核实方式", 50),
    Column("经办人", 36),
    Column("审核人", 36),
    Column("是否盖章", 28, "CENTER"),
    Column("备注", 64),
)
STATS_COLUMNS = (
    Column("分组", 70),
    Column("名称", 230),
    Column("办件数", 48, "RIGHT"),
    Column("办结", 44, "RIGHT"),
    Column("转办", 44, "RIGHT"),
    Column("不予办理", 50, "RIGHT"),
    Column("出具证明", 50, "RIGHT"),
    Column("用时（分钟）", 60, "RIGHT"),
)


@dataclass(frozen=True)
class ReportFrame:
    """What surrounds the rows: issuer, period, notes, a 合计 row and closing lines."""

    issuer: str
    site_code: str
    period_label: str
    printed_on: str  # 2026年11月23日
    notes: tuple[str, ...] = ()
    total_row: tuple[object, ...] | None = None
    closing: tuple[str, ...] = ()


def _report(frame: ReportFrame, title: str, columns: tuple[Column, ...]) -> TableReport:
    return TableReport(
        title=title,
        issuer=frame.issuer,
        columns=columns,
        info_left=f"填报单位：{frame.issuer}　　统计期间：{frame.period_label}",
        info_right=f"制表日期：{frame.printed_on}",
        notes=frame.notes,
        total_row=frame.total_row,
        closing=frame.closing,
        footer_note=f"由 {APP_NAME} 生成",
        subject=f"{frame.issuer}{frame.period_label}{title}",
        keywords=(title, frame.site_code, frame.period_label),
    )


def build_register_pdf(
    frame: ReportFrame,
    rows: Iterable[Sequence[object]],
    *,
    row_count: int | None = None,
    invariant: bool = False,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> bytes:
    """The 出具证明登记簿 of a period; ``rows`` follow :data:`REGISTER_COLUMNS`."""
    return build_table_report(
        _report(frame, REGISTER_TITLE, REGISTER_COLUMNS),
        rows,
        invariant=invariant,
        progress=progress,
        cancelled=cancelled,
        row_count=row_count,
    )


def build_stats_pdf(
    frame: ReportFrame, rows: Iterable[Sequence[object]], *, invariant: bool = False
) -> bytes:
    """The statistics of a period; ``rows`` follow :data:`STATS_COLUMNS`."""
    return build_table_report(_report(frame, STATS_TITLE, STATS_COLUMNS), rows, invariant=invariant)
