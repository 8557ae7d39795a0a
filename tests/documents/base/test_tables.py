"""The generic A4 table report: wrapping, page packing, repeated header, totals, page numbers."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from djdesk.documents.base.fonts import register_fonts
from djdesk.documents.base.tables import (
    MAX_LINES,
    Column,
    TableReport,
    _Widths,
    build_table_report,
    cell_text,
    wrap_text,
)
from djdesk.progress import CancelledError
from tests.helpers.pdf_text import flat_text, fonts, metadata, page_count, page_texts

COLUMNS = (
    Column("序号", 30, "CENTER"),
    Column("姓名", 50),
    Column("工作单位", 200),
    Column("报到日期", 60, "CENTER", "yyyy-mm-dd"),
    Column("报到率", 50, "CENTER", "0.0%"),
)


def report(**changes: object) -> TableReport:
    base = TableReport(
        title="东风社区测试名册",
        issuer="宜宾市翠屏区东城街道东风社区",
        columns=COLUMNS,
        info_left="填报单位：宜宾市翠屏区东城街道东风社区",
        info_right="统计日期：2026年11月23日",
        notes=("筛选条件：全部党员",),
        total_row=("合计", "", "", "", 0.5),
        closing=("合计：共 3 人。",),
        footer_note="由 djdesk 生成",
    )
    return TableReport(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def rows(n: int) -> list[tuple[object, ...]]:
    return [
        (i, f"张{i}", "宜宾市翠屏区人民政府办公室", date(2026, 1, 2), 0.25) for i in range(1, n + 1)
    ]


@pytest.fixture(scope="module")
def widths() -> _Widths:
    register_fonts()
    return _Widths()


def test_wrap_text_breaks_chinese_by_width(widths: _Widths) -> None:
    text = "中国移动通信集团四川有限公司宜宾分公司"
    lines = wrap_text(text, 8.5 * 5 + 0.1, widths)
    assert lines == ["中国移动通", "信集团四川", "有限公司宜", "宾分公司"]
    assert wrap_text("", 50, widths) == [""]
    assert wrap_text("甲\n乙", 50, widths) == ["甲", "乙"]


def test_wrap_text_keeps_closing_punctuation_on_the_line(widths: _Widths) -> None:
    assert wrap_text("政策宣传、治安巡逻", 8.5 * 4 + 0.1, widths) == ["政策宣传、", "治安巡逻"]


def test_wrap_text_cuts_overlong_cells_with_ellipsis(widths: _Widths) -> None:
    lines = wrap_text("长" * 100, 8.5 * 3 + 0.1, widths)
    assert len(lines) == MAX_LINES
    assert lines[-1].endswith("…")


def test_cell_text_formats_typed_values() -> None:
    assert cell_text(None) == ""
    assert cell_text(date(2026, 3, 1), "yyyy-mm-dd") == "2026-03-01"
    assert cell_text(0.2857, "0.0%") == "28.6%"
    assert cell_text("—", "0.0%") == "—"
    assert cell_text(12) == "12"


def test_small_report_content_and_metadata() -> None:
    pdf = build_table_report(report(), rows(3))
    text = flat_text(pdf)
    expected = (
        "东风社区测试名册",
        "填报单位：宜宾市翠屏区东城街道东风社区",
        "统计日期：2026年11月23日",
        "筛选条件：全部党员",
        "张1",
        "张3",
        "2026-01-02",
        "25.0%",
        "合计",
        "50.0%",
        "合计：共3人。",
        "第1页",
        "共1页",
    )
    for piece in expected:
        assert piece in text
    assert page_count(pdf) == 1
    assert metadata(pdf)["/Title"] == "东风社区测试名册"
    assert all(fonts(pdf).values()), "every font embedded"


def test_long_report_repeats_header_and_numbers_pages() -> None:
    pdf = build_table_report(report(), rows(200))
    pages = page_texts(pdf)
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        flat = "".join(page.split())
        assert "序号姓名工作单位报到日期报到率" in flat  # the header row on every page
        assert f"第{number}页" in flat and f"共{len(pages)}页" in flat
    assert "东风社区测试名册（续）" in "".join(pages[1].split())
    assert "张200" in pages[-1] and "合计：共3人。" in "".join(pages[-1].split())
    body = "".join(flat_text(pdf).split())
    assert all(f"张{i}" in body for i in (1, 57, 123, 199))


def test_landscape_and_portrait_page_sizes() -> None:
    wide = PdfReader(io.BytesIO(build_table_report(report(), rows(2)))).pages[0].mediabox
    tall = PdfReader(io.BytesIO(build_table_report(report(landscape=False), rows(2)))).pages[0]
    assert wide.width > wide.height
    assert tall.mediabox.width < tall.mediabox.height


def test_rows_may_be_a_generator_and_empty() -> None:
    pdf = build_table_report(report(total_row=None), (r for r in rows(5)))
    assert "张5" in flat_text(pdf)
    empty = build_table_report(report(total_row=None, closing=("合计：共 0 人。",)), [])
    assert "序号" in flat_text(empty) and page_count(empty) == 1


def test_invariant_output_is_byte_stable() -> None:
    assert build_table_report(report(), rows(40), invariant=True) == build_table_report(
        report(), rows(40), invariant=True
    )


def test_progress_counts_rows_and_cancel_stops() -> None:
    seen: list[tuple[int, int]] = []
    build_table_report(
        report(), rows(120), progress=lambda d, t, _: seen.append((d, t)), row_count=120
    )
    assert len(seen) > 2 and seen[-1] == (120, 120)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(CancelledError, match="已取消"):
        build_table_report(report(), rows(120), cancelled=lambda: True)
