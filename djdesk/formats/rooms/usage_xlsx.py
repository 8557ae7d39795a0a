"""场地使用统计 as an .xlsx workbook, through the shared report writer. Pure: data in, bytes out."""

from __future__ import annotations

from collections.abc import Sequence

from djdesk import APP_NAME
from djdesk.formats.base.xlsx_report import SheetColumn, SheetSpec, build_xlsx

TITLE = "场地使用统计表"
COLUMNS = (
    SheetColumn("分组", 10, "CENTER"),
    SheetColumn("名称", 22),
    SheetColumn("预约次数", 10, "RIGHT", "0"),
    SheetColumn("使用时长（小时）", 14, "RIGHT", "0.0"),
    SheetColumn("参与人次", 10, "RIGHT", "0"),
    SheetColumn("开放时长（小时）", 14, "RIGHT", "0.0"),
    SheetColumn("利用率", 10, "RIGHT", "0.0%"),
    SheetColumn("爽约", 8, "RIGHT", "0"),
    SheetColumn("取消", 8, "RIGHT", "0"),
)


def build_usage_xlsx(
    *,
    community: str,
    period_text: str,
    made_on_text: str,
    rows: Sequence[Sequence[object]],
    total: Sequence[object],
    notes: Sequence[str] = (),
) -> bytes:
    spec = SheetSpec(
        title=TITLE,
        sheet_name="场地使用统计",
        columns=COLUMNS,
        info_left=f"填报单位：{community}",
        info_right=f"统计期间：{period_text}",
        notes=tuple(notes),
        total_row=tuple(total),
        closing=(f"制表日期：{made_on_text}",),
        creator=APP_NAME,
    )
    return build_xlsx(spec, rows)
