"""A QR code as a reportlab flowable, drawn from segno's module matrix.

segno encodes the text (error correction M at least; segno raises it when the symbol has room);
each dark module becomes a filled square, runs of dark modules on a row are merged into one
rectangle so the PDF stays small and prints crisply. The quiet zone (four modules) is left
blank around the symbol. :func:`qr_matrix` gives the drawn matrix, so tests can compare what
the page shows with what was meant.
"""

from __future__ import annotations

import segno
from reportlab.lib.colors import black
from reportlab.platypus import Flowable

QUIET_ZONE = 4  # modules of blank border the QR standard asks for


def qr_matrix(text: str) -> list[list[bool]]:
    """The symbol's modules (True = dark), without the quiet zone."""
    code = segno.make(text, error="m", micro=False)
    return [[bool(v) for v in row] for row in code.matrix]


class QrCode(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """The QR code of ``text``, ``size`` points wide including the quiet zone."""

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        self.text = text
        self.matrix = qr_matrix(text)
        self.size = size
        self.module = size / (len(self.matrix) + 2 * QUIET_ZONE)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canv, m = self.canv, self.module
        n = len(self.matrix)
        canv.saveState()
        canv.setFillColor(black)
        canv.setStrokeColor(black)
        for r, row in enumerate(self.matrix):
            y = (QUIET_ZONE + n - 1 - r) * m
            c = 0
            while c < n:
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < n and row[c]:
                    c += 1
                canv.rect((QUIET_ZONE + start) * m, y, (c - start) * m, m, stroke=0, fill=1)
        canv.restoreState()
