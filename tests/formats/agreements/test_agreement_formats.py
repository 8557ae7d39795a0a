"""Template files (JSON) read and written, refusals naming the place; Word copies of outlines."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document

from djdesk.formats.agreements.docx_writer import build_outline_docx
from djdesk.formats.agreements.template_file import (
    TemplateDoc,
    TemplateFileError,
    TemplateSection,
    dump_template,
    parse_template,
)
from djdesk.outline import (
    Checklist,
    ChecklistItem,
    Clause,
    Fields,
    Grid,
    Heading,
    Outline,
    PageBreak,
    Parties,
    SignatureParty,
    Signatures,
)

DOC = TemplateDoc(
    kind="agreement",
    title="共驻共建协议书",
    note="测试",
    sections=(
        TemplateSection("preamble", "", ("{甲方名称}与{乙方名称}签订本协议。",)),
        TemplateSection("content", "共建内容", ("如下：",), (("组织共建", "联合党日"),)),
    ),
)


def test_round_trip_is_canonical() -> None:
    text = dump_template(DOC)
    assert parse_template(text) == DOC
    assert dump_template(parse_template(text)) == text
    raw = json.loads(text)
    assert raw["format"] == "djdesk-template" and raw["sections"][1]["items"] == {
        "组织共建": "联合党日"
    }


def _with(**changes: object) -> str:
    raw = json.loads(dump_template(DOC))
    raw.update(changes)
    return json.dumps(raw, ensure_ascii=False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "不是有效的 JSON：第 1 行第 1 列"),
        ('{"format": "other"}', "不是 djdesk 文书模板"),
        (_with(format_version=2), "格式版本为 2"),
        (_with(title=""), "标题（title）不能为空"),
        (_with(sections=[]), "sections 应为 1–40 节的列表"),
        (_with(sections=[{"key": "Bad Key", "clauses": []}]), "只能由小写英文字母"),
        (_with(sections=[{"key": "a", "clauses": "x"}]), "第 1 节（a）的 clauses"),
        (_with(sections=[{"key": "a", "clauses": [1]}]), "第 1 节（a）第 1 条应为文字"),
        (_with(sections=[{"key": "a"}, {"key": "a"}]), "key 出现了不止一次：a"),
        (_with(sections=[{"key": "a", "colour": "red"}]), "不认识的项：colour"),
        (_with(sections=[{"key": "a", "clauses": ["长" * 2001]}]), "过长（2001 字"),
    ],
)
def test_malformed_files_are_refused_with_the_place(text: str, message: str) -> None:
    with pytest.raises(TemplateFileError, match=message.replace("(", r"\(")):
        parse_template(text, source="文件“x.json”")


OUTLINE = Outline(
    title="区域化党建目标责任书",
    issuer="中共某某社区委员会",
    serial="某某责〔2026〕第001号",
    blocks=(
        Clause("开头语。"),
        Parties(
            Fields("甲方", (("党组织", "甲党委"),)),
            Fields("乙方", (("党组织", "乙支部"), ("单位", "乙单位"))),
        ),
        Heading("一、目标任务"),
        Clause("共2项。", "1．"),
        Checklist(("选定", "内容", "说明"), (ChecklistItem(True, "组织共建", "党日"),)),
        Grid(("序号", "任务", "分值"), (1, 4, 1), (("1", "报到", "60"),), ("合计", "", "60")),
        Signatures(SignatureParty("甲方", "甲党委"), SignatureParty("乙方", "乙支部")),
        PageBreak(),
        Heading("附件", level=1),
    ),
)


def test_word_copy_has_the_outline_and_song_fonts() -> None:
    data = build_outline_docx(OUTLINE, stamp="补打", stamp_detail="第 1 次补打", watermark="已终止")
    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert (
        paragraphs[0] == "区域化党建目标责任书" and paragraphs[1] == "编号：某某责〔2026〕第001号"
    )
    for piece in ("开头语。", "一、目标任务", "1．共2项。", "附件"):
        assert piece in paragraphs
    for piece in (
        "甲党委",
        "乙单位",
        "√",
        "组织共建",
        "报到",
        "合计",
        "60",
        "甲方（盖章）：甲党委",
    ):
        assert piece in cells, piece
    header = doc.sections[0].header.paragraphs[0].text
    assert "【补打】第 1 次补打" in header and "已终止" in header
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert 'w:eastAsia="宋体"' in doc.styles["Normal"].element.xml
    runs = [r for p in doc.paragraphs for r in p.runs if r.text == "一、目标任务"]
    assert 'w:eastAsia="黑体"' in runs[0]._element.xml
    assert doc.core_properties.author == "中共某某社区委员会"
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
