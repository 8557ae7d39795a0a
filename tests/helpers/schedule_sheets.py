"""Season-schedule workbooks for the rooms import tests, written with openpyxl."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from openpyxl import Workbook

HEADER = [
    "团队名称",
    "联系人",
    "联系电话",
    "场地",
    "星期",
    "开始时间",
    "结束时间",
    "开始日期",
    "结束日期",
    "频率",
    "活动内容",
    "人数",
]


def schedule_workbook(
    path: Path, rows: list[list[object]], *, title: str | None = "2027年春季活动安排"
) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "活动安排"
    if title:
        ws.append([title])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


GOOD_ROWS: list[list[object]] = [
    [
        "夕阳红合唱团",
        "王秀英",
        "13800138000",
        "多功能厅",
        "周三",
        time(14, 0),
        time(16, 0),
        date(2026, 12, 1),
        date(2026, 12, 31),
        "每周",
        "合唱排练",
        30,
    ],
    [
        "银龄舞蹈队",
        "李桂兰",
        "13900139000",
        "舞蹈排练室",
        "星期五",
        "19:00",
        "20:30",
        "2026-12-01",
        "2026-12-31",
        "每两周",
        "舞蹈排练",
        20,
    ],
]
