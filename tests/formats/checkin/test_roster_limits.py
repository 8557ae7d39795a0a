"""Roster files at and past the limits: merged cells that hide people, padded and oversized
sheets, row numbers Excel cannot have, encrypted entries. Each is read correctly or refused
with the rows it concerns named, in bounded time and memory."""

from __future__ import annotations

import re
import tracemalloc
import zipfile
from datetime import date
from pathlib import Path

import pytest

from djdesk.formats.checkin import roster_read
from djdesk.formats.checkin.roster_read import RosterFileError, read_roster
from tests.helpers.roster_sheets import UNIT, make_id, write_book

SHEET = "xl/worksheets/sheet1.xml"
HEADER = ["序号", "姓名", "身份证号", "手机号码", "工作单位"]


def _rows(n: int) -> list[list[object]]:
    return [
        [
            i + 1,
            f"党员{chr(0x4E00 + i)}",
            make_id(date(1980, 1, 1 + i % 28), 101 + 2 * i),
            f"138{i:08d}",
            UNIT,
        ]
        for i in range(n)
    ]


def _book(path: Path, n: int = 6, merges: tuple[str, ...] = (), **kw: object) -> Path:
    return write_book(path, [HEADER, *_rows(n)], merges=merges, **kw)  # type: ignore[arg-type]


def _edit_sheet(path: Path, change: object) -> Path:
    target = path.with_name(f"edited-{path.name}")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info.filename, change(data) if info.filename == SHEET else data)  # type: ignore[operator]
    return target


def _refusal(path: Path) -> str:
    with pytest.raises(RosterFileError) as caught:
        read_roster(path)
    assert path.name in caught.value.message and "未做任何改动" in caught.value.message
    return caught.value.message


def test_id_column_merged_over_rows_names_the_hidden_rows(tmp_path: Path) -> None:
    message = _refusal(_book(tmp_path / "a.xlsx", merges=("C4:C6",)))
    assert "合并单元格 C4:C6 遮住了第 5–6 行（共 2 行）的“公民身份号码”" in message


def test_header_cell_merged_into_the_data_is_refused(tmp_path: Path) -> None:
    message = _refusal(_book(tmp_path / "a.xlsx", merges=("B2:B8",)))
    assert "从表头（第 2 行）一直延伸到第 8 行" in message
    assert "遮住了第 3–8 行（共 6 行）" in message


def test_whole_sheet_merged(tmp_path: Path) -> None:
    message = _refusal(_book(tmp_path / "a.xlsx", merges=("A1:E8",)))
    assert "表头" in message


def test_data_row_under_a_merged_header_is_not_dropped(tmp_path: Path) -> None:
    message = _refusal(_book(tmp_path / "a.xlsx", merges=("E2:E3",)))
    assert "第 3 行（共 1 行）位于合并的表头单元格之内，却填有数据" in message


def test_two_row_header_with_sub_headers_is_read(tmp_path: Path) -> None:
    rows = [
        ["姓名", "身份证号", "手机号码", "家庭住址", None, None, None],
        [None, None, None, "小区", "楼栋", "单元", "室"],
        ["张三", make_id(date(1980, 1, 1)), "13812345678", "东风小区", "3", "2", "501"],
    ]
    sheet = read_roster(
        write_book(tmp_path / "a.xlsx", rows, merges=["A2:A3", "B2:B3", "C2:C3", "D2:G2"])
    )
    assert {"estate", "building", "entrance", "room"} <= set(sheet.header.columns)
    assert [r.number for r in sheet.rows] == [4]


def test_unit_cells_merged_down_are_filled(tmp_path: Path) -> None:
    rows = _rows(3)
    rows[1][4] = rows[2][4] = None
    sheet = read_roster(write_book(tmp_path / "a.xlsx", [HEADER, *rows], merges=["E3:E5"]))
    assert [r.get(4) for r in sheet.rows] == [UNIT] * 3


def test_row_number_beyond_excel_is_refused(tmp_path: Path) -> None:
    far = b'<row r="1048577"><c r="B1048577" t="inlineStr"><is><t>X</t></is></c></row>'
    path = _edit_sheet(
        _book(tmp_path / "a.xlsx"), lambda d: d.replace(b"</sheetData>", far + b"</sheetData>")
    )
    assert "第 1,048,577 行，超出了 Excel 的范围" in _refusal(path)


def test_padded_sheet_is_read_in_bounded_memory(tmp_path: Path) -> None:
    pad = b"<row/>" * 50_000
    path = _edit_sheet(
        _book(tmp_path / "a.xlsx"), lambda d: d.replace(b"</sheetData>", pad + b"</sheetData>")
    )
    tracemalloc.start()
    sheet = read_roster(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(sheet.rows) == 6
    assert peak < 32 * 1024 * 1024  # the padding is parsed, never kept


def test_far_cell_does_not_pad_rows(tmp_path: Path) -> None:
    far = b'<row r="1000000"><c r="XFD1000000" t="inlineStr"><is><t>x</t></is></c></row>'
    path = _edit_sheet(
        _book(tmp_path / "a.xlsx"), lambda d: d.replace(b"</sheetData>", far + b"</sheetData>")
    )
    assert len(read_roster(path).rows) == 6


def test_compression_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    pad = b"<row/>" * 2_000_000
    path = _edit_sheet(
        _book(tmp_path / "a.xlsx"), lambda d: d.replace(b"</sheetData>", pad + b"</sheetData>")
    )
    assert "文件过大" in _refusal(path) and "压缩比" in _refusal(path)


def test_encrypted_entry_is_refused(tmp_path: Path) -> None:
    path = _book(tmp_path / "a.xlsx")
    data = bytearray(path.read_bytes())
    for match in re.finditer(rb"PK\x01\x02", bytes(data)):
        data[match.start() + 8] |= 1
    path.write_bytes(bytes(data))
    assert "文件已加密" in _refusal(path)


def test_too_many_rows_with_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(roster_read, "MAX_DATA_ROWS", 4)
    assert "请拆分成几个文件分批导入" in _refusal(_book(tmp_path / "a.xlsx"))


def test_broken_sheet_xml_is_named(tmp_path: Path) -> None:
    path = _edit_sheet(_book(tmp_path / "a.xlsx"), lambda d: d[: len(d) // 2])
    assert "文件已损坏" in _refusal(path)
