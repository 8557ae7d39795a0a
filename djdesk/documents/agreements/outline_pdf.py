"""An agreement or responsibility book on A4: an :class:`~djdesk.outline.Outline` rendered with
the house styles — title and 编号, both parties' details, numbered sections and clauses, the
共建内容 checklist, the 目标任务表, two-party signature and seal blocks, annexes on new pages.

An agreement between two Party organisations carries no issuing-organisation header: neither
side issues it to the other. Pure: outline in, PDF bytes out.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table

from djdesk.documents.base.blocks import Party, form_table, two_party_signature
from djdesk.documents.base.layout import DocumentMeta, build_document
from djdesk.documents.base.marks import NO_MARKS, PageMarks
from djdesk.documents.base.styles import SHADE, DocumentStyles, StrokedParagraph, para
from djdesk.outline import (
    Block,
    Checklist,
    Clause,
    Fields,
    Grid,
    Heading,
    Outline,
    Parties,
    Signatures,
)
from djdesk.outline import PageBreak as OutlineBreak

LABEL_WIDTH = 22 * mm


def _clause(block: Clause, styles: DocumentStyles, *, keep_with_next: bool) -> Flowable:
    style = styles.body
    if keep_with_next:  # the sentence that introduces a table stays with it
        style = ParagraphStyle("body-keep", style, keepWithNext=1)
    return para(f"{block.number}{block.text}", style)


def _heading(block: Heading, styles: DocumentStyles) -> Flowable:
    if block.level == 1:
        st = ParagraphStyle("annex-title", styles.title, fontSize=18, leading=24, spaceAfter=8)
        return StrokedParagraph(block.text, st, stroke=0.5)
    return para(block.text, ParagraphStyle("heading-keep", styles.heading, keepWithNext=1))


def _fields(block: Fields, styles: DocumentStyles) -> Table:
    rows: list[list[str]] = [[block.caption, ""], *([label, value] for label, value in block.rows)]
    return form_table(
        rows,
        (LABEL_WIDTH, styles.width - LABEL_WIDTH),
        styles,
        spans=[((0, 0), (1, 0))],
    )


def _parties(block: Parties, styles: DocumentStyles) -> Table:
    left, right = list(block.first.rows), list(block.second.rows)
    size = max(len(left), len(right))
    left += [("", "")] * (size - len(left))
    right += [("", "")] * (size - len(right))
    rows: list[list[str]] = [[block.first.caption, "", block.second.caption, ""]]
    rows += [[a, b, c, d] for (a, b), (c, d) in zip(left, right, strict=True)]
    value = styles.width / 2 - LABEL_WIDTH
    return form_table(
        rows,
        (LABEL_WIDTH, value, LABEL_WIDTH, value),
        styles,
        label_columns=(0, 2),
        spans=[((0, 0), (1, 0)), ((2, 0), (3, 0))],
    )


def _checklist(block: Checklist, styles: DocumentStyles) -> Table:
    tick, name = 12 * mm, 24 * mm
    centred = ParagraphStyle("tick", styles.cell, alignment=TA_CENTER, fontSize=13, leading=15)
    rows: list[list[str | Flowable]] = [list(block.columns)]
    rows += [
        [para("√" if item.checked else "", centred), item.name, item.text] for item in block.items
    ]
    return form_table(rows, (tick, name, styles.width - tick - name), styles, label_columns=(1,))


def _grid(block: Grid, styles: DocumentStyles) -> Table:
    """A ruled table; short columns (序号, 分值) centred; the 合计 label spans up to the
    first column that has a total."""
    total = sum(block.widths)
    widths = [styles.width * w / total for w in block.widths]
    centred = ParagraphStyle("grid-centre", styles.cell, alignment=TA_CENTER)
    narrow = {i for i, w in enumerate(block.widths) if w / total < 0.09}

    def cell(i: int, text: str) -> Flowable:
        return para(text, centred if i in narrow else styles.cell)

    rows: list[list[str | Flowable]] = [[para(c, styles.cell_label) for c in block.columns]]
    rows += [[cell(i, text) for i, text in enumerate(row)] for row in block.rows]
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    if block.total:
        last = len(rows)
        rows.append(
            [
                para(block.total[0], styles.cell_label),
                *(cell(i, t) for i, t in enumerate(block.total) if i),
            ]
        )
        end = next((i for i, t in enumerate(block.total) if i and t), len(block.total)) - 1
        if end > 0:
            spans.append(((0, last), (end, last)))
    table = form_table(rows, widths, styles, label_columns=(), spans=spans)
    shade = [("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    if block.total:
        shade.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), SHADE))
    table.setStyle(shade)
    table.repeatRows = 1
    return table


def _signatures(block: Signatures, styles: DocumentStyles) -> list[Flowable]:
    first = Party(block.first.role, block.first.org, block.first.signed_on)
    second = Party(block.second.role, block.second.org, block.second.signed_on)
    return [CondPageBreak(62 * mm), two_party_signature(first, second, styles)]


def blocks_story(blocks: Sequence[Block], styles: DocumentStyles) -> list[Flowable]:
    """The flowables of ``blocks`` in order."""
    story: list[Flowable] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        match block:
            case Heading():
                story.append(_heading(block, styles))
            case Clause():
                table_next = isinstance(following, Checklist | Grid | Parties | Fields)
                story.append(_clause(block, styles, keep_with_next=table_next))
            case Fields():
                story += [_fields(block, styles), Spacer(1, 3 * mm)]
            case Parties():
                story += [_parties(block, styles), Spacer(1, 3 * mm)]
            case Checklist():
                story += [_checklist(block, styles), Spacer(1, 2 * mm)]
            case Grid():
                story += [_grid(block, styles), Spacer(1, 2 * mm)]
            case Signatures():
                story += _signatures(block, styles)
            case OutlineBreak():
                story.append(PageBreak())
    return story


def build_outline_pdf(
    outline: Outline, *, invariant: bool = False, marks: PageMarks = NO_MARKS
) -> bytes:
    """The outline as an A4 PDF (no issuer header; title, 编号, blocks, page numbers)."""
    meta = DocumentMeta(
        title=outline.title,
        issuer=outline.issuer,
        subject=outline.subject,
        serial=outline.serial,
        keywords=outline.keywords,
        footer_note=outline.footer_note,
        header=False,
        marks=marks,
    )
    return build_document(
        meta, lambda styles: blocks_story(outline.blocks, styles), invariant=invariant
    )
