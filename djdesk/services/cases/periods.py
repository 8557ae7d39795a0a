"""Reporting periods: a month (2026-11), a quarter (2026-Q4) or a year (2026)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from djdesk.errors import DjdeskError

_QUARTERS = "一二三四"


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str  # 2026年11月, 2026年第四季度, 2026年度
    code: str  # as typed: 2026-11, 2026-Q4, 2026


def _month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def parse_period(text: str) -> Period:
    """``2026-11`` / ``2026-Q4`` / ``2026``; anything else is refused with the forms allowed."""
    value = re.sub(r"\s+", "", text).upper()
    if m := re.fullmatch(r"(\d{4})年第?([1-4一二三四])季度?", value):  # 2026年第4季度
        number = m.group(2)
        quarter = int(number) if number.isdigit() else _QUARTERS.index(number) + 1
        value = f"{m.group(1)}-Q{quarter}"
    elif m := re.fullmatch(r"(\d{4})年(\d{1,2})月", value):  # 2026年11月
        value = f"{m.group(1)}-{int(m.group(2)):02d}"
    elif m := re.fullmatch(r"(\d{4})年度?", value):
        value = m.group(1)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 2000 <= year <= 2100:
            return Period(
                date(year, month, 1), _month_end(year, month), f"{year}年{month}月", value
            )
    elif m := re.fullmatch(r"(\d{4})-?Q([1-4])", value):
        year, quarter = int(m.group(1)), int(m.group(2))
        if 2000 <= year <= 2100:
            first = 3 * quarter - 2
            return Period(
                date(year, first, 1),
                _month_end(year, first + 2),
                f"{year}年第{_QUARTERS[quarter - 1]}季度",
                value,
            )
    elif re.fullmatch(r"\d{4}", value) and 2000 <= int(value) <= 2100:
        year = int(value)
        return Period(date(year, 1, 1), date(year, 12, 31), f"{year}年度", value)
    raise DjdeskError(f"统计期间“{text}”无法识别：请写成月份 2026-11、季度 2026-Q4 或年度 2026。")
