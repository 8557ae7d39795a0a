"""Field readers for catalogue files: each checks one JSON value and notes what is wrong.

Problems are collected rather than raised at once, so a district office that sends a faulty
file learns every fault in one go. Text is stripped; control characters, which no catalogue
wording needs, are refused (they could hide text in a printed certificate).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from djdesk.errors import DjdeskError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


MAX_PROBLEMS = 12


class CatalogFileError(DjdeskError):
    """The file was refused; ``problems`` lists every reason found (Chinese)."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        shown = "；".join(problems[:MAX_PROBLEMS])
        extra = len(problems) - MAX_PROBLEMS
        more = f"；另有 {extra} 处问题" if extra > 0 else ""
        super().__init__(f"目录文件“{source}”未载入，数据未改动：{shown}{more}。")


@dataclass
class Problems:
    """The problems found in one file, in the order found."""

    found: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.found.append(text)

    def raise_if_any(self, source: str) -> None:
        if self.found:
            raise CatalogFileError(source, self.found)


def check_keys(raw: dict[str, Any], keys: dict[str, bool], where: str, p: Problems) -> None:
    """Unknown keys and missing required keys (``keys``: name -> required)."""
    for key in raw:
        if key not in keys:
            p.add(f"{where}有未知字段“{key}”")
    for key, required in keys.items():
        if required and key not in raw:
            p.add(f"{where}缺少字段“{key}”")


def read_text(
    raw: dict[str, Any],
    key: str,
    label: str,
    p: Problems,
    limit: int,
    *,
    required: bool = False,
    lines: bool = False,
) -> str:
    """A string of at most ``limit`` characters ('' when absent and not required)."""
    value = raw.get(key)
    if value is None:
        if required:
            p.add(f"缺少{label}")
        return ""
    if not isinstance(value, str):
        p.add(f"{label}应为文字")
        return ""
    text = value.strip()
    if required and not text:
        p.add(f"{label}为空")
    if len(text) > limit:
        p.add(f"{label}过长（{len(text)} 字，上限 {limit} 字）")
        return ""
    if (_CONTROL if lines else _CONTROL_ONE_LINE).search(text):
        p.add(f"{label}含有不可见的控制字符")
        return ""
    return text


def read_int(
    raw: dict[str, Any],
    key: str,
    label: str,
    p: Problems,
    *,
    low: int,
    high: int,
    required: bool = False,
) -> int | None:
    """A whole number within ``low``–``high`` (``None`` when absent and not required)."""
    value = raw.get(key)
    if value is None:
        if required:
            p.add(f"缺少{label}")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        p.add(f"{label}应为整数")
        return None
    if not low <= value <= high:
        p.add(f"{label} {value} 超出范围（{low}–{high}）")
        return None
    return value


def read_date(raw: dict[str, Any], key: str, label: str, p: Problems) -> date | None:
    """A required date written ``YYYY-MM-DD``."""
    value = raw.get(key)
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        p.add(f"{label}应写成 YYYY-MM-DD 形式的日期")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        p.add(f"{label}“{value}”不是真实的日期")
        return None
