"""Marks printed over a document's pages: the 补打/副本 stamp and the state watermark.

A reprint of a numbered document carries a stamp in the top right corner of every page — the
word (补打 or 副本) in a red box with a small line under it (e.g. 第 2 次补打) — so a reprint can
never pass for the original. A document in a state other than its normal one (a 草稿 preview,
an agreement that was 已终止) carries a large, light diagonal watermark, as Frappe prints DRAFT
and CANCELLED. Both are drawn by the page canvas after the content (pure reportlab, no data).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from djdesk.documents.base.fonts import HEI

STAMP_COLOR = colors.Color(0.78, 0.05, 0.05)
WATERMARK_GRAY = colors.Color(0.55, 0.55, 0.55)


@dataclass(frozen=True)
class PageMarks:
    """What to print over every page; all empty for an original in its normal state."""

    stamp: str = ""  # 补打 or 副本
    stamp_detail: str = ""  # a small line under the stamp, e.g. 第 2 次补打
    watermark: str = ""  # 草稿, 已终止 …

    def __bool__(self) -> bool:
        return bool(self.stamp or self.watermark)


NO_MARKS = PageMarks()


def draw_stamp(canv: Canvas, marks: PageMarks, page_width: float, page_height: float) -> None:
    """The red boxed stamp in the top right corner, inside the top margin."""
    if not marks.stamp:
        return
    size, detail_size = 20.0, 8.0
    text_w = stringWidth(marks.stamp, HEI, size)
    detail_w = stringWidth(marks.stamp_detail, HEI, detail_size) if marks.stamp_detail else 0.0
    box_w = max(text_w, detail_w) + 8 * mm
    box_h = (size + 6 * mm) + (detail_size + 2 if marks.stamp_detail else 0)
    right, top = page_width - 18 * mm, page_height - 12 * mm
    x, y = right - box_w, top - box_h
    canv.saveState()
    canv.setStrokeColor(STAMP_COLOR)
    canv.setFillColor(STAMP_COLOR)
    canv.setLineWidth(1.6)
    canv.roundRect(x, y, box_w, box_h, 2 * mm, stroke=1, fill=0)
    canv.setFont(HEI, size)
    canv.drawCentredString(x + box_w / 2, top - 3 * mm - size * 0.85, marks.stamp)
    if marks.stamp_detail:
        canv.setFont(HEI, detail_size)
        canv.drawCentredString(x + box_w / 2, y + 2.2 * mm, marks.stamp_detail)
    canv.restoreState()


def draw_watermark(canv: Canvas, marks: PageMarks, page_width: float, page_height: float) -> None:
    """Large light text across the middle of the page, at 35 degrees."""
    if not marks.watermark:
        return
    size = min(110.0, 0.9 * page_width / max(1, len(marks.watermark)))
    canv.saveState()
    canv.setFillColor(WATERMARK_GRAY)
    canv.setFillAlpha(0.22)
    canv.translate(page_width / 2, page_height / 2)
    canv.rotate(35)
    canv.setFont(HEI, size)
    canv.drawCentredString(0, -size / 3, marks.watermark)
    canv.restoreState()


def draw_marks(canv: Canvas, marks: PageMarks, page_width: float, page_height: float) -> None:
    """Both marks, watermark first so the stamp stays crisp."""
    draw_watermark(canv, marks, page_width, page_height)
    draw_stamp(canv, marks, page_width, page_height)
