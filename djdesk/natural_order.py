"""Natural order of names with numbers: 东风一, 东风二 … 东风十, 东风十一; 2号楼 before 10号楼.

Sorting by code point puts 东风一, 东风三, 东风二 and 10号楼 before 2号楼. :func:`natural_key`
reads every run of digits (ASCII or full-width) and every run of Chinese numerals (一 二 三 …
十 百 千, 零/〇, 两; also digit-by-digit years such as 二〇二四) as the number it means, so
names sort by those numbers; the text between them sorts as text. Equal keys apart from the
spelling of the number (东风2 and 东风二) are ordered by the original text, so the order is
total and stable.

A pure function of the text, used wherever a list of names is ordered: the services sort their
small registries (grids, units) by it and turn it into an ``ORDER BY`` rank for SQL.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["NaturalKey", "chinese_number", "natural_key"]

#: One part of a key: (0, number, "") for a number, (1, 0, text) for text; numbers first.
Part = tuple[int, int, str]
#: The parts, then the text itself (which only decides between 东风2 and 东风二).
NaturalKey = tuple[tuple[Part, ...], str]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERALS = "".join(_DIGITS) + "".join(_UNITS)
_RUNS = re.compile(rf"(\d+|[{_NUMERALS}]+)")


def chinese_number(text: str) -> int:
    """The value of a run of Chinese numerals (十一 → 11, 一百零五 → 105, 二〇二四 → 2024)."""
    if not any(ch in _UNITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))  # 二〇二四: digit by digit
    total = 0
    digit = 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
    return total + digit


def natural_key(text: str) -> NaturalKey:
    """A sort key ordering ``text`` by the numbers in it (see the module docstring)."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    parts: list[Part] = []
    for index, chunk in enumerate(_RUNS.split(normal)):
        if not chunk:
            continue
        if index % 2:  # a number run
            value = int(chunk) if chunk.isdigit() else chinese_number(chunk)
            parts.append((0, value, ""))
        else:
            parts.append((1, 0, chunk))
    return tuple(parts), text
