"""Merged cells in a roster: read the ones a clerk means, refuse the ones that hide people.

Units merge cells for layout: a title across the sheet, a 工作单位 cell down the rows of one
unit, a 家庭住址 header over 小区/楼栋/单元/室 sub-headers. Those are read as Excel shows them
(every cell of a range has its top-left value). Two kinds hide data and make a file refused,
naming every row they hide: a range that runs from the header down into the data (more than
:data:`MAX_HEADER_DEPTH` rows under it), and a range over the 姓名 or 公民身份号码 column that
spans several data rows (those rows' people cannot be told apart). Rows under a merged header
that hold names or ID numbers are data, not sub-headers, and are refused the same way.

The work is bounded: ranges only touch rows that hold values, and columns that any row uses.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Any

from openpyxl.utils import get_column_letter

from djdesk.formats.checkin.roster_columns import FIELD_TITLES, HeaderMatch, field_for_header
from djdesk.formats.checkin.roster_columns import text_of as _text

#: Header rows a merged header cell may span below the detected header row (3-row headers).
MAX_HEADER_DEPTH = 2
#: Cells that filling merged ranges may write; a file needing more is refused.
FILL_BUDGET = 5_000_000
IDENTITY_FIELDS = ("name", "id_number")

Rows = dict[int, list[Any]]
MergedRange = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row (1-based)


def ref(box: MergedRange) -> str:
    min_col, min_row, max_col, max_row = box
    return f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"


def row_list(numbers: Iterable[int], limit: int = 8) -> str:
    """``第 4–9、12、15 行（共 8 行）`` with runs folded and at most ``limit`` parts shown."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    start = prev = ordered[0] if ordered else 0
    for number in [*ordered[1:], None]:
        if number is not None and number == prev + 1:
            prev = number
            continue
        parts.append(f"{start}–{prev}" if prev > start else f"{start}")
        if number is not None:
            start = prev = number
    shown = "、".join(parts[:limit]) + ("等" if len(parts) > limit else "")
    return f"第 {shown} 行（共 {len(ordered)} 行）"


def _stored_between(numbers: list[int], low: int, high: int) -> list[int]:
    """Row numbers in ``numbers`` (sorted) from ``low`` to ``high`` inclusive."""
    return numbers[bisect_left(numbers, low) : bisect_right(numbers, high)]


def header_bottom(header: HeaderMatch, ranges: list[MergedRange], numbers: list[int]) -> int:
    """The last header row (a header cell merged downwards makes a two- or three-row header).

    Raises ``ValueError`` with the reason when a range runs from the header into the data.
    """
    bottom = header.row
    for box in ranges:
        _min_col, min_row, _max_col, max_row = box
        if not min_row <= header.row < max_row:
            continue
        if max_row - header.row > MAX_HEADER_DEPTH:
            hidden = _stored_between(numbers, header.row + 1, max_row)
            what = f"，遮住了{row_list(hidden)}" if hidden else ""
            raise ValueError(
                f"合并单元格 {ref(box)} 从表头（第 {header.row} 行）一直延伸到"
                f"第 {max_row} 行{what}，无法分清表头和数据；请取消这个合并后再导入"
            )
        bottom = max(bottom, max_row)
    return bottom


def data_under_header(rows: Rows, header: HeaderMatch, bottom: int) -> str | None:
    """Why rows between the header and ``bottom`` are data rather than sub-headers, or
    ``None`` when they only hold header words."""
    found: list[int] = []
    first = ""
    for number in range(header.row + 1, bottom + 1):
        cells = rows.get(number, [])
        for key in IDENTITY_FIELDS:
            index = header.columns.get(key)
            value = cells[index] if index is not None and index < len(cells) else None
            if value is not None and _text(value) and field_for_header(value) is None:
                found.append(number)
                first = first or f"{FIELD_TITLES[key]}“{_text(value)[:20]}”"
                break
    if not found:
        return None
    return (
        f"{row_list(found)}位于合并的表头单元格之内，却填有数据（如{first}），"
        "会被当作表头而漏掉；请取消表头的合并后再导入"
    )


def hidden_identities(
    ranges: list[MergedRange], header: HeaderMatch, bottom: int, numbers: list[int]
) -> str | None:
    """Data rows whose 姓名 or 公民身份号码 cell is hidden inside a range that starts above
    them; ``None`` when there are none."""
    columns = {key: header.columns[key] + 1 for key in IDENTITY_FIELDS if key in header.columns}
    problems: list[str] = []
    hidden_all: set[int] = set()
    for box in ranges:
        min_col, min_row, max_col, max_row = box
        covered = [k for k, c in columns.items() if min_col <= c <= max_col]
        if not covered or max_row <= min_row or max_row <= bottom:
            continue
        hidden = _stored_between(numbers, max(min_row + 1, bottom + 1), max_row)
        if hidden:
            labels = "、".join(f"“{FIELD_TITLES[k]}”" for k in covered)
            problems.append(f"合并单元格 {ref(box)} 遮住了{row_list(hidden)}的{labels}")
            hidden_all.update(hidden)
    if not problems:
        return None
    shown = "；".join(problems[:5]) + (f"；等共 {len(problems)} 处" if len(problems) > 5 else "")
    return (
        f"{shown}。这些行（共 {len(hidden_all)} 行）无法分清是谁；"
        "请取消这些合并，为每一行填上自己的姓名和身份证号后再导入"
    )


def fill_merges(rows: Rows, ranges: list[MergedRange]) -> str | None:
    """Give every stored cell of a merged range its top-left value (as Excel shows it).

    Returns the reason when the ranges would need more than :data:`FILL_BUDGET` cells.
    """
    numbers = sorted(rows)
    width = max((len(r) for r in rows.values()), default=0)
    work = 0
    for box in ranges:
        min_col, min_row, max_col, max_row = box
        last_col = min(max_col, width)
        if last_col < min_col:
            continue
        top = rows.get(min_row, [])
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for number in _stored_between(numbers, min_row, max_row):
            row = rows[number]
            if len(row) < last_col:
                row.extend([None] * (last_col - len(row)))
            for column in range(min_col, last_col + 1):
                if (number, column) != (min_row, min_col):
                    row[column - 1] = value
            work += last_col - min_col + 1
            if work > FILL_BUDGET:
                return f"合并单元格覆盖的范围过大（如 {ref(box)}），无法读取；请取消合并后再导入"
    return None
