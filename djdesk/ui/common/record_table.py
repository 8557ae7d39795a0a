"""Read-only table models whose columns are declared, not coded.

A model lists its columns as :class:`Column` values (title, how to get the cell text from a
record, alignment, optional tooltip, colour and service sort key); :class:`ColumnTableModel`
answers every Qt question from those declarations (headers, alignment, muted rows, the record
and its status and key in custom roles), so a concrete model is a few lines. Where the records
come from is the only difference between the variants:

* :class:`RecordTableModel` holds a short list in memory (units, grids, accounts, backups …);
* :mod:`djdesk.ui.common.paged_table` reads big lists a page at a time from a service (the
  member register, the audit log).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from djdesk.ui.common.theme import TEXT_DISABLED

ModelIndex = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: The text colour of a muted row (a revoked unit, a moved-out check-in, a disabled grid).
MUTED = QColor(TEXT_DISABLED)


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: header title, the cell text of a record, and how it is shown."""

    title: str
    text: Callable[[T], str]
    align: Qt.AlignmentFlag = LEFT
    #: The cell's tooltip (``None`` or empty: none).
    tooltip: Callable[[T], str | None] | None = None
    #: The cell's text colour as a theme token (``None``: the row's usual colour).
    foreground: Callable[[T], str | None] | None = None
    #: The service's sort key for this column; paged models sort by it (``None``: unsortable).
    sort_key: str | None = None
    #: A document serial (…〔2023〕第012号): when cut, the number at its end stays visible.
    serial: bool = False


def tip_when_long(text: Callable[[T], str], limit: int = 12) -> Callable[[T], str | None]:
    """A tooltip repeating the cell text when it is long enough to be cut off."""

    def tip(record: T) -> str | None:
        value = text(record)
        return value if len(value) > limit else None

    return tip


class ColumnTableModel(QAbstractTableModel, Generic[T]):
    """Every Qt answer from the column declarations; subclasses say where records come from.

    ``muted`` greys a whole row, ``status`` gives the badge text of a row (``StatusRole``),
    ``key`` its identity (``KeyRole``, :meth:`key_at`, :meth:`row_of`).
    """

    RecordRole = Qt.ItemDataRole.UserRole + 1
    #: The status text of a row (drawn as a badge by the views' status delegate).
    StatusRole = Qt.ItemDataRole.UserRole + 2
    #: The identity of a row's record (its id).
    KeyRole = Qt.ItemDataRole.UserRole + 3

    _RECORD_ROLES = frozenset(
        {
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            RecordRole,
            StatusRole,
            KeyRole,
        }
    )

    def __init__(
        self,
        columns: Sequence[Column[T]],
        *,
        muted: Callable[[T], bool] | None = None,
        status: Callable[[T], str] | None = None,
        key: Callable[[T], Hashable] | None = None,
    ) -> None:
        super().__init__()
        self.columns = tuple(columns)
        self._muted = muted
        self._status = status
        self._key = key

    # -- what subclasses provide ----------------------------------------------------------------

    def record_count(self) -> int:
        """How many rows the model has."""
        raise NotImplementedError

    def record(self, row: int) -> T | None:
        """The record shown in ``row`` (``None`` outside the rows)."""
        raise NotImplementedError

    # -- records --------------------------------------------------------------------------------

    def status_of(self, record: T) -> str:
        return self._status(record) if self._status is not None else ""

    def key_of(self, record: T) -> Hashable:
        return self._key(record) if self._key is not None else id(record)

    def key_at(self, row: int) -> Any:
        """The key of the record in ``row`` (``None`` outside the rows)."""
        record = self.record(row)
        return self.key_of(record) if record is not None else None

    # -- Qt model -------------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.record_count()

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role not in self._RECORD_ROLES:
            return None
        record = self.record(index.row())  # a paged model reads the page only now
        if record is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tooltip(record) or None) if column.tooltip is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = column.foreground(record) if column.foreground is not None else None
            if colour:
                return QColor(colour)
            return MUTED if self._muted is not None and self._muted(record) else None
        if role == self.RecordRole:
            return record
        if role == self.StatusRole:
            return self.status_of(record)
        return self.key_of(record)  # KeyRole

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole and self.sortable():
            return "点击按此列排序" if column.sort_key else None
        return None

    def sortable(self) -> bool:
        """Whether header clicks sort this model (paged models sort through the service)."""
        return False


class RecordTableModel(ColumnTableModel[T]):
    """Rows are a short list of records held in memory; :meth:`set_records` replaces them."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        records: Sequence[T] = (),
        *,
        muted: Callable[[T], bool] | None = None,
        status: Callable[[T], str] | None = None,
        key: Callable[[T], Hashable] | None = None,
    ) -> None:
        super().__init__(columns, muted=muted, status=status, key=key)
        self._records: list[T] = list(records)

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[T]:
        return list(self._records)

    def record_count(self) -> int:
        return len(self._records)

    def record(self, row: int) -> T | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_of(self, key: Hashable) -> int:
        """The row holding the record with this key, or -1."""
        return next((r for r, rec in enumerate(self._records) if self.key_of(rec) == key), -1)
