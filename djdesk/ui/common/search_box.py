"""The counter's big as-you-type search box, and the status badge drawn in result tables.

:class:`SearchBox` waits :data:`DEBOUNCE_MS` after the last change before it asks for a search
(Chinese arrives through input-method commits, which also change the text, so ``textChanged``
covers typing, pasting and IME alike). Up/Down/PageUp/PageDown move through the results view
while the focus stays in the box, Enter opens the current result, Esc clears the box.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from djdesk.ui.common.record_table import RecordTableModel
from djdesk.ui.common.theme import ACCENT, ACCENT_SOFT

DEBOUNCE_MS = 150
PLACEHOLDER = "输入姓名、拼音首字母、手机号或身份证号后几位"

#: (text colour, background) of each status badge.
BADGE_COLOURS: dict[str, tuple[str, str]] = {
    "在册": ("#1b5e20", "#e3f1e4"),
    "迁出": ("#4b5563", "#eceef1"),
    "未报到": ("#8a5a00", "#fdf1d8"),
    "撤销": ("#4b5563", "#eceef1"),
    "停用": ("#4b5563", "#eceef1"),
    "启用": ("#1b5e20", "#e3f1e4"),
}


def badge_style(status: str) -> str:
    """A style sheet drawing a label as the status badge (the card's header)."""
    fg, bg = BADGE_COLOURS.get(status, ("#374151", "#eceef1"))
    return f"color: {fg}; background: {bg}; border-radius: 11px; padding: 2px 12px;"


_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class SearchBox(QLineEdit):
    """A large line edit that emits :attr:`search_requested` once the clerk pauses typing."""

    search_requested = Signal(str)
    #: Enter was pressed (open the current result, or start a new check-in if there is none).
    activated = Signal()

    def __init__(self, parent: QWidget | None = None, *, delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("counterSearch")
        self.setPlaceholderText(PLACEHOLDER)
        self.setClearButtonEnabled(True)
        font = self.font()
        font.setPointSize(font.pointSize() + 4)
        self.setFont(font)
        self.setMinimumHeight(46)
        self.setStyleSheet("QLineEdit#counterSearch { padding: 6px 12px; border-radius: 6px; }")
        self._view: QAbstractItemView | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.search_now)
        self.textChanged.connect(lambda _text: self._timer.start())

    def set_results_view(self, view: QAbstractItemView) -> None:
        """The view whose current row the arrow keys move."""
        self._view = view

    def is_pending(self) -> bool:
        """A search is waiting for the typing pause."""
        return self._timer.isActive()

    def search_now(self) -> None:
        """Search for the current text at once (the pause timer is dropped)."""
        self._timer.stop()
        self.search_requested.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.search_now()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive():
                self.search_now()
            self.activated.emit()
            return
        if key in _MOVE_KEYS and self._view is not None and self._move(key):
            return
        super().keyPressEvent(event)

    def _move(self, key: int) -> bool:
        view = self._view
        assert view is not None
        model = view.model()
        if model is None or model.rowCount() == 0:
            return False
        current = view.currentIndex().row()
        steps: dict[int, int] = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10}
        step = steps.get(key, 10)
        row = 0 if current < 0 else max(0, min(model.rowCount() - 1, current + step))
        view.setCurrentIndex(model.index(row, 0))
        view.scrollTo(model.index(row, 0))
        return True


class StatusBadgeDelegate(QStyledItemDelegate):
    """Draws the row's status (``StatusRole`` or the cell text) as a small rounded badge."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 24, size.height())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = index.data(RecordTableModel.StatusRole) or index.data() or ""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if not text:
            return
        fg, bg = BADGE_COLOURS.get(text, ("#374151", "#eceef1"))
        metrics = opt.fontMetrics
        width = metrics.horizontalAdvance(text) + 18
        height = min(metrics.height() + 6, opt.rect.height() - 4)
        rect = QRectF(
            opt.rect.center().x() - width / 2 + 0.5,
            opt.rect.center().y() - height / 2 + 0.5,
            width,
            height,
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(QColor(fg))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


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
        hit = index.data(RecordTableModel.RecordRole)
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
            painter.fillRect(rect, QColor("#f7f8fa"))
        painter.setPen(QColor("#eef0f2"))
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
        painter.setPen(QColor("#111827"))
        painter.drawText(left, top + name_metrics.ascent(), hit.name)
        painter.setFont(base)
        metrics = QFontMetrics(base)
        painter.setPen(QColor("#6b7280"))
        gender_x = left + name_metrics.horizontalAdvance(hit.name) + 10
        painter.drawText(gender_x, top + name_metrics.ascent(), hit.gender)

        fg, bg = BADGE_COLOURS.get(hit.status, ("#374151", "#eceef1"))
        badge_w = metrics.horizontalAdvance(hit.status) + 18
        badge_h = metrics.height() + 4
        badge = QRectF(rect.right() - self.PADDING - badge_w, top, badge_w, badge_h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(badge, badge_h / 2, badge_h / 2)
        painter.setPen(QColor(fg))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, hit.status)

        tail = "".join(f"  ·  {p}" for p in (hit.mobile_masked, hit.id_masked) if p)
        unit_width = max(40, width - metrics.horizontalAdvance(tail))
        unit = metrics.elidedText(
            hit.unit_name or "（未填单位）", Qt.TextElideMode.ElideRight, unit_width
        )
        painter.setPen(QColor("#4b5563"))
        line2 = top + name_metrics.height() + 4 + metrics.ascent()
        painter.drawText(
            left, line2, metrics.elidedText(unit + tail, Qt.TextElideMode.ElideRight, width)
        )
        painter.restore()
