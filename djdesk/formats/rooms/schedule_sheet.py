"""Reading a season's schedule of resident teams (one row per team and weekly slot) from an
.xlsx sheet into typed rows.

Expected columns (header in one of the first five rows; * required): 团队名称*, 联系人,
联系电话*, 场地*, 星期*, 开始时间*, 结束时间*, 开始日期*, 结束日期*, 频率 (每周 / 每两周,
default 每周), 活动内容*, 人数*. Each bad cell becomes a :class:`RowProblem` naming row and
column in Chinese; a file that is not a readable .xlsx, too big or without the columns is
refused as a whole (:class:`ScheduleFileError`). Pure: a path in, typed rows out.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from djdesk.errors import DjdeskError

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 500
MAX_COLUMNS = 40
HEADER_ROWS = 5
WEEKDAYS = {
    **{f"周{c}": i for i, c in enumerate("一二三四五六日")},
    **{f"星期{c}": i for i, c in enumerate("一二三四五六日")},
    "周天": 6,
    "星期天": 6,
    **{str(i + 1): i for i in range(7)},
}
FREQUENCIES = ("每周", "每两周")
COLUMNS = {
    "team": ("团队名称", "团队", "预约团队"),
    "contact": ("联系人", "负责人"),
    "phone": ("联系电话", "电话", "手机"),
    "room": ("场地", "场地名称", "功能室"),
    "weekday": ("星期", "每周", "周几"),
    "start": ("开始时间", "开始"),
    "end": ("结束时间", "结束"),
    "first_day": ("开始日期", "起始日期"),
    "last_day": ("结束日期", "截止日期"),
    "frequency": ("频率", "重复"),
    "purpose": ("活动内容", "活动", "用途"),
    "attendees": ("人数", "预计人数"),
}
LABELS = {key: names[0] for key, names in COLUMNS.items()}
REQUIRED = (
    "team",
    "phone",
    "room",
    "weekday",
    "start",
    "end",
    "first_day",
    "last_day",
    "purpose",
    "attendees",
)


class ScheduleFileError(DjdeskError):
    """The file cannot be read as a season schedule; nothing was imported."""


@dataclass(frozen=True)
class ScheduleRow:
    number: int  # the row number Excel shows
    team: str
    contact: str
    phone: str
    room: str
    weekday: int  # 0 Monday … 6 Sunday
    start: int  # minutes after midnight
    end: int
    first_day: date
    last_day: date
    frequency: str
    purpose: str
    attendees: int


@dataclass(frozen=True)
class RowProblem:
    number: int
    column: str  # the Chinese column label
    message: str

    def text(self) -> str:
        return f"第 {self.number} 行“{self.column}”列：{self.message}"


@dataclass
class ScheduleSheet:
    file: Path
    sheet: str
    header_row: int
    rows: list[ScheduleRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFKC", str(value)).split())


def _header_map(cells: tuple[Any, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _text(cell).replace("*", "").replace(" ", "")
        for key, names in COLUMNS.items():
            if name in names and key not in found:
                found[key] = index
    return found


def _clock(value: Any) -> int:
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        return value.hour * 60 + value.minute
    if isinstance(value, float) and 0 <= value <= 1:  # an Excel time stored as a fraction
        return round(value * 1440)
    match = re.fullmatch(r"(\d{1,2})[:：.](\d{2})", _text(value))
    if not match or int(match.group(2)) >= 60 or int(match.group(1)) > 24:
        raise ValueError("应为 时:分，如 19:30")
    minutes = int(match.group(1)) * 60 + int(match.group(2))
    if minutes > 1440:
        raise ValueError("应在 00:00–24:00 之间")
    return minutes


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", _text(value))
    if not match:
        raise ValueError("应为日期，如 2026-03-01")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValueError("不是有效的日期") from None


def _row(
    number: int, cells: tuple[Any, ...], columns: dict[str, int], sheet: ScheduleSheet
) -> None:
    def get(key: str) -> Any:
        index = columns.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    problems: list[RowProblem] = []

    def bad(key: str, message: str) -> None:
        problems.append(RowProblem(number, LABELS[key], message))

    for key in REQUIRED:
        if _text(get(key)) == "":
            bad(key, "不能为空")
    values: dict[str, Any] = {
        k: _text(get(k)) for k in ("team", "contact", "phone", "room", "purpose")
    }
    for key, limit in (("team", 120), ("contact", 40), ("room", 40), ("purpose", 200)):
        if len(values[key]) > limit:
            bad(key, f"不能超过 {limit} 个字")
    weekday = WEEKDAYS.get(_text(get("weekday")))
    if weekday is None and _text(get("weekday")):
        bad("weekday", f"“{_text(get('weekday'))}”不是星期几，请写 周一 … 周日")
    parsed: dict[str, Any] = {}
    for key, parse in (("start", _clock), ("end", _clock), ("first_day", _day), ("last_day", _day)):
        if _text(get(key)) == "" and not isinstance(get(key), datetime | date | time):
            continue
        try:
            parsed[key] = parse(get(key))
        except ValueError as exc:
            bad(key, f"“{_text(get(key))}”{exc}")
    frequency = _text(get("frequency")) or "每周"
    if frequency not in FREQUENCIES:
        bad("frequency", f"应为 {'、'.join(FREQUENCIES)}")
    attendees = _text(get("attendees"))
    if attendees and not attendees.isdigit():
        bad("attendees", f"“{attendees}”不是整数")
    if "first_day" in parsed and "last_day" in parsed and parsed["last_day"] < parsed["first_day"]:
        bad("last_day", "不能早于开始日期")
    if problems:
        sheet.problems += problems
        return
    sheet.rows.append(
        ScheduleRow(
            number=number,
            weekday=weekday if weekday is not None else 0,
            frequency=frequency,
            attendees=int(attendees),
            start=parsed["start"],
            end=parsed["end"],
            first_day=parsed["first_day"],
            last_day=parsed["last_day"],
            **values,
        )
    )


def read_schedule(path: Path) -> ScheduleSheet:
    """The typed rows of the first sheet with the schedule's header, and every bad cell."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ScheduleFileError(f"无法读取文件“{path}”：{exc.strerror or exc}。") from exc
    if size > MAX_BYTES:
        raise ScheduleFileError(
            f"文件“{path.name}”超过 {MAX_BYTES // 1024 // 1024} MB，不像是活动安排表。"
        )
    if not zipfile.is_zipfile(path):
        raise ScheduleFileError(
            f"文件“{path.name}”不是 .xlsx 工作簿（请在 Excel 或 WPS 中另存为 .xlsx）。"
        )
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ScheduleFileError(
            f"文件“{path.name}”已损坏或不是有效的 .xlsx 工作簿（{exc}）。"
        ) from exc
    try:
        for ws in workbook.worksheets:
            rows = ws.iter_rows(values_only=True, max_col=MAX_COLUMNS)
            for header_row, cells in enumerate(rows, start=1):
                if header_row > HEADER_ROWS:
                    break
                columns = _header_map(tuple(cells))
                if len([k for k in REQUIRED if k in columns]) < len(REQUIRED):
                    continue
                sheet = ScheduleSheet(path, ws.title, header_row)
                for number, data in enumerate(rows, start=header_row + 1):
                    if all(_text(c) == "" for c in data):
                        continue
                    if len(sheet.rows) + len({p.number for p in sheet.problems}) >= MAX_ROWS:
                        raise ScheduleFileError(
                            f"“{ws.title}”超过 {MAX_ROWS} 行，请分成几个文件导入。"
                        )
                    _row(number, tuple(data), columns, sheet)
                return sheet
    finally:
        workbook.close()
    needed = "、".join(LABELS[k] for k in REQUIRED)
    raise ScheduleFileError(
        f"文件“{path.name}”中没有找到活动安排表的表头（前 {HEADER_ROWS} 行内须有：{needed}）。"
    )
