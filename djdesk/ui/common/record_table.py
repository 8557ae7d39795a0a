"""A read-only table model over a short list of frozen records (units, grids, posts, history).

Columns are declared as :class:`Column` values (title, how to get the text, alignment), so each
concrete model is a few lines. Short lists only: the member list, which may hold 100,000 rows,
has its own lazy model in :mod:`djdesk.ui.checkin.member_list_model`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

ModelIndex = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

MUTED = QColor("#9ca3af")
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: header title, the cell text of a record, and its alignment."""

    title: str
    text: Callable[[T], str]
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[T], str] | None = None


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows are records of one type; :attr:`RecordRole` gives the record itself."""

    RecordRole = Qt.ItemDataRole.UserRole + 1
    #: The status text of a row (drawn as a badge by the views' status delegate).
    StatusRole = Qt.ItemDataRole.UserRole + 2

    def __init__(
        self,
        columns: Sequence[Column[T]],
        records: Sequence[T] = (),
        *,
        muted: Callable[[T], bool] | None = None,
    ) -> None:
        super().__init__()
        self.columns = tuple(columns)
        self._records: list[T] = list(records)
        self._muted = muted

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[T]:
        return list(self._records)

    def record(self, row: int) -> T | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ForegroundRole and self._muted and self._muted(record):
            return MUTED
        if role == self.RecordRole:
            return record
        if role == self.StatusRole:
            return self.status_of(record)
        return None

    def status_of(self, record: T) -> str:
        """The status shown as a badge; models with a status column override it."""
        return ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[section].align)
        return None
