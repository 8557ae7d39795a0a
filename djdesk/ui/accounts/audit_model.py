"""Lazy table model of the audit log for the 审计日志 page.

The log grows without bound, so rows are fetched in pages of :attr:`AuditModel.PAGE_SIZE` as the
view scrolls (``canFetchMore``/``fetchMore``). The model never touches the database: the page
gives it two callables that ask the audit service, one for the total and one for a page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from djdesk.services.accounts.audit import AuditRow

ModelIndex = QModelIndex | QPersistentModelIndex
CountFn = Callable[[], int]
PageFn = Callable[[int, int], list[AuditRow]]


class AuditModel(QAbstractTableModel):
    """Columns 时间, 用户, 操作, 数据表, 记录, 变更内容, 说明; newest first."""

    COL_AT = 0
    COL_USER = 1
    COL_ACTION = 2
    COL_TABLE = 3
    COL_RECORD = 4
    COL_CHANGES = 5
    COL_SUMMARY = 6
    HEADERS = ("时间", "用户", "操作", "数据表", "记录", "变更内容", "说明")
    PAGE_SIZE = 200
    #: The audit entry id of a row.
    EntryIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[AuditRow] = []
        self._ids: set[int] = set()
        self._total = 0
        self._page: PageFn | None = None

    # -- loading --------------------------------------------------------------------------------

    def set_source(self, count: CountFn, page: PageFn) -> None:
        """Start over on a new filter: ask for the total and fetch the first page."""
        self.beginResetModel()
        self._rows = []
        self._ids = set()
        self._page = page
        self._total = max(0, count())
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._ids, self._total, self._page = [], set(), 0, None
        self.endResetModel()

    def total(self) -> int:
        """How many entries match the filter (loaded or not)."""
        return self._total

    def loaded(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> AuditRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return not parent.isValid() and self._page is not None and len(self._rows) < self._total

    def fetchMore(self, parent: ModelIndex) -> None:
        if not self.canFetchMore(parent) or self._page is None:
            return
        batch = self._page(len(self._rows), self.PAGE_SIZE)
        # Entries written since the first page shift the offsets: skip the ones already shown.
        fresh = [r for r in batch if r.id not in self._ids]
        if not fresh:
            self._total = len(self._rows)
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
        self._rows.extend(fresh)
        self._ids.update(r.id for r in fresh)
        self.endInsertRows()
        if len(batch) < self.PAGE_SIZE:
            self._total = len(self._rows)

    # -- Qt model -------------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    @staticmethod
    def _text(row: AuditRow, column: int) -> str:
        if column == AuditModel.COL_AT:
            return f"{row.at:%Y-%m-%d %H:%M:%S}"
        if column == AuditModel.COL_USER:
            return row.username
        if column == AuditModel.COL_ACTION:
            return row.action_label
        if column == AuditModel.COL_TABLE:
            return row.table_label
        if column == AuditModel.COL_RECORD:
            return row.record_uid
        if column == AuditModel.COL_CHANGES:
            return row.changes_text()
        return row.summary

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (
            self.COL_RECORD,
            self.COL_CHANGES,
            self.COL_SUMMARY,
        ):
            text = self._text(row, column)
            if not text:
                return None
            return text.replace("；", "\n") if column == self.COL_CHANGES else text
        if role == self.EntryIdRole:
            return row.id
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
