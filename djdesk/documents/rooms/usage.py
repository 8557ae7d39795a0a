"""场地使用统计 as a PDF table report: bookings, hours, attendees, open hours and utilisation
by room, then by booker category, with a 合计 row. Pure: a :class:`UsageTable` in, PDF out."""

from __future__ import annotations

from dataclasses import dataclass

from djdesk import APP_NAME
from djdesk.documents.base.tables import Column, TableReport, build_table_report

TITLE = "场地使用统计表"
COLUMNS = (
    Column("分组", 1.3, "CENTER"),
    Column("名称", 2.6),
    Column("预约次数", 1.1, "RIGHT"),
    Column("使用时长（小时）", 1.4, "RIGHT"),
    Column("参与人次", 1.1, "RIGHT"),
    Column("开放时长（小时）", 1.4, "RIGHT"),
    Column("利用率", 1.0, "RIGHT", "0.0%"),
    Column("爽约", 0.8, "RIGHT"),
    Column("取消", 0.8, "RIGHT"),
)


@dataclass(frozen=True, kw_only=True)
class UsageTable:
    community: str
    period_text: str  # 2026年1月1日至2026年12月31日
    made_on_text: str
    rows: tuple[tuple[object, ...], ...]
    total: tuple[object, ...]
    notes: tuple[str, ...] = ()


def build_usage_pdf(table: UsageTable, *, invariant: bool = False) -> bytes:
    report = TableReport(
        title=TITLE,
        issuer=table.community,
        columns=COLUMNS,
        info_left=f"填报单位：{table.community}",
        info_right=f"统计期间：{table.period_text}",
        notes=table.notes,
        total_row=table.total,
        closing=(f"制表日期：{table.made_on_text}", "填表人：　　　　　　　审核人："),
        landscape=True,
        footer_note=f"由 {APP_NAME} 生成",
        subject=f"{table.community} 场地使用统计 {table.period_text}",
        keywords=(TITLE,),
    )
    return build_table_report(report, table.rows, invariant=invariant, row_count=len(table.rows))
