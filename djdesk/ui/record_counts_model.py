"""Table model of record counts for the 概览 page (one row per counted table)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from djdesk.services.overview import RecordCount

ModelIndex = QModelIndex | QPersistentModelIndex


class RecordCountsModel(QAbstractTableModel):
    """Columns 类别 and 记录数 over a list of :class:`RecordCount`."""

    COL_LABEL = 0
    COL_COUNT = 1
    HEADERS = ("类别", "记录数")
    #: The table key of a row (e.g. ``"issued_serial"``).
    KeyRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, counts: list[RecordCount] | None = None) -> None:
        super().__init__()
        self._counts: list[RecordCount] = list(counts or [])

    def set_counts(self, counts: list[RecordCount]) -> None:
        self.beginResetModel()
        self._counts = list(counts)
        self.endResetModel()

    def counts(self) -> list[RecordCount]:
        return list(self._counts)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._counts)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._counts):
            return None
        item = self._counts[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return item.label if column == self.COL_LABEL else f"{item.count:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.KeyRole:
            return item.key
        if role == Qt.ItemDataRole.UserRole:
            return item.count if column == self.COL_COUNT else item.label
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None
