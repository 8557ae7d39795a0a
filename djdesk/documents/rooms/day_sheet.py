"""The 当日场地安排表 for the door: every room's bookings of one day, in time order.

A table report (portrait A4): room, time, who, what, how many, status; rooms closed that day
are named under the title with the reason. Individual residents appear with the surname only
(张*), as the sheet hangs in public. Pure: a :class:`DaySheet` in, PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from djdesk import APP_NAME
from djdesk.documents.base.styles import numeric_cn_date
from djdesk.documents.base.tables import Column, TableReport, build_table_report

TITLE = "当日场地安排表"
WEEKDAYS = "一二三四五六日"
COLUMNS = (
    Column("场地", 2.2),
    Column("时间", 1.8, "CENTER"),
    Column("预约对象", 3.0),
    Column("活动内容", 3.0),
    Column("人数", 0.8, "RIGHT"),
    Column("状态", 1.1, "CENTER"),
)


@dataclass(frozen=True)
class DaySheetRow:
    room: str
    time_text: str
    booker: str
    purpose: str
    attendees: int
    status: str


@dataclass(frozen=True, kw_only=True)
class DaySheet:
    community: str
    day: date
    rows: tuple[DaySheetRow, ...]
    closed_rooms: tuple[tuple[str, str], ...] = ()  # (room, why)
    holiday: str = ""


def build_day_sheet(sheet: DaySheet, *, invariant: bool = False) -> bytes:
    weekday = f"星期{WEEKDAYS[sheet.day.weekday()]}"
    notes = []
    if sheet.holiday:
        notes.append(f"今日为{sheet.holiday}。")
    if sheet.closed_rooms:
        notes.append("今日不开放：" + "；".join(f"{r}（{why}）" for r, why in sheet.closed_rooms))
    report = TableReport(
        title=TITLE,
        issuer=sheet.community,
        columns=COLUMNS,
        info_left=sheet.community,
        info_right=f"{numeric_cn_date(sheet.day)}　{weekday}",
        notes=tuple(notes),
        closing=(f"共 {len(sheet.rows)} 场。如需使用空闲场地，请到前台登记。",),
        landscape=False,
        footer_note=f"由 {APP_NAME} 生成",
        subject=f"{sheet.community} {sheet.day:%Y-%m-%d} 场地安排",
        keywords=(TITLE, f"{sheet.day:%Y-%m-%d}"),
    )
    rows = ((r.room, r.time_text, r.booker, r.purpose, r.attendees, r.status) for r in sheet.rows)
    return build_table_report(report, rows, invariant=invariant, row_count=len(sheet.rows))
