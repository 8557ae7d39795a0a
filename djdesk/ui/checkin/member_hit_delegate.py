"""How the counter's search results are drawn: each member found on two lines.

Line one is the name (large), the gender and the status badge at the right; line two the work
unit, the masked mobile and the masked ID number, cut with "…" where the row is too narrow.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from djdesk.ui.common.record_table import ColumnTableModel
from djdesk.ui.common.table_view import badge_size, paint_badge
from djdesk.ui.common.theme import (
    ACCENT,
    ACCENT_SOFT,
    GRIDLINE,
    SURFACE_SUNKEN,
    TEXT_MUTED,
    TEXT_SECONDARY,
    TEXT_STRONG,
)

NO_UNIT = "（未填单位）"


class MemberHitDelegate(QStyledItemDelegate):
    """A search result on two lines: name, gender and status badge; then unit, phone and ID."""

    PADDING = 10

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        height = option.fontMetrics.height()
        return QSize(320, int(height * 2.5) + self.PADDING * 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        hit = index.data(ColumnTableModel.RecordRole)
        if hit is None:
            super().paint(painter, option, index)
            return
        rect = option.rect
        state = option.state
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor(ACCENT_SOFT))
            painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), QColor(ACCENT))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor(SURFACE_SUNKEN))
        painter.setPen(QColor(GRIDLINE))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        base = QFont(option.font)
        name_font = QFont(base)
        name_font.setPointSizeF(base.pointSizeF() + 1.5)
        name_font.setBold(True)
        left = rect.left() + self.PADDING + 6
        width = rect.width() - self.PADDING * 2 - 6
        name_metrics = QFontMetrics(name_font)
        top = rect.top() + self.PADDING
        painter.setFont(name_font)
        painter.setPen(QColor(TEXT_STRONG))
        painter.drawText(left, top + name_metrics.ascent(), hit.name)
        painter.setFont(base)
        metrics = QFontMetrics(base)
        painter.setPen(QColor(TEXT_MUTED))
        gender_x = left + name_metrics.horizontalAdvance(hit.name) + 10
        painter.drawText(gender_x, top + name_metrics.ascent(), hit.gender)

        size = badge_size(metrics, hit.status)
        badge = QRectF(rect.right() - self.PADDING - size.width(), top, size.width(), size.height())
        paint_badge(painter, badge, hit.status)

        tail = "".join(f"  ·  {p}" for p in (hit.mobile_masked, hit.id_masked) if p)
        unit_width = max(40, width - metrics.horizontalAdvance(tail))
        unit = metrics.elidedText(hit.unit_name or NO_UNIT, Qt.TextElideMode.ElideRight, unit_width)
        painter.setPen(QColor(TEXT_SECONDARY))
        line2 = top + name_metrics.height() + 4 + metrics.ascent()
        painter.drawText(
            left, line2, metrics.elidedText(unit + tail, Qt.TextElideMode.ElideRight, width)
        )
        painter.restore()
