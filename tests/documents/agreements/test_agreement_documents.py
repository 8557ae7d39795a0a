"""The agreements area's PDFs as pure builders: outlines on A4, marks, the two-up contact card."""

from __future__ import annotations

from datetime import date

from djdesk.documents.agreements.contact_card import CardItem, ContactCard, build_contact_card
from djdesk.documents.agreements.outline_pdf import build_outline_pdf
from djdesk.documents.base.marks import PageMarks
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
from tests.helpers.pdf_text import flat_text, fonts, metadata, page_count, page_texts

OUTLINE = Outline(
    title="共驻共建协议书",
    issuer="中共某某社区委员会",
    serial="某某共建〔2026〕第007号",
    subject="测试协议",
    footer_note="由 djdesk 生成",
    blocks=(
        Clause("开头语，甲乙双方签订本协议。"),
        Parties(
            Fields("甲方", (("党组织", "中共某某社区委员会"), ("负责人", "王书记"))),
            Fields("乙方", (("党组织", "中共某单位支部"), ("单位", "某单位"), ("联络员", "赵"))),
        ),
        Heading("一、共建内容"),
        Clause("打“√”的为约定内容："),
        Checklist(
            ("选定", "共建内容", "具体内容"),
            (
                ChecklistItem(True, "组织共建", "联合主题党日"),
                ChecklistItem(False, "阵地共用", "开放场地"),
            ),
        ),
        Heading("二、目标任务"),
        Grid(
            ("序号", "任务", "分值"),
            (0.5, 4, 0.6),
            (("1", "报到", "60"), ("2", "活动", "40")),
            ("合计", "", "100"),
        ),
        Clause("第二条内容。", "1．"),
        Fields("补充信息", (("备注", "无"),)),
        Signatures(
            SignatureParty("甲方", "中共某某社区委员会"),
            SignatureParty("乙方", "中共某单位支部", signed_on=date(2026, 3, 1)),
        ),
        PageBreak(),
        Heading("附件：清单", level=1),
    ),
)


def test_outline_renders_every_block() -> None:
    pdf = build_outline_pdf(OUTLINE, invariant=True)
    text = flat_text(pdf)
    for piece in (
        "共驻共建协议书",
        "编号：某某共建〔2026〕第007号",
        "甲方",
        "乙方",
        "王书记",
        "中共某单位支部",
        "一、共建内容",
        "√",
        "组织共建",
        "阵地共用",
        "二、目标任务",
        "合计",
        "100",
        "1．第二条内容。",
        "补充信息",
        "甲方（盖章）：中共某某社区委员会",
        "2026年3月1日",
        "附件：清单",
    ):
        assert piece in text, piece
    pages = page_texts(pdf)
    assert len(pages) >= 2 and "附件：清单" in pages[-1] and "附件" not in pages[-2]
    assert all(fonts(pdf).values())  # every font embedded
    assert metadata(pdf)["/Title"] == "共驻共建协议书"
    assert pdf == build_outline_pdf(OUTLINE, invariant=True)


def test_marks_are_on_every_page() -> None:
    marks = PageMarks(stamp="补打", stamp_detail="第 2 次补打", watermark="已终止")
    pages = page_texts(build_outline_pdf(OUTLINE, marks=marks))
    for page in pages:
        flat = "".join(page.split())
        assert "补打" in flat and "第2次补打" in flat and "已终止" in flat
    assert "补打" not in flat_text(build_outline_pdf(OUTLINE))


def test_contact_card_two_up_on_one_page() -> None:
    items = tuple(CardItem(f"第{i}项", f"提示{i}", "已填写" if i == 3 else "") for i in range(1, 8))
    card = ContactCard(
        community="某某社区", party_org="中共某某社区委员会", items=items, unit="某单位"
    )
    pdf = build_contact_card(card, invariant=True)
    text = flat_text(pdf)
    assert page_count(pdf) == 1
    assert text.count("党群连心卡") == 2 and text.count("第7项") == 2 and text.count("已填写") == 2
    assert "沿此线剪开" in text and "第一联社区留存" in text and "第二联单位留存" in text
    assert "补打" in flat_text(build_contact_card(card, marks=PageMarks(stamp="补打")))
