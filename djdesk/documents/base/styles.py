"""Page geometry, colours, Chinese dates and the paragraph styles every document uses.

Styles wrap Chinese text by character (``wordWrap="CJK"``) and keep closing punctuation off the
start of a line; :class:`StrokedParagraph` gives the bold look of 公文 headings in a font that
has no bold face.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeAlias

from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
)
from reportlab.platypus import paragraph as rl_paragraph

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
