"""Seeded roster files for the fuzz suite: valid sheets, then damaged ones of every kind.

Each builder writes one file and returns its case (``id``, ``path``, ``expect``): ``refuse``
where any acceptance would be wrong (an encrypted entry, rows past Excel's limit, a merge that
hides ID numbers …), ``any`` where refusing and accepting can both be right (a flipped byte
may land in padding). Families: byte flips, truncation, zip-entry damage (flags, methods,
versions, names, sizes, contents), odd cells, merged ranges and XML-level row tricks.
"""

from __future__ import annotations

import random
import re
import struct
import warnings
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tests.helpers.roster_sheets import make_id

Case = dict[str, Any]
HEADER = [
    "序号",
    "姓名",
    "身份证号",
    "手机号码",
    "工作单位",
    "楼栋",
    "入党时间",
    "报到日期",
    "所属网格",
]
SHEET = "xl/worksheets/sheet1.xml"

#: Cell values a careless clerk or a hostile file may carry.
ODD_VALUES: list[Any] = [
    "#REF!",
    "#NAME?",
    "#VALUE!",
    "#DIV/0!",
    "#N/A",
    "#NUM!",
    "#NULL!",
    "张\u200b三",
    "\u202e三张",
    "李\u2066四\u2069",
    "\ufeff王五",
    "_x0007_赵六",
    "楼" * 10_000,
    "  ",
    "\u3000",
    "张\n三",
    "张\t三",
    "😀",
    "𠀀𠀁",
    "=1/0",
    0,
    -1,
    1e308,
    -1e-308,
    2**63,
    3.14159,
    True,
    False,
    date(1900, 1, 1),
    date(1921, 6, 30),
    date(9999, 12, 31),
    datetime(2024, 2, 29, 23, 59),
    "1900-01-01",
    "2099-01-01",
    "2023.13.45",
    "19210701",
    "１３８１２３４５６７８",
    "５１１５０２",
    "None",
    "NULL",
    "<script>",
    "' OR 1=1 --",
    "\\x00",
]


def valid_rows(rng: random.Random, units: list[str], grids: list[str], n: int) -> list[list[Any]]:
    rows = []
    for i in range(n):
        born = date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28))
        rows.append(
            [
                i + 1,
                rng.choice(["张伟", "王芳", "李娜", "刘洋", "陈静", "杨勇", "赵敏", "黄磊"]),
                make_id(born, rng.randint(100, 999)),
                f"13{rng.randint(100000000, 999999999)}",
                rng.choice(units),
                str(rng.randint(1, 30)),
                date(born.year + 20, rng.randint(1, 12), 1),
                date(rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)),
                rng.choice(grids) if grids else "",
            ]
        )
    return rows


def write_sheet(
    path: Path,
    rows: list[list[Any]],
    merges: list[str] = (),
    title: bool = True,  # type: ignore[assignment]
) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append(["在职党员到社区报到花名册"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    for ref in merges:
        sheet.merge_cells(ref)
    book.save(path)
    return path


def _rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """Copy a zip entry by entry; ``change`` returns new content, or ``None`` to drop it."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)


def _patch_headers(data: bytearray, rng: random.Random, how: str) -> None:
    """Change every local and central header of the zip bytes in place."""
    for signature, flag_at, method_at, version_at in (
        (b"PK\x03\x04", 6, 8, 4),
        (b"PK\x01\x02", 8, 10, 6),
    ):
        start = 0
        while (found := data.find(signature, start)) >= 0:
            if how == "encrypted":
                data[found + flag_at] |= 0x01
            elif how == "method":
                struct.pack_into("<H", data, found + method_at, rng.choice([9, 12, 14, 95, 98, 99]))
            elif how == "version":
                struct.pack_into("<H", data, found + version_at, rng.choice([64, 70, 99, 255]))
            start = found + 4


def _central_size(data: bytearray, rng: random.Random) -> None:
    """Claim a huge uncompressed size in the central directory (a zip bomb's shape)."""
    found = data.find(b"PK\x01\x02")
    while found >= 0:
        struct.pack_into("<I", data, found + 24, rng.choice([2**31, 600 * 1024 * 1024, 2**32 - 1]))
        found = data.find(b"PK\x01\x02", found + 4)


def zip_damage(base: Path, target: Path, rng: random.Random, kind: str) -> str:
    """One kind of damage inside the zip; returns the expectation."""
    if kind in ("encrypted", "method", "version", "size"):
        data = bytearray(base.read_bytes())
        if kind == "size":
            _central_size(data, rng)
        else:
            _patch_headers(data, rng, kind)
        target.write_bytes(bytes(data))
        return "refuse"

    dropped = rng.choice([SHEET, "xl/workbook.xml", "[Content_Types].xml"])

    def change(name: str, content: bytes) -> bytes | None:
        if kind == "drop" and name == dropped:
            return None
        if kind == "garbage" and name == SHEET:
            return bytes(rng.randrange(256) for _ in range(rng.randint(1, 4000)))
        if kind == "truncated-xml" and name == SHEET:
            return content[: rng.randint(1, max(1, len(content) - 1))]
        if kind == "strings" and name == SHEET:  # a shared string that does not exist
            return re.sub(
                rb'<c r="B3" t="inlineStr"><is>.*?</is>',
                b'<c r="B3" t="s"><v>99999</v>',
                content,
                count=1,
            )
        if kind == "bad-number" and name == SHEET:
            return content.replace(b"<v>", b"<v>x", 1)
        if kind == "entity" and name == SHEET:
            bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            bomb += b"".join(
                b'<!ENTITY %s "%s">'
                % (f"a{i}".encode(), (f"&a{i - 1};" if i else "&a;").encode() * 10)
                for i in range(1, 8)
            )
            return bomb + b"]>" + content.split(b"?>", 1)[-1].replace(b"<v>", b"<v>&a7;", 1)
        return content

    _rewrite(base, target, change)
    if kind in ("traversal", "duplicate"):
        with warnings.catch_warnings(), zipfile.ZipFile(target, "a") as archive:
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate it is told to write
            archive.writestr("../../evil.xml" if kind == "traversal" else SHEET, b"<x/>")
        return "refuse"
    return "refuse" if kind in ("drop", "garbage", "entity") else "any"


def xml_rows(base: Path, target: Path, rng: random.Random, kind: str) -> str:
    """Row tricks inside the sheet XML: huge row numbers, padding, far cells, bad dimension."""

    def change(name: str, content: bytes) -> bytes | None:
        if name != SHEET:
            return content
        end = content.index(b"</sheetData>")
        if kind == "row-beyond-excel":
            extra = b'<row r="%d"><c r="B%d" t="inlineStr"><is><t>X</t></is></c></row>' % (
                (rng.randint(1_048_577, 2**31 - 1),) * 2
            )
            return content[:end] + extra + content[end:]
        if kind == "padding":
            return content[:end] + b"<row/>" * rng.randint(10_000, 200_000) + content[end:]
        if kind == "far-cell":
            extra = b'<row r="1000000"><c r="XFD1000000" t="inlineStr"><is><t>x</t></is></c></row>'
            return content[:end] + extra + content[end:]
        if kind == "dimension":
            return re.sub(
                rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', content, count=1
            )
        return content

    _rewrite(base, target, change)
    return "refuse" if kind == "row-beyond-excel" else "any"
