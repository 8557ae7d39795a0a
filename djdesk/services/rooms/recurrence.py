"""The dates of a recurring series: weekly, fortnightly, monthly on the same date or on the
same weekday of the month (第二个周三), until a date or for a count of occurrences.

Pure. A monthly date the month lacks (31 February) is kept as an occurrence without a date,
so the plan lists it as skipped instead of silently moving it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.services.rooms.types import WEEKDAY_NAMES, Frequency

MAX_OCCURRENCES = 104
MAX_SPAN_DAYS = 731
_ORDINALS = ("第一个", "第二个", "第三个", "第四个", "第五个")


@dataclass(frozen=True)
class Occurrence:
    index: int  # 1-based position in the series
    day: date | None
    label: str  # the date, or what is missing (2027年2月无31日)


def _add_months(first: date, months: int) -> tuple[int, int]:
    total = first.year * 12 + first.month - 1 + months
    return total // 12, total % 12 + 1


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day if day.month == month else None


def occurrences(
    first: date, frequency: Frequency, *, until: date | None = None, count: int | None = None
) -> list[Occurrence]:
    """Every occurrence from ``first``; exactly one of ``until`` and ``count`` is given."""
    errors: list[ValidationError] = []
    if (until is None) == (count is None):
        errors.append(ValidationError("until", "请填写结束日期或次数（二选一）", label="重复至"))
    if count is not None and not 1 <= count <= MAX_OCCURRENCES:
        errors.append(ValidationError("count", f"次数应为 1–{MAX_OCCURRENCES}", label="重复次数"))
    if until is not None and until < first:
        errors.append(ValidationError("until", "不能早于第一次的日期", label="重复至"))
    if until is not None and (until - first).days > MAX_SPAN_DAYS:
        errors.append(ValidationError("until", "定期预约最长两年", label="重复至"))
    if frequency not in set(Frequency):
        errors.append(
            ValidationError("frequency", f"应为 {'、'.join(Frequency)} 之一", label="重复方式")
        )
    if errors:
        raise ValidationErrors(errors)
    out: list[Occurrence] = []
    nth = (first.day - 1) // 7 + 1
    step = 0
    while True:
        if frequency in (Frequency.WEEKLY, Frequency.FORTNIGHTLY):
            days = 7 if frequency is Frequency.WEEKLY else 14
            anchor = first + timedelta(days=days * step)
            day: date | None = anchor
            label = f"{anchor:%Y-%m-%d}"
        else:
            year, month = _add_months(first, step)
            anchor = date(year, month, 1)
            if frequency is Frequency.MONTHLY_DATE:
                try:
                    day = date(year, month, first.day)
                    label = f"{day:%Y-%m-%d}"
                except ValueError:
                    day, label = None, f"{year}年{month}月无{first.day}日"
            else:
                day = _nth_weekday(year, month, first.weekday(), nth)
                weekday = WEEKDAY_NAMES[first.weekday()]
                label = (
                    f"{day:%Y-%m-%d}"
                    if day
                    else f"{year}年{month}月无{_ORDINALS[nth - 1]}{weekday}"
                )
        if until is not None and (day or anchor) > until:
            break
        out.append(Occurrence(step + 1, day, label))
        step += 1
        if (count is not None and len(out) >= count) or len(out) >= MAX_OCCURRENCES:
            break
    return out
