"""The 《党群连心卡》: the seven-item card a unit or member fills in for the community, two per A4.

Each half of the sheet holds one card — the upper one 社区留存, the lower one 单位留存 — with a
cut line between: the title, the community's Party organisation, a line saying what the card is
for, who fills it in (unit, its Party organisation, contact, phone) and the community's contact,
then the seven items (问题调查, 工作建议, 党建资源 …), each with its hint and room to write, or
with what was already written, and lines to sign and date. A blank card leaves the unit's lines
empty. Pure: a :class:`ContactCard` in, PDF bytes out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Spacer, Table

from djdesk import APP_NAME
from djdesk.documents.base.blocks import form_table
from djdesk.documents.base.fonts import HEI, SONG
from djdesk.documents.base.marks import NO_MARKS, PageMarks, draw_marks
from djdesk.documents.base.styles import (
    FAINT,
    RED,
    DocumentStyles,
    StrokedParagraph,
    make_styles,
    para,
)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 16 * mm
CARD_GAP = 7 * mm  # above and below the cut line
ITEM_ROW = 11.2 * mm
LABELS = ("第一联　社区留存", "第二联　单位留存")


@dataclass(frozen=True)
class CardItem:
    """One of the seven items: its name, the hint under it, and what was written (if any)."""

    name: str
    hint: str = ""
    answer: str = ""


@dataclass(frozen=True, kw_only=True)
class ContactCard:
    title: str = "党群连心卡"
    community: str
    party_org: str
    intro: str = ""
    unit: str = ""
    unit_org: str = ""
    contact: str = ""
    contact_phone: str = ""
    community_contact: str = ""
    community_phone: str = ""
    items: tuple[CardItem, ...]
    filled_on: date | None = None

    @property
    def blank(self) -> bool:
        return not self.unit


def _item_cell(item: CardItem, styles: DocumentStyles) -> list[Flowable]:
    name = ParagraphStyle("card-item", styles.cell_label, fontSize=10, leading=12)
    hint = ParagraphStyle("card-hint", styles.small, fontSize=6.5, leading=8)
    return [para(item.name, name), para(item.hint, hint)] if item.hint else [para(item.name, name)]


def _card(card: ContactCard, label: str, styles: DocumentStyles, width: float) -> list[Flowable]:
    title = ParagraphStyle("card-title", styles.title, fontSize=18, leading=22, textColor=RED)
    line = ParagraphStyle("card-line", styles.cell, fontSize=8.5, leading=11)
    cell = ParagraphStyle("card-cell", styles.cell, fontSize=9, leading=11.5)
    label_style = ParagraphStyle("card-label", styles.cell_label, fontSize=9, leading=11.5)
    sized = replace(styles, cell=cell, cell_label=label_style)
    org_and_label = Table(
        [[para(card.party_org, line), para(label, ParagraphStyle("r", line, alignment=TA_RIGHT))]],
        colWidths=[width * 0.7, width * 0.3],
    )
    org_and_label.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), HEI, 8.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
    )
    label_w = 21 * mm
    value_w = width / 2 - label_w
    who = form_table(
        [
            ["联系单位", card.unit, "党组织", card.unit_org],
            ["联系人", card.contact, "联系电话", card.contact_phone],
            ["社区联系人", card.community_contact, "社区电话", card.community_phone],
        ],
        (label_w, value_w, label_w, value_w),
        sized,
        label_columns=(0, 2),
    )
    answer = ParagraphStyle("card-answer", cell, alignment=TA_LEFT)
    items = form_table(
        [[_item_cell(i, styles), para(i.answer, answer)] for i in card.items],
        (30 * mm, width - 30 * mm),
        sized,
        row_heights=[ITEM_ROW] * len(card.items),  # room to write, however short the answer
    )
    footer = para(
        f"填卡人（签字）：{'_' * 14}　　填卡日期：{_date_text(card.filled_on)}　　"
        f"接卡人：{'_' * 12}",
        line,
    )
    return [
        StrokedParagraph(card.title, title, stroke=0.5),
        org_and_label,
        para(card.intro, line) if card.intro else Spacer(1, 1),
        Spacer(1, 1.5 * mm),
        who,
        Spacer(1, 1.5 * mm),
        items,
        Spacer(1, 2 * mm),
        footer,
    ]


def _date_text(when: date | None) -> str:
    if when is not None:
        return f"{when.year}年{when.month}月{when.day}日"
    gap = "\xa0" * 5  # non-breaking: room to write the date by hand
    return f"{gap}年{gap}月{gap}日"


def _cut_line(canv: Canvas, y: float) -> None:
    text = "沿此线剪开"
    text_w = stringWidth(text, HEI, 8) + 10
    centre = PAGE_WIDTH / 2
    canv.saveState()
    canv.setStrokeColor(FAINT)
    canv.setFillColor(FAINT)
    canv.setDash(4, 3)
    canv.setLineWidth(0.6)
    canv.line(MARGIN_X / 2, y, centre - text_w / 2, y)
    canv.line(centre + text_w / 2, y, PAGE_WIDTH - MARGIN_X / 2, y)
    canv.setFont(HEI, 8)
    canv.drawCentredString(centre, y - 2.8, text)
    canv.restoreState()


def build_contact_card(
    card: ContactCard, *, invariant: bool = False, marks: PageMarks = NO_MARKS
) -> bytes:
    """One A4 page with the card twice (社区留存 above, 单位留存 below) and a cut line."""
    styles = make_styles()
    buffer = io.BytesIO()
    canv = Canvas(
        buffer,
        pagesize=A4,
        invariant=1 if invariant else 0,
        initialFontName=SONG,
        initialFontSize=12,
        lang="zh-CN",
    )
    canv.setTitle(card.title)
    canv.setAuthor(card.party_org)
    canv.setSubject(f"{card.title}（{card.unit or '空白'}）")
    canv.setCreator(APP_NAME)
    width = PAGE_WIDTH - 2 * MARGIN_X
    half = PAGE_HEIGHT / 2
    for index, label in enumerate(LABELS):
        bottom = half * (1 - index) + CARD_GAP
        frame = Frame(MARGIN_X, bottom, width, half - 2 * CARD_GAP, 0, 0, 0, 0, id=f"card{index}")
        story = _card(card, label, styles, width)
        frame.addFromList(story, canv)
        if story:  # the card did not fit: never print half a card
            raise ValueError("the contact card does not fit on half a page")
    _cut_line(canv, half)
    canv.setFont(HEI, 7)
    canv.setFillColor(FAINT)
    canv.drawCentredString(PAGE_WIDTH / 2, 5 * mm, f"由 {APP_NAME} 生成")
    draw_marks(canv, marks, PAGE_WIDTH, PAGE_HEIGHT)
    canv.showPage()
    canv.save()
    return buffer.getvalue()
