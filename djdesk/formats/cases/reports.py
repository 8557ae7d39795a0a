"""The 出具证明登记簿 and the 服务事项 statistics as .xlsx (formats/base/xlsx_report).

Same columns and frame as the PDF versions (:mod:`djdesk.documents.cases.reports`, a test keeps
the titles equal); widths here are in Excel characters. Pure: rows in, workbook bytes out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from djdesk import APP_NAME
from djdesk.formats.base.xlsx_report import SheetColumn, SheetSpec, build_xlsx

REGISTER_TITLE = "出具证明登记簿"
STATS_TITLE = "服务事项办理情况统计表"

REGISTER_COLUMNS = (
    SheetColumn("序号", 6, "CENTER"),
    SheetColumn("编号", 26),
    SheetColumn("日期", 11, "CENTER", "yyyy-mm-dd"),
    SheetColumn("事项", 26),
    SheetColumn("申请人", 9),
    SheetColumn("身份证号", 20),
    SheetColumn("电话", 14),
    SheetColumn("用途", 18),
    SheetColumn("提交材料", 24),
    SheetColumn("核实方式", 14),
    SheetColumn("经办人", 9),
    SheetColumn("审核人", 9),
    SheetColumn("是否盖章", 8, "CENTER"),
    SheetColumn("备注", 20),
)
STATS_COLUMNS = (
    SheetColumn("分组", 16),
    SheetColumn("名称", 44),
    SheetColumn("办件数", 9, "RIGHT"),
    SheetColumn("办结", 8, "RIGHT"),
    SheetColumn("转办", 8, "RIGHT"),
    SheetColumn("不予办理", 9, "RIGHT"),
    SheetColumn("出具证明", 9, "RIGHT"),
    SheetColumn("用时（分钟）", 12, "RIGHT"),
)


def _spec(
    title: str,
    columns: tuple[SheetColumn, ...],
    *,
    issuer: str,
    period_label: str,
    printed_on: str,
    notes: tuple[str, ...],
    total_row: tuple[object, ...] | None,
    closing: tuple[str, ...],
) -> SheetSpec:
    return SheetSpec(
        title=title,
        sheet_name=title,
        columns=columns,
        info_left=f"填报单位：{issuer}　　统计期间：{period_label}",
        info_right=f"制表日期：{printed_on}",
        notes=notes,
        total_row=total_row,
        closing=closing,
        creator=APP_NAME,
    )


def build_register_xlsx(
    rows: Iterable[Sequence[object]],
    *,
    issuer: str,
    period_label: str,
    printed_on: str,
    notes: tuple[str, ...] = (),
    closing: tuple[str, ...] = (),
) -> bytes:
    """The 出具证明登记簿 of a period; ``rows`` follow :data:`REGISTER_COLUMNS`."""
    spec = _spec(
        REGISTER_TITLE,
        REGISTER_COLUMNS,
        issuer=issuer,
        period_label=period_label,
        printed_on=printed_on,
        notes=notes,
        total_row=None,
        closing=closing,
    )
    return build_xlsx(spec, rows)


def build_stats_xlsx(
    rows: Iterable[Sequence[object]],
    *,
    issuer: str,
    period_label: str,
    printed_on: str,
    notes: tuple[str, ...] = (),
    total_row: tuple[object, ...] | None = None,
    closing: tuple[str, ...] = (),
) -> bytes:
    """The statistics of a period; ``rows`` follow :data:`STATS_COLUMNS`."""
    spec = _spec(
        STATS_TITLE,
        STATS_COLUMNS,
        issuer=issuer,
        period_label=period_label,
        printed_on=printed_on,
        notes=notes,
        total_row=total_row,
        closing=closing,
    )
    return build_xlsx(spec, rows)
