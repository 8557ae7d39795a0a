"""统计用区划代码 (statistical division codes): 6 digits for a district/county, 9 for a
street/town, 12 for a community/village. The first two digits are a province code."""

from __future__ import annotations

import re

LEVEL_CODE_LENGTH = {"区": 6, "街道": 9, "社区": 12}
LEVELS = tuple(LEVEL_CODE_LENGTH)

_PROVINCES = (
    set(range(11, 16))
    | set(range(21, 24))
    | set(range(31, 38))
    | set(range(41, 47))
    | set(range(50, 55))
    | set(range(61, 66))
)


def region_code_problem(code: str, level: str) -> str | None:
    """Why ``code`` is not a valid code for ``level``, in Chinese; ``None`` when it is valid."""
    length = LEVEL_CODE_LENGTH.get(level)
    if length is None:
        return "层级只能是 社区、街道 或 区"
    if not code:
        return "不能为空"
    if not re.fullmatch(r"\d+", code):
        return "只能由数字组成"
    if len(code) != length:
        return f"{level}的统计用区划代码应为 {length} 位数字，现为 {len(code)} 位"
    if int(code[:2]) not in _PROVINCES:
        return f"前两位“{code[:2]}”不是有效的省级代码"
    if code[4:6] == "00":
        return "第 5–6 位（县级代码）不能为 00"
    if length >= 9 and code[6:9] == "000":
        return "第 7–9 位（乡镇街道代码）不能为 000"
    if length == 12 and code[9:12] == "000":
        return "第 10–12 位（社区代码）不能为 000"
    return None
