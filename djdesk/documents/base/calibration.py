"""The printer calibration page: crosshairs at known distances from the paper's edges and
millimetre rulers, for measuring how far a printer shifts what it prints.

Pre-printed stock (a certificate form, a card with boxes) needs text to land in the boxes; each
printer shifts a little. The clerk prints this page with the printer's current offset, measures
from the paper's left and top edges to the centre of the upper cross, and enters the distances;
the difference to :data:`MARK_MM` is added to the offset. Pure: data in, PDF bytes out.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from djdesk import APP_NAME
from djdesk.documents.base.fonts import HEI, SONG, register_fonts
from djdesk.documents.base.styles import FAINT, INK, RED

PAGE_WIDTH, PAGE_HEIGHT = A4
#: Where the upper cross's centre is, from the paper's left and top edges (mm).
MARK_MM = (30.0, 30.0)
#: The lower cross, from the paper's right and bottom edges (mm).
LOWER_MARK_MM = (30.0, 30.0)


def _cross(canv: Canvas, x: float, y: float) -> None:
    canv.setStrokeColor(RED)
    canv.setLineWidth(0.4)
    canv.line(x - 12 * mm, y, x + 12 * mm, y)
    canv.line(x, y - 12 * mm, x, y + 12 * mm)
    canv.circle(x, y, 4 * mm, stroke=1, fill=0)


def _rulers(canv: Canvas) -> None:
    canv.setStrokeColor(INK)
    canv.setFillColor(FAINT)
    canv.setFont(HEI, 6)
    for step in range(5, 201, 1):  # along the top edge, from the left
        x = step * mm
        length = 5 * mm if step % 10 == 0 else (3 * mm if step % 5 == 0 else 1.5 * mm)
        canv.setLineWidth(0.3)
        canv.line(x, PAGE_HEIGHT, x, PAGE_HEIGHT - length)
        if step % 10 == 0:
            canv.drawCentredString(x, PAGE_HEIGHT - 8 * mm, str(step))
    for step in range(5, 288, 1):  # along the left edge, from the top
        y = PAGE_HEIGHT - step * mm
        length = 5 * mm if step % 10 == 0 else (3 * mm if step % 5 == 0 else 1.5 * mm)
        canv.line(0, y, length, y)
        if step % 10 == 0:
            canv.drawString(6 * mm, y - 2, str(step))


def build_calibration_page(
    printer: str, offset_mm: tuple[float, float], *, invariant: bool = False
) -> bytes:
    """One A4 page: rulers along the top and left edges, two crosses, how to measure."""
    register_fonts()
    buffer = io.BytesIO()
    canv = Canvas(
        buffer, pagesize=A4, invariant=1 if invariant else 0, initialFontName=SONG, lang="zh-CN"
    )
    canv.setTitle("打印位置校准页")
    canv.setCreator(APP_NAME)
    _rulers(canv)
    upper = (MARK_MM[0] * mm, PAGE_HEIGHT - MARK_MM[1] * mm)
    lower = (PAGE_WIDTH - LOWER_MARK_MM[0] * mm, LOWER_MARK_MM[1] * mm)
    _cross(canv, *upper)
    _cross(canv, *lower)
    canv.setFillColor(INK)
    canv.setFont(SONG, 18)
    canv.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 70 * mm, "打印位置校准页")
    lines = (
        f"打印机：{printer}",
        f"本页按当前偏移打印：向右 {offset_mm[0]:g} mm，向下 {offset_mm[1]:g} mm。",
        f"1. 用直尺量出左上角十字中心到纸张左边缘、上边缘的距离（应为 {MARK_MM[0]:g} mm 和"
        f" {MARK_MM[1]:g} mm）。",
        "2. 在“校准”窗口中填入量得的两个距离，程序算出新的偏移并保存。",
        f"3. 右下角十字中心距纸张右边缘、下边缘应各为 {LOWER_MARK_MM[0]:g} mm，可用来复核。",
        "边缘的刻度以毫米为单位，打印不全的一侧说明该方向偏出了纸张。",
    )
    canv.setFont(SONG, 11)
    for i, line in enumerate(lines):
        canv.drawString(40 * mm, PAGE_HEIGHT - (90 + i * 9) * mm, line)
    canv.showPage()
    canv.save()
    return buffer.getvalue()
