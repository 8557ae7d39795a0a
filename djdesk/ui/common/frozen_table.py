"""A table whose first column stays in place while the others scroll sideways.

Wide lists (the member register has eleven columns) scroll horizontally on a 1366-pixel
screen; without help the name scrolls out of sight and a row no longer says whose it is.
:class:`FrozenColumnTableView` lays a second, one-column view of the same model and selection
over the left edge (Qt's "frozen column" pattern): it scrolls up and down with the table,
never sideways, and a click or double-click on it acts on the table's row.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QTableView,
    QWidget,
)


class FrozenColumnTableView(QTableView):
    """A table view with its first column frozen (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozenColumn")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setFrameShape(QFrame.Shape.NoFrame)
        self.frozen.setShowGrid(False)
        self.frozen.setWordWrap(False)
        self.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.frozen.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.frozen.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().stackUnder(self.frozen)
        self.horizontalHeader().sectionResized.connect(self._column_resized)
        self.verticalHeader().sectionResized.connect(self._row_resized)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.clicked.connect(self._forward_click)
        self.frozen.doubleClicked.connect(self.doubleClicked.emit)
        self.frozen.activated.connect(self.activated.emit)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.frozen.setModel(self.model())
        self.frozen.setSelectionModel(self.selectionModel())
        self.model().modelReset.connect(self._hide_others)
        self.model().columnsInserted.connect(self._hide_others)
        self._hide_others()

    def setItemDelegateForColumn(self, column: int, delegate: QAbstractItemDelegate) -> None:
        super().setItemDelegateForColumn(column, delegate)
        if column == 0:
            self.frozen.setItemDelegateForColumn(0, delegate)

    def setAlternatingRowColors(self, enable: bool) -> None:
        super().setAlternatingRowColors(enable)
        self.frozen.setAlternatingRowColors(enable)

    def _hide_others(self, *_args: object) -> None:
        model = self.model()
        if model is None:
            return
        for column in range(1, model.columnCount()):
            self.frozen.setColumnHidden(column, True)
        self._place()

    def _forward_click(self, index: QModelIndex | QPersistentModelIndex) -> None:
        self.setCurrentIndex(self.model().index(index.row(), 0))
        self.clicked.emit(index)

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column == 0:
            self.frozen.setColumnWidth(0, new)
            self._place()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.frozen.setRowHeight(row, new)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._place()  # the row height and header are set up by now

    def _place(self) -> None:
        rows = self.frozen.verticalHeader()
        rows.setSectionResizeMode(self.verticalHeader().sectionResizeMode(0))
        rows.setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        frame = self.frameWidth()
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        self.frozen.setGeometry(
            self.verticalHeader().width() + frame,
            frame,
            self.columnWidth(0),
            self.viewport().height() + self.horizontalHeader().height(),
        )

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        # The frozen column always shows column 0: scroll vertically only for it.
        model = self.model()
        if index.column() > 0 or model is None or model.columnCount() < 2:
            super().scrollTo(index, hint)
        else:
            super().scrollTo(model.index(index.row(), 1), hint)
