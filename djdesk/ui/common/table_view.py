"""The table views of the pages, set up one way, and the status badge drawn in their cells.

:func:`record_table_view` gives every list the same behaviour: whole rows selected one at a
time, nothing edited in place, no grid lines, rows of one height, headers aligned like their
cells, one Tab stop per table (the arrows move inside it). Columns are sized to what they show
(:func:`fit_columns` for big paged lists, from the rows on screen), a serial cut for lack of
room keeps its year and number (:func:`elide_serial`), and a wide list may keep its first
column in place while scrolling sideways. :class:`StatusBadgeDelegate` draws a row's status
(在册, 迁出, 撤销 …) as a rounded badge in the colours of
:func:`djdesk.ui.common.theme.status_badge`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from djdesk.ui.common.frozen_table import FrozenColumnTableView
from djdesk.ui.common.record_table import ColumnTableModel
from djdesk.ui.common.theme import status_badge

ROW_HEIGHT = 34
#: The widest a column sized to its content may get (longer texts are cut, with a tooltip).
MAX_COLUMN_WIDTH = 300
#: The cell's own padding, left and right, that a serial must leave room for.
SERIAL_PADDING = 12
_SERIAL_TAIL = "〔"


def elide_serial(text: str, metrics: QFontMetrics, width: int) -> str:
    """Cut a serial in the middle so that its year and number stay visible.

    ``宜宾市翠屏区东风社区报〔2023〕第012号`` becomes ``宜宾市…〔2023〕第012号``; text without the
    〔year〕 part is cut at its start (its end says the most).
    """
    if metrics.horizontalAdvance(text) <= width:
        return text
    cut = text.rfind(_SERIAL_TAIL)
    tail = text[cut:] if cut > 0 else ""
    room = width - metrics.horizontalAdvance(tail)
    if tail and room > metrics.horizontalAdvance("宜…"):
        return metrics.elidedText(text[:cut], Qt.TextElideMode.ElideRight, room) + tail
    return metrics.elidedText(text, Qt.TextElideMode.ElideLeft, width)


class SerialDelegate(QStyledItemDelegate):
    """Draws serial numbers cut by :func:`elide_serial` (the number stays visible)."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if option.rect.width() <= 0:  # measuring (sizeHint): the whole number
            return
        width = option.rect.width() - SERIAL_PADDING
        option.text = elide_serial(option.text, option.fontMetrics, width)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """The whole serial's size: a column sized to its contents is measured at its current
        width, so a hint of the cut text would only ever shrink it."""
        opt = QStyleOptionViewItem(option)
        QStyledItemDelegate.initStyleOption(self, opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        return style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), opt.widget)


def fit_columns(view: QTableView, maximum: int = MAX_COLUMN_WIDTH) -> bool:
    """Size the columns to the rows on screen and their headers, each at most ``maximum``.

    Only the visible rows are measured, so a big paged model reads no other page for it; a
    table not on screen yet is left alone (``False``: call again once it is shown).
    """
    if not view.isVisible():
        return False
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(0)
    view.resizeColumnsToContents()
    for column in range(header.count()):
        if header.sectionSize(column) > maximum:
            header.resizeSection(column, maximum)
    return True


def paint_badge(painter: QPainter, rect: QRectF, text: str) -> None:
    """A status word in its badge colours, as a pill filling ``rect``."""
    badge = status_badge(text)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(badge.bg))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.setPen(QColor(badge.fg))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def badge_size(metrics: QFontMetrics, text: str) -> QSize:
    return QSize(metrics.horizontalAdvance(text) + 18, metrics.height() + 4)


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
        text = index.data(ColumnTableModel.StatusRole) or index.data() or ""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if not text:
            return
        size = badge_size(opt.fontMetrics, text)
        height = min(size.height() + 2, opt.rect.height() - 4)
        rect = QRectF(
            opt.rect.center().x() - size.width() / 2 + 0.5,
            opt.rect.center().y() - height / 2 + 0.5,
            size.width(),
            height,
        )
        paint_badge(painter, rect, text)


def record_table_view(
    model: QAbstractItemModel,
    name: str,
    *,
    stretch: Iterable[int] = (),
    widths: Mapping[int, int] | None = None,
    status_column: int | None = None,
    minimum_height: int = 0,
    frozen: bool = False,
) -> QTableView:
    """A table over ``model`` with the house behaviour.

    Columns are sized to their contents, except those in ``stretch`` (they share the spare
    width) and those given a fixed width in ``widths`` (then the others are left interactive,
    so a big paged model is never read to measure it; :func:`fit_columns` sizes them to the
    rows shown). ``status_column`` draws badges; serial columns (``Column.serial``) keep
    their number visible when cut; ``frozen`` keeps the first column in place while the
    others scroll sideways.
    """
    view = FrozenColumnTableView() if frozen else QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # One Tab stop per table (arrows move inside it), never a walk from cell to cell.
    view.setTabKeyNavigation(False)
    view.setShowGrid(False)
    view.setWordWrap(False)
    vertical = view.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(ROW_HEIGHT)
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if widths is not None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in widths.items():
            header.resizeSection(column, width)
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    if status_column is not None:
        view.setItemDelegateForColumn(status_column, StatusBadgeDelegate(view))
    if isinstance(model, ColumnTableModel):
        for column, declared in enumerate(model.columns):
            if declared.serial:
                view.setItemDelegateForColumn(column, SerialDelegate(view))
    if minimum_height:
        view.setMinimumHeight(minimum_height)
    return view
