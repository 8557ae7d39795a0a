"""The shared official page: dates, front matter, footer numbering, blocks and PDF properties."""

from __future__ import annotations

import re
from datetime import date

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, PageBreak

from djdesk.documents.base.blocks import (
    CutLine,
    Party,
    form_table,
    key_value_table,
    signature_block,
    two_party_signature,
)
from djdesk.documents.base.fonts import HEI, SONG
from djdesk.documents.base.layout import DocumentMeta, build_document, front_matter
from djdesk.documents.base.styles import (
    DocumentStyles,
    StrokedParagraph,
    chinese_date,
    make_styles,
    numeric_cn_date,
    para,
)
from tests.helpers.pdf_text import (
    content_streams,
    fonts,
    metadata,
    page_count,
    page_texts,
    pdf_text,
)

META = DocumentMeta(
    title="共驻共建协议书",
    issuer="中共宜宾市翠屏区东城街道东风社区委员会",
    subject="测试文书",
    serial="东风社区共〔2026〕第007号",
    keywords=("协议", "测试"),
    footer_note="由 djdesk 测试 生成",
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 23), "二〇二六年十一月二十三日"),
        (date(2020, 10, 5), "二〇二〇年十月五日"),
        (date(2026, 12, 31), "二〇二六年十二月三十一日"),
        (date(2000, 1, 1), "二〇〇〇年一月一日"),
        (date(2019, 2, 10), "二〇一九年二月十日"),
        (date(2026, 3, 20), "二〇二六年三月二十日"),
        (date(2031, 7, 19), "二〇三一年七月十九日"),
    ],
)
def test_chinese_date(day: date, expected: str) -> None:
    assert chinese_date(day) == expected


def test_numeric_cn_date() -> None:
    assert numeric_cn_date(date(2026, 11, 23)) == "2026年11月23日"
    assert numeric_cn_date(date(2026, 1, 5)) == "2026年1月5日"


def _paragraphs(count: int) -> object:
    def story(styles: DocumentStyles) -> list[Flowable]:
        return [
            para(
                f"第{i + 1}段：社区党组织按照区域化党建要求，组织在职党员开展志愿服务。",
                styles.body,
            )
            for i in range(count)
        ]

    return story


def test_long_document_numbers_every_page() -> None:
    pdf = build_document(META, _paragraphs(60))  # type: ignore[arg-type]
    total = page_count(pdf)
    assert total >= 2
    for number, text in enumerate(page_texts(pdf), start=1):
        assert re.search(rf"第\s*{number}\s*页\s*/\s*共\s*{total}\s*页", text), text
        assert "由 djdesk 测试 生成" in text
    assert "第60段" in pdf_text(pdf)


def test_single_page_says_one_of_one() -> None:
    pdf = build_document(META, _paragraphs(1))  # type: ignore[arg-type]
    assert page_count(pdf) == 1
    assert re.search(r"第\s*1\s*页\s*/\s*共\s*1\s*页", pdf_text(pdf))


def test_explicit_page_breaks_are_counted() -> None:
    def story(styles: DocumentStyles) -> list[Flowable]:
        return [
            para("甲", styles.body),
            PageBreak(),
            para("乙", styles.body),
            PageBreak(),
            para("丙", styles.body),
        ]

    pdf = build_document(META, story)
    assert page_count(pdf) == 3
    assert re.search(r"第\s*3\s*页\s*/\s*共\s*3\s*页", page_texts(pdf)[2])


def test_invariant_mode_gives_identical_bytes() -> None:
    first = build_document(META, _paragraphs(5), invariant=True)  # type: ignore[arg-type]
    second = build_document(META, _paragraphs(5), invariant=True)  # type: ignore[arg-type]
    assert first == second
    assert first.startswith(b"%PDF-")


def test_metadata() -> None:
    info = metadata(build_document(META, _paragraphs(1)))  # type: ignore[arg-type]
    assert info["/Title"] == "共驻共建协议书"
    assert info["/Author"] == META.issuer
    assert info["/Subject"] == "测试文书"
    assert info["/Creator"] == "djdesk"
    assert "协议" in info["/Keywords"]


def test_every_font_is_an_embedded_subset_of_ours() -> None:
    def story(styles: DocumentStyles) -> list[Flowable]:
        return [
            para("正文", styles.body),
            key_value_table([("名称", "东风社区")], styles),
            CutLine(),
            two_party_signature(Party("甲方", "东风社区"), Party("乙方", "某单位"), styles),
            signature_block("东风社区", date(2026, 11, 23), styles),
        ]

    used = fonts(build_document(META, story))
    assert used
    assert all(used.values()), used  # nothing left to the viewer's substitution
    song = pdfmetrics.getFont(SONG).face.name.decode()
    hei = pdfmetrics.getFont(HEI).face.name.decode()
    subset = re.compile(r"/[A-Z]{6}\+(.+)")
    faces = {m.group(1) for name in used if (m := subset.match(name))}
    assert song in faces
    assert any(face.startswith(hei) for face in faces)  # footer small print; "-0": .ttc index


def test_front_matter_order_and_serial() -> None:
    text = pdf_text(build_document(META, _paragraphs(1)))  # type: ignore[arg-type]
    header = text.index(META.issuer)
    title = text.index("共驻共建协议书")
    serial = text.index("编号：东风社区共〔2026〕第007号")
    assert header < title < serial


def test_without_front_matter_the_story_stands_alone() -> None:
    meta = DocumentMeta(title="证明", issuer="东风社区居民委员会", front_matter=False)
    text = pdf_text(build_document(meta, _paragraphs(1)))  # type: ignore[arg-type]
    assert "东风社区居民委员会" not in text
    assert "第1段" in text


def test_long_issuer_header_shrinks_before_it_wraps() -> None:
    styles = make_styles()
    short = front_matter(DocumentMeta(title="表", issuer="东风社区"), styles)[0]
    assert short.style.fontSize == styles.header.fontSize
    issuer = "宜宾市翠屏区东城街道东风社区党群服务中心"  # 20 characters: too wide at 26 pt
    header = front_matter(DocumentMeta(title="表", issuer=issuer), styles)[0]
    assert 18 <= header.style.fontSize < styles.header.fontSize
    _, height = header.wrap(styles.width, 1000)
    assert height == pytest.approx(header.style.leading)  # still one line
    very = front_matter(DocumentMeta(title="表", issuer=issuer * 2), styles)[0]
    assert very.style.fontSize == 18
    assert very.wrap(styles.width, 1000)[1] > 1.5 * very.style.leading  # wrapped, not clipped


@pytest.mark.parametrize("mark", ["，", "。", "”", "：", "）"])
def test_closing_punctuation_never_starts_a_line(mark: str) -> None:
    styles = make_styles()
    for before in range(24, 36):  # walk the mark across the line end
        paragraph = para("党" * before + mark + "群" * 40, styles.body)
        paragraph.wrap(styles.width, 1000)
        lines = ["".join(words) for _, words in paragraph.blPara.lines]
        assert len(lines) >= 2
        assert not any(line.startswith(mark) for line in lines), (before, lines)


def test_signature_block_with_seal_placeholder() -> None:
    def story(styles: DocumentStyles) -> list[Flowable]:
        return [signature_block(META.issuer, date(2026, 11, 23), styles)]

    text = pdf_text(build_document(META, story))
    tail = text[text.index("编号") :]
    assert META.issuer in tail
    assert "二〇二六年十一月二十三日" in tail
    assert "（盖章）" in tail


def test_two_party_signature_and_cut_line() -> None:
    first = Party("甲方", "中共宜宾市翠屏区东城街道东风社区委员会", date(2026, 11, 23))
    second = Party("乙方", "宜宾市第一人民医院党委")

    def story(styles: DocumentStyles) -> list[Flowable]:
        return [
            para("存根：本联由社区留存。", styles.body),
            CutLine(),
            two_party_signature(first, second, styles),
        ]

    text = pdf_text(build_document(META, story))
    flat = re.sub(r"\s+", "", text)
    assert "甲方（盖章）：中共宜宾市翠屏区东城街道东风社区委员会" in flat
    assert "乙方（盖章）：宜宾市第一人民医院党委" in flat
    assert flat.count("负责人（签字）：") == 2
    assert "日期：2026年11月23日" in flat
    assert "日期：年月日" in flat  # left blank to be written by hand
    assert flat.count("（盖章）") == 2  # the role labels; the circles carry none here
    assert "沿此线剪开" in flat
    assert flat.index("存根") < flat.index("沿此线剪开") < flat.index("甲方")


def test_form_table_shades_only_real_label_cells() -> None:
    styles = make_styles()
    rows = [
        ["层级", "社区", "代码", "511502003012"],
        ["全称", "东风社区", "", ""],
        ["甲", "1", "", ""],
    ]
    spans = [((1, 1), (3, 1))]
    table = form_table(rows, [60, 140, 60, 140], styles, label_columns=(0, 2), spans=spans)
    shaded = {(cmd[1], cmd[2]) for cmd in table._bkgrndcmds if cmd[0] == "BACKGROUND"}
    assert shaded == {((0, 0), (0, 0)), ((2, 0), (2, 0)), ((0, 1), (0, 1)), ((0, 2), (0, 2))}


def test_key_value_table_wraps_long_values() -> None:
    styles = make_styles()
    value = "宜宾市翠屏区东风路88号东风大厦附楼三层" * 6
    table = key_value_table([("地址", value), ("电话", "0831-8221234")], styles)
    assert sum(table._colWidths) == pytest.approx(styles.width)
    _, height = table.wrap(styles.width, 1000)
    assert height > 3 * styles.cell.leading  # the address took several lines

    def story(_: DocumentStyles) -> list[Flowable]:
        return [table]

    assert value in re.sub(r"\s+", "", pdf_text(build_document(META, story)))


def test_stroked_title_survives_a_page_split() -> None:
    styles = make_styles()
    title = StrokedParagraph("关于在职党员到社区报到的证明" * 30, styles.title, stroke=1.0)
    parts = title.split(styles.width, 3 * styles.title.leading)
    assert len(parts) == 2
    assert all(isinstance(p, StrokedParagraph) and p.stroke == 1.0 for p in parts)

    def story(_: DocumentStyles) -> list[Flowable]:
        return [StrokedParagraph("报到证明" * 600, styles.title)]

    pdf = build_document(META, story)
    streams = content_streams(pdf)
    assert len(streams) >= 2
    assert all(b"2 Tr" in stream for stream in streams)  # fill-and-stroke on every page


def test_signature_block_can_use_arabic_numerals() -> None:
    def story(styles: DocumentStyles) -> list[Flowable]:
        return [
            signature_block("东风社区", date(2026, 1, 5), styles, numeric_date=True, seal=False)
        ]

    text = pdf_text(build_document(META, story))
    assert "2026年1月5日" in text
    assert "二〇" not in text
    assert "（盖章）" not in text
