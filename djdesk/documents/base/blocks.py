"""Building blocks documents put into their stories: form tables, key/value tables, the
signature block with a seal placeholder, the two-party (甲方/乙方) signature and the cut line
for detachable stubs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Table,
    TableStyle,
)

from djdesk.documents.base.fonts import HEI, SONG
from djdesk.documents.base.styles import (
    FAINT,
    INK,
    SEAL_RADIUS,
    SHADE,
    Cell,
    DocumentStyles,
    chinese_date,
    numeric_cn_date,
    para,
)


def form_table(
    rows: Sequence[Sequence[Cell]],
    col_widths: Sequence[float],
    styles: DocumentStyles,
    *,
    label_columns: Sequence[int] = (0,),
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    row_heights: Sequence[float | None] | None = None,
) -> Table:
    """A form grid in the sans face: thin lines, shaded label cells, cells that wrap.

    Label cells are shaded unless empty or covered by a span that starts in another cell.
    ``row_heights`` fixes rows' heights (``None``: as the content needs), e.g. room to write.
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
    heights = list(row_heights) if row_heights is not None else None
    table = Table(data, colWidths=list(col_widths), rowHeights=heights, hAlign="CENTER")
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
