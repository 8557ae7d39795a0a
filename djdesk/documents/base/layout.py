"""The official-style A4 page every printed document shares (simplified GB/T 9704 公文 layout).

:func:`build_document` turns a :class:`DocumentMeta` and a story builder into PDF bytes: margins,
the issuing-organisation header (发文机关标志) with its red rule, the title and serial line, the
footer with "第 X 页 / 共 Y 页" and a small-print line, and the PDF metadata. The building blocks
documents put into their stories live here too: paragraph styles, form tables, the signature block
with a seal placeholder, the two-party (甲方/乙方) signature and the cut line for detachable stubs.
Pure: data in, bytes out; no files, no database.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeAlias

from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.flowables import HRFlowable

from djdesk import APP_NAME
from djdesk.documents.base.fonts import HEI, SONG, fallback_markup, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN, BOTTOM_MARGIN, LEFT_MARGIN, RIGHT_MARGIN = 37 * mm, 35 * mm, 28 * mm, 26 * mm
FRAME_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
RED = colors.Color(0.80, 0.0, 0.0)
INK = colors.black
FAINT = colors.Color(0.45, 0.45, 0.45)
SHADE = colors.Color(0.93, 0.93, 0.93)
SEAL_RADIUS = 21 * mm  # a 42 mm community seal

_CN_DIGITS = "〇一二三四五六七八九"

Cell: TypeAlias = str | Flowable  # a form cell: plain text or any flowable


def _cn_small_number(n: int) -> str:
    """1–99 as read aloud: 五, 十, 十一, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def chinese_date(d: date) -> str:
    """The 成文日期 form: ``二〇二六年十一月二十三日`` (year digit by digit, with 〇)."""
    year = "".join(_CN_DIGITS[int(c)] for c in str(d.year))
    return f"{year}年{_cn_small_number(d.month)}月{_cn_small_number(d.day)}日"


def numeric_cn_date(d: date) -> str:
    """``2026年11月23日`` — Arabic numerals without leading zeros."""
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class DocumentStyles:
    """The paragraph styles of one document, plus the width flowables can use."""

    header: ParagraphStyle
    title: ParagraphStyle
    serial: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    plain: ParagraphStyle
    signature: ParagraphStyle
    note: ParagraphStyle
    cell_label: ParagraphStyle
    cell: ParagraphStyle
    small: ParagraphStyle
    width: float = FRAME_WIDTH


# reportlab's CJK wrap lets a character that may not start a line hang in the right margin, but
# its list is Japanese-minded and lacks the full-width Chinese ，；：？！ and closing quotes.
_CHINESE_CANNOT_START = "，。、；：？！）》〉」』】〕”’…·％"


def _teach_chinese_line_breaks() -> None:
    for module in (rl_textsplit, rl_paragraph):  # one-fragment and many-fragment wrapping
        current: str = module.ALL_CANNOT_START
        missing = "".join(c for c in _CHINESE_CANNOT_START if c not in current)
        if missing:
            module.ALL_CANNOT_START = current + missing


def make_styles() -> DocumentStyles:
    register_fonts()
    _teach_chinese_line_breaks()

    def style(name: str, font: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw
        )

    return DocumentStyles(
        header=style("header", SONG, 26, 32, alignment=TA_CENTER, textColor=RED),
        title=style("title", SONG, 22, 28, alignment=TA_CENTER, spaceAfter=2),
        serial=style("serial", SONG, 12, 16, alignment=TA_RIGHT, spaceAfter=4),
        heading=style("heading", HEI, 14, 20, spaceBefore=6, spaceAfter=5),
        body=style("body", SONG, 14, 25, alignment=TA_JUSTIFY, firstLineIndent=28, spaceAfter=4),
        plain=style("plain", SONG, 14, 25, alignment=TA_LEFT),
        signature=style("signature", SONG, 14, 24, alignment=TA_CENTER),
        note=style("note", SONG, 10.5, 16, alignment=TA_JUSTIFY, spaceBefore=6),
        cell_label=style("cell_label", HEI, 10.5, 14, alignment=TA_CENTER),
        cell=style("cell", HEI, 10.5, 14, alignment=TA_LEFT),
        small=style("small", HEI, 8, 10, alignment=TA_CENTER, textColor=FAINT),
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped, with glyph fallback for the style's face)."""
    return Paragraph(fallback_markup(text, style.fontName), style)


class StrokedParagraph(Paragraph):  # type: ignore[misc]  # reportlab ships no type hints
    """A paragraph whose glyphs are also outlined: fake bold for the light Song face (小标宋)."""

    def __init__(
        self, text: str | None, style: ParagraphStyle, stroke: float = 0.7, **kw: Any
    ) -> None:
        # text is None when reportlab's split() rebuilds the halves from fragments
        markup = None if text is None else fallback_markup(text, style.fontName)
        super().__init__(markup, style, **kw)
        self.stroke = stroke

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        for part in parts:
            part.stroke = self.stroke
        return parts

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setLineWidth(self.stroke)
        canv.setStrokeColor(self.style.textColor)
        canv.addLiteral("2 Tr")  # text render mode 2 = fill and stroke; Q restores it
        super().draw()
        canv.restoreState()


@dataclass(frozen=True)
class DocumentMeta:
    """What a document is: its title, who issues it, and how its front matter looks."""

    title: str
    issuer: str
    subject: str = ""
    serial: str = ""
    keywords: tuple[str, ...] = ()
    footer_note: str = ""
    header: bool = True  # print the issuer as 发文机关标志 above the title
    header_red: bool = True
    front_matter: bool = True  # False: the story places header/title itself (e.g. stub + copy)


def front_matter(meta: DocumentMeta, styles: DocumentStyles) -> list[Flowable]:
    """Header (issuer, shrunk to fit one line down to 18 pt, then wrapped), rule, title, serial."""
    out: list[Flowable] = []
    if meta.header:
        color = RED if meta.header_red else INK
        natural = stringWidth(meta.issuer, SONG, 1) or 1
        size = max(18.0, min(styles.header.fontSize, (styles.width - 2) / natural))
        header = ParagraphStyle(
            "header-fit", styles.header, fontSize=size, leading=size * 1.25, textColor=color
        )
        out += [
            StrokedParagraph(meta.issuer, header, stroke=size * 0.035),
            Spacer(1, 2 * mm),
            HRFlowable(width="100%", thickness=1.5, color=color, spaceBefore=0, spaceAfter=4 * mm),
        ]
    out.append(StrokedParagraph(meta.title, styles.title, stroke=0.7))
    if meta.serial:
        out.append(para(f"编号：{meta.serial}", styles.serial))
    else:
        out.append(Spacer(1, styles.serial.spaceAfter + 4))
    return out


def form_table(
    rows: Sequence[Sequence[Cell]],
    col_widths: Sequence[float],
    styles: DocumentStyles,
    *,
    label_columns: Sequence[int] = (0,),
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> Table:
    """A form grid in the sans face: thin lines, shaded label cells, cells that wrap.

    Label cells are shaded unless empty or covered by a span that starts in another cell.
    """
    covered = {
        (c, r)
        for (c0, r0), (c1, r1) in spans
        for c in range(c0, c1 + 1)
        for r in range(r0, r1 + 1)
        if (c, r) != (c0, r0)
    }
    label, cell = styles.cell_label, styles.cell
    data = [
        [
            para(c, label if i in label_columns else cell) if isinstance(c, str) else c
            for i, c in enumerate(row)
        ]
        for row in rows
    ]
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), HEI, cell.fontSize),  # else Table selects Helvetica per cell
        ("GRID", (0, 0), (-1, -1), 0.5, INK),
        ("BOX", (0, 0), (-1, -1), 1.0, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    commands += [
        ("BACKGROUND", (c, r), (c, r), SHADE)
        for r, row in enumerate(rows)
        for c in label_columns
        if c < len(row) and row[c] != "" and (c, r) not in covered
    ]
    commands += [("SPAN", start, end) for start, end in spans]
    table = Table(data, colWidths=list(col_widths), repeatRows=0, hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    return table


def key_value_table(
    rows: Sequence[tuple[str, str]], styles: DocumentStyles, *, label_width: float = 34 * mm
) -> Table:
    """Two columns: shaded label | value."""
    return form_table(rows, (label_width, styles.width - label_width), styles)


def draw_seal_placeholder(
    canv: Canvas, cx: float, cy: float, radius: float = SEAL_RADIUS, *, label: bool = True
) -> None:
    """A faint dashed circle, marked （盖章）: where the seal goes, never mistakable for one."""
    canv.saveState()
    canv.setStrokeColor(FAINT)
    canv.setLineWidth(0.6)
    canv.setDash(3, 3)
    canv.circle(cx, cy, radius, stroke=1, fill=0)
    if label:
        canv.setFillColor(FAINT)
        canv.setFont(HEI, 9)
        canv.drawCentredString(cx, cy + radius - 16, "（盖章）")
    canv.restoreState()


class _SignedBlock(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Lines of paragraphs stacked in a box of fixed width, with a seal placeholder over them."""

    def __init__(
        self, lines: Sequence[Flowable], box_width: float, *, align: str, seal: bool, pad: float = 0
    ) -> None:
        super().__init__()
        self.lines, self.box_width, self.seal = list(lines), box_width, seal
        self.align = align  # "right": box at the right of the frame; "left": at the left
        self.pad = pad  # blank space right of the lines (右空), outside the seal

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        self.box = min(self.box_width, avail_width)
        self.heights = [p.wrap(self.box, avail_height)[1] for p in self.lines]
        self.text_height = sum(self.heights)
        self.height = max(self.text_height, 2 * SEAL_RADIUS if self.seal else 0) + 2
        return avail_width, self.height

    def draw(self) -> None:
        x = self.avail - self.box if self.align == "right" else 0.0
        # the lines sit a little below the seal's centre, as 署名 and date do under a real seal
        y = (self.height + self.text_height) / 2 - (6 if self.seal else 0)
        for p, h in zip(self.lines, self.heights, strict=True):
            y -= h
            p.drawOn(self.canv, x, y)
        if self.seal:
            cx = min(x + (self.box - self.pad) / 2, self.avail - SEAL_RADIUS)
            # where the lines already say （盖章） the circle needs no label of its own
            draw_seal_placeholder(self.canv, cx, self.height / 2, label=self.align == "right")


def signature_block(
    issuer: str,
    signed_on: date,
    styles: DocumentStyles,
    *,
    seal: bool = True,
    numeric_date: bool = False,
) -> Flowable:
    """Issuer over the date, centred on each other, right of the page 2 characters in.

    The date reads 二〇二六年十一月二十三日, the form community papers use; ``numeric_date``
    gives 2026年11月23日 as GB/T 9704-2012 asks of formal 公文. The dashed seal placeholder
    sits over both lines, as a seal covers 署名 and 成文日期.
    """
    date_text = numeric_cn_date(signed_on) if numeric_date else chinese_date(signed_on)
    indent = 2 * styles.signature.fontSize
    st = ParagraphStyle("signature-indented", styles.signature, rightIndent=indent)
    size = st.fontSize
    widest = max(stringWidth(issuer, SONG, size), stringWidth(date_text, SONG, size))
    box = min(widest + 4, styles.width - indent)
    lines = [para(issuer, st), para(date_text, st)]
    return _SignedBlock(lines, box + indent, align="right", seal=seal, pad=indent)


@dataclass(frozen=True)
class Party:
    """One side of an agreement: 甲方 or 乙方, its organisation and (optionally) the date."""

    role: str
    org: str
    signed_on: date | None = None


def two_party_signature(
    first: Party, second: Party, styles: DocumentStyles, *, seal: bool = True
) -> Table:
    """Side-by-side signature columns for agreements (甲方 left, 乙方 right)."""
    st = ParagraphStyle("party", styles.plain, fontSize=12, leading=28)  # room to sign
    half = styles.width / 2

    def column(party: Party) -> Flowable:
        gap = "\xa0" * 6  # non-breaking: plain spaces collapse inside a paragraph
        when = numeric_cn_date(party.signed_on) if party.signed_on else f"{gap}年{gap}月{gap}日"
        lines = [
            para(f"{party.role}（盖章）：{party.org}", st),
            para("负责人（签字）：", st),
            para(f"日期：{when}", st),
        ]
        return _SignedBlock(lines, half - 12, align="left", seal=seal)

    table = Table([[column(first), column(second)]], colWidths=[half, half])
    table.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), SONG, st.fontSize),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    table.spaceBefore = 6 * mm
    return table


class CutLine(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """A dashed line across the frame with scissors and 沿此线剪开, between a stub and its copy."""

    label = "沿此线剪开"

    def __init__(self, label: str | None = None, space: float = 5 * mm) -> None:
        super().__init__()
        self.text = label or self.label
        self.spaceBefore = self.spaceAfter = space

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 12

    def draw(self) -> None:
        canv, y, w = self.canv, 6.0, self.width
        text_w = stringWidth(self.text, HEI, 9) + 16
        canv.saveState()
        canv.setStrokeColor(FAINT)
        canv.setFillColor(FAINT)
        canv.setLineWidth(0.6)
        canv.setDash(4, 3)
        canv.line(16, y, (w - text_w) / 2, y)
        canv.line((w + text_w) / 2, y, w, y)
        canv.setDash()
        for dy in (2.4, -2.4):  # scissors: two handles and two crossed blades
            canv.circle(3, y + dy, 2, stroke=1, fill=0)
            canv.line(4.8, y + dy * 0.6, 13, y - dy * 0.3)
        canv.setFont(HEI, 9)
        canv.drawCentredString(w / 2, y - 3, self.text)
        canv.restoreState()


StoryBuilder = Callable[[DocumentStyles], Sequence[Flowable]]


def _numbered_canvas(footer_note: str) -> type[Canvas]:
    """A canvas that holds pages back until the end, so each footer can say 共 Y 页."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            centre = LEFT_MARGIN + FRAME_WIDTH / 2
            self.saveState()
            self.setFont(SONG, 10.5)
            page_line = f"第 {number} 页 / 共 {total} 页"
            self.drawCentredString(centre, BOTTOM_MARGIN - 12 * mm, page_line)
            if footer_note:
                self.setFillColor(FAINT)
                self.setFont(HEI, 8)
                self.drawCentredString(centre, BOTTOM_MARGIN - 20 * mm, footer_note)
            self.restoreState()

    return NumberedCanvas


def build_document(
    meta: DocumentMeta, story_builder: StoryBuilder, *, invariant: bool = False
) -> bytes:
    """Lay out one A4 document and return the PDF bytes.

    ``invariant`` fixes the creation date and document id, so equal input gives equal bytes.
    """
    styles = make_styles()
    story = list(front_matter(meta, styles)) if meta.front_matter else []
    story += story_builder(styles)
    buffer = io.BytesIO()
    frame = Frame(
        LEFT_MARGIN,
        BOTTOM_MARGIN,
        FRAME_WIDTH,
        PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[PageTemplate(id="official", frames=[frame])],
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=meta.title,
        author=meta.issuer,
        subject=meta.subject,
        creator=APP_NAME,
        keywords=list(meta.keywords),
        lang="zh-CN",
        displayDocTitle=1,
        initialFontName=SONG,
        initialFontSize=12,  # no stray unembedded Helvetica
        invariant=1 if invariant else 0,
    )
    doc.build(story, canvasmaker=_numbered_canvas(meta.footer_note))
    return buffer.getvalue()
