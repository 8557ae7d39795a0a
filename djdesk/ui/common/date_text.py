"""Reading a date as a clerk types it, without ever guessing (no Qt here: pure text rules).

Accepted, for a full date: ``20100315``, ``2010-3-15``, ``2010.3.15``, ``2010/3/15``,
``2010 3 15`` and ``2010年3月15日`` (full-width digits and spaces around the separators too).
Where only a month is needed (``month_only``): ``201003``, ``2010-3``, ``2010.3``, ``2010/3``
and ``2010年3月``.

The numbers read are exactly the numbers typed: nothing is rolled over (no 2010-02-30 becoming
March 2), clamped (no 2031 becoming 2010) or completed (a 年月 typed where a day is needed is
refused, not given day 1). Anything else raises :class:`DateTextError` with the reason in
Chinese, which the date field shows under itself.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

#: The years a typed date may fall in; outside them the year was mistyped.
FIRST_YEAR = 1900
LAST_YEAR = 2100
WEEKDAYS = "一二三四五六日"

_SEP = r"(?:\s*[-./]\s*|\s+)"
_DAY_FORMS = (
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
    re.compile(rf"(?P<y>\d{{4}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<d>\d{{1,2}})"),
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?"),
)
_MONTH_FORMS = (
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})"),
    re.compile(rf"(?P<y>\d{{4}}){_SEP}(?P<m>\d{{1,2}})"),
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月?"),
)
_SHORT_YEAR = re.compile(rf"\d{{2}}(?:{_SEP}|年)\d")

DAY_EXAMPLE = "20100315 或 2010-3-15"
MONTH_EXAMPLE = "201003 或 2010-3"


class DateTextError(ValueError):
    """Typed text that is not a date this field can take; the message says why, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class TypedDate:
    """What was understood: the date and whether only its year and month were given."""

    value: date
    month_only: bool = False

    @property
    def text(self) -> str:
        """The canonical form shown in the field once the clerk leaves it."""
        return format_date(self.value, month_only=self.month_only)

    @property
    def spoken(self) -> str:
        """The date in words under the field (2010年3月15日 周一): short, the field is narrow."""
        value = self.value
        if self.month_only:
            return f"{value.year}年{value.month}月"
        return f"{value.year}年{value.month}月{value.day}日 周{WEEKDAYS[value.weekday()]}"


def format_date(value: date, *, month_only: bool = False) -> str:
    return f"{value:%Y-%m}" if month_only else f"{value:%Y-%m-%d}"


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _checked(year: int, month: int, day: int | None) -> date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateTextError(f"年份 {year} 不对，请核对（应在 {FIRST_YEAR}–{LAST_YEAR} 之间）")
    if not 1 <= month <= 12:
        raise DateTextError(f"没有 {month} 月，月份应在 1–12 之间")
    if day is None:
        return date(year, month, 1)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateTextError(f"{year} 年 {month} 月没有 {day} 日（这个月只有 {last} 天）")
    return date(year, month, day)


def _match(forms: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    return next((m for form in forms if (m := form.fullmatch(text)) is not None), None)


def parse_typed_date(text: str, *, month_only: bool = False) -> TypedDate | None:
    """The date in ``text`` (``None`` when empty); :class:`DateTextError` when it is not one."""
    value = _normal(text)
    if not value:
        return None
    wanted, other = (_MONTH_FORMS, _DAY_FORMS) if month_only else (_DAY_FORMS, _MONTH_FORMS)
    match = _match(wanted, value)
    if match is None:
        if _match(other, value) is not None:
            if month_only:
                raise DateTextError(f"这里只填年月即可，如 {MONTH_EXAMPLE}")
            raise DateTextError(f"请写到日，如 {DAY_EXAMPLE}")
        if _SHORT_YEAR.match(value):
            raise DateTextError("年份请写全 4 位，如 2010")
        example = MONTH_EXAMPLE if month_only else DAY_EXAMPLE
        raise DateTextError(f"看不懂“{value}”，请按 {example} 的样子填写")
    day = None if month_only else int(match.group("d"))
    return TypedDate(_checked(int(match.group("y")), int(match.group("m")), day), month_only)
