"""What painting a booking block needs, made once instead of on every paint: the pens and
brushes of each status and each block's text lines, elided to the column's width and laid out
as ``QStaticText`` (a day of 30 rooms holds some 300 blocks; laying their text out again on
every scroll or cursor move would cost more than the rest of the frame).

The grid keeps one :class:`BlockArt`; lines are laid out lazily, per text and width, the first
time they are drawn, and shared by every block showing the same words (a team's name, a
purpose, a time), so moving to another day lays out only what is new.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPen, QStaticText, QTransform

from djdesk.services.rooms.calendar import format_minute
from djdesk.services.rooms.views import GridBooking
from djdesk.ui.common import theme

#: Laid-out lines kept before starting afresh (a busy day has a few hundred distinct ones).
MAX_LINES = 5000


@dataclass(frozen=True)
class Tone:
    """The drawing tools of one status."""

    pen: QPen
    current_pen: QPen  # the block under the cursor: a heavier border
    brush: QBrush
    text_pen: QPen


@dataclass(frozen=True)
class BlockText:
    """A block's lines: the booker in bold, then the time and the purpose."""

    title: QStaticText
    lines: tuple[QStaticText, ...]


def _tone(status: str) -> Tone:
    tone = theme.booking_tone(status)
    style = Qt.PenStyle.DashLine if tone.dashed else Qt.PenStyle.SolidLine
    pen = QPen(QColor(tone.border), 1, style)
    current = QPen(QColor(tone.border), 2, style)
    return Tone(pen, current, QBrush(QColor(tone.fill)), QPen(QColor(tone.text)))


class BlockArt:
    """Fonts, tones and laid-out lines for the blocks of one grid."""

    def __init__(self, font: QFont) -> None:
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.small = QFont(font)
        self.small.setPointSizeF(max(font.pointSizeF() - 1.5, 7.0))
        self._bold_metrics = QFontMetrics(self.bold)
        self._small_metrics = QFontMetrics(self.small)
        self.bold_height = self._bold_metrics.height()
        self.small_height = self._small_metrics.height()
        self.official = QColor(theme.BOOKING_OFFICIAL)
        self._tones: dict[str, Tone] = {}
        self._lines: dict[tuple[str, bool, int], QStaticText] = {}
        self._texts: dict[tuple[GridBooking, int], BlockText] = {}

    def clear(self) -> None:
        """Forget the laid-out lines (the font changed, or too many were kept)."""
        self._lines.clear()
        self._texts.clear()

    def tone(self, status: str) -> Tone:
        found = self._tones.get(status)
        if found is None:
            found = self._tones[status] = _tone(status)
        return found

    def text(self, booking: GridBooking, width: int) -> BlockText:
        """The block's lines at ``width``; a line already laid out for another block (the same
        team, purpose or time) is reused, so a new day costs only its new words."""
        key = (booking, width)
        found = self._texts.get(key)
        if found is not None:
            return found
        if len(self._lines) > MAX_LINES:
            self.clear()
        found = self._texts[key] = BlockText(
            self._line(booking.booker_name, True, width),
            (
                self._line(
                    f"{format_minute(booking.start)}–{format_minute(booking.end)}", False, width
                ),
                self._line(booking.purpose, False, width),
            ),
        )
        return found

    def _line(self, text: str, bold: bool, width: int) -> QStaticText:
        key = (text, bold, width)
        found = self._lines.get(key)
        if found is None:
            font, metrics = (
                (self.bold, self._bold_metrics) if bold else (self.small, self._small_metrics)
            )
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(width, 1))
            found = self._lines[key] = QStaticText(shown)
            found.setTextFormat(Qt.TextFormat.PlainText)
            found.prepare(QTransform(), font)
        return found
