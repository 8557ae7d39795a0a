"""Word copies (.docx) of agreements and responsibility books, from the same outline as the PDF.

Clerks and units often adjust a sentence in WPS or Word before signing. The copy holds exactly
the PDF's words and numbers — headings and clause numbers are plain text from the outline, not
Word list numbering that re-counts when a paragraph is moved. Body text is set in 宋体 with the
East-Asian font set explicitly (``w:eastAsia``), since Word otherwise picks a font for Chinese
by itself; headings in 黑体. A4, the PDF's margins, 第 X 页 / 共 Y 页 in the footer (fields), a
补打/副本 stamp and a state note in the header when the rendering has them. Pure: outline in,
bytes out.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from djdesk.outline import (
    Checklist,
    Clause,
    Fields,
    Grid,
    Heading,
    Outline,
    PageBreak,
    Parties,
    Signatures,
)

SONG = "宋体"
HEI = "黑体"
LATIN = "Times New Roman"
BODY_PT = 14
CELL_PT = 10.5
RED = RGBColor(0xC7, 0x0D, 0x0D)
GRAY = RGBColor(0x77, 0x77, 0x77)
SHADE = "EDEDED"
#: fixed document dates, so equal input gives equal XML (the zip adds its own times)
FIXED_TIME = datetime(2000, 1, 1)


def set_font(run: Run, east_asian: str = SONG, size: float | None = None) -> None:
    """Latin and East-Asian fonts of a run (python-docx's ``font.name`` sets only Latin)."""
    run.font.name = LATIN
    r_pr = run._element.get_or_add_rPr()
    r_fonts = r_pr.get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), east_asian)
    if size is not None:
        run.font.size = Pt(size)


def _add_text(
    paragraph: Paragraph, text: str, *, font: str = SONG, size: float = BODY_PT, **kw: object
) -> Run:
    run = paragraph.add_run(text)
    set_font(run, font, size)
    if kw.get("bold"):
        run.bold = True
    color = kw.get("color")
    if isinstance(color, RGBColor):
        run.font.color.rgb = color
    return run


def _document() -> WordDocument:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name = LATIN
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), SONG)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = Pt(25)
    return doc


def _field(paragraph: Paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _header_and_footer(doc: WordDocument, stamp: str, stamp_detail: str, watermark: str) -> None:
    section = doc.sections[0]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_text(footer, "第 ", size=10.5)
    _field(footer, "PAGE")
    _add_text(footer, " 页 / 共 ", size=10.5)
    _field(footer, "NUMPAGES")
    _add_text(footer, " 页", size=10.5)
    if stamp or watermark:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if watermark:
            _add_text(header, f"（{watermark}）", font=HEI, size=12, color=GRAY)
        if stamp:
            _add_text(header, f"【{stamp}】{stamp_detail}", font=HEI, size=14, color=RED)


def _shade(cell: _Cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), SHADE)
    cell._tc.get_or_add_tcPr().append(shading)


def _cell(cell: _Cell, text: str, *, label: bool = False, centre: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.line_spacing = 1.0
    if centre or label:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_text(paragraph, text, font=HEI if label else SONG, size=CELL_PT)
    if label:
        _shade(cell)


def _table(doc: WordDocument, rows: int, widths: Sequence[float]) -> Table:
    table: Table = doc.add_table(rows=rows, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total, usable = sum(widths), 156.0  # mm between the margins
    for column, width in zip(table.columns, widths, strict=True):
        for cell in column.cells:
            cell.width = Mm(usable * width / total)
    return table


def _parties(doc: WordDocument, block: Parties) -> None:
    left, right = list(block.first.rows), list(block.second.rows)
    size = max(len(left), len(right))
    left += [("", "")] * (size - len(left))
    right += [("", "")] * (size - len(right))
    table = _table(doc, size + 1, (22, 56, 22, 56))
    for offset, caption in ((0, block.first.caption), (2, block.second.caption)):
        merged = table.cell(0, offset).merge(table.cell(0, offset + 1))
        _cell(merged, caption, label=True)
    for r, ((a, b), (c, d)) in enumerate(zip(left, right, strict=True), start=1):
        for col, (text, label) in enumerate(((a, True), (b, False), (c, True), (d, False))):
            _cell(table.cell(r, col), text, label=label and bool(text))


def _fields(doc: WordDocument, block: Fields) -> None:
    table = _table(doc, len(block.rows) + 1, (22, 134))
    _cell(table.cell(0, 0).merge(table.cell(0, 1)), block.caption, label=True)
    for r, (label, value) in enumerate(block.rows, start=1):
        _cell(table.cell(r, 0), label, label=True)
        _cell(table.cell(r, 1), value)


def _checklist(doc: WordDocument, block: Checklist) -> None:
    table = _table(doc, len(block.items) + 1, (12, 24, 120))
    for col, title in enumerate(block.columns):
        _cell(table.cell(0, col), title, label=True)
    for r, item in enumerate(block.items, start=1):
        _cell(table.cell(r, 0), "√" if item.checked else "", centre=True)
        _cell(table.cell(r, 1), item.name, label=True)
        _cell(table.cell(r, 2), item.text)


def _grid(doc: WordDocument, block: Grid) -> None:
    rows = [*block.rows, *([block.total] if block.total else [])]
    table = _table(doc, len(rows) + 1, block.widths)
    for col, title in enumerate(block.columns):
        _cell(table.cell(0, col), title, label=True)
    for r, row in enumerate(rows, start=1):
        for col, text in enumerate(row):
            _cell(table.cell(r, col), text, centre=col == 0)
    table.rows[0].repeat_header = True  # type: ignore[attr-defined]


def _signatures(doc: WordDocument, block: Signatures) -> None:
    doc.add_paragraph()
    table = doc.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    gap = "\u3000" * 3
    for col, party in enumerate((block.first, block.second)):
        when = (
            f"{party.signed_on.year}年{party.signed_on.month}月{party.signed_on.day}日"
            if party.signed_on
            else f"{gap}年{gap}月{gap}日"
        )
        lines = (
            f"{party.role}（盖章）：{party.org}",
            f"{party.signer_title}（签字）：",
            f"日期：{when}",
        )
        for r, line in enumerate(lines):
            paragraph = table.cell(r, col).paragraphs[0]
            paragraph.paragraph_format.line_spacing = Pt(28)
            _add_text(paragraph, line, size=12)


def build_outline_docx(
    outline: Outline, *, stamp: str = "", stamp_detail: str = "", watermark: str = ""
) -> bytes:
    """The outline as a Word document (A4, 宋体, same numbering as the PDF); ``stamp`` (补打 or
    副本, with ``stamp_detail``) and ``watermark`` (a state such as 已终止) go in the header."""
    doc = _document()
    _header_and_footer(doc, stamp, stamp_detail, watermark)
    props = doc.core_properties
    props.title, props.author, props.subject = outline.title, outline.issuer, outline.subject
    props.keywords = "；".join(outline.keywords)
    props.created = props.modified = FIXED_TIME
    props.last_modified_by = outline.issuer
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_text(title, outline.title, size=22, bold=True)
    serial = doc.add_paragraph()
    serial.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _add_text(serial, f"编号：{outline.serial}" if outline.serial else "", size=12)
    for block in outline.blocks:
        match block:
            case Heading(text=text, level=level):
                p = doc.add_paragraph()
                if level == 1:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _add_text(p, text, font=HEI, size=18 if level == 1 else BODY_PT)
            case Clause(text=text, number=number):
                p = doc.add_paragraph()
                p.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                _add_text(p, f"{number}{text}")
            case Parties():
                _parties(doc, block)
                doc.add_paragraph()
            case Fields():
                _fields(doc, block)
                doc.add_paragraph()
            case Checklist():
                _checklist(doc, block)
            case Grid():
                _grid(doc, block)
            case Signatures():
                _signatures(doc, block)
            case PageBreak():
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
