"""Table model of a roster import's rows for the 导入花名册 wizard: outcome and reason per row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from djdesk.services.checkin.roster_import import Outcome, RowResult

ModelIndex = QModelIndex | QPersistentModelIndex

_COLOURS = {
    Outcome.NEW: "#2e7d32",
    Outcome.UPDATED: "#1565c0",
    Outcome.UNCHANGED: "#6b7280",
    Outcome.WARNED: "#b26a00",
    Outcome.REJECTED: "#c62828",
}


class ImportRowsModel(QAbstractTableModel):
    """One line per data row of the sheet with its outcome and reason (for 警告 rows: what was
    written and what was left out)."""

    COL_ROW, COL_OUTCOME, COL_NAME, COL_ID, COL_UNIT, COL_REASON = range(6)
    HEADERS = ("行号", "结果", "姓名", "公民身份号码", "工作单位", "说明")
    #: The row's :class:`Outcome` value (新增 / 更新 / 未变 / 警告 / 拒绝).
    OutcomeRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, rows: Sequence[RowResult] = ()) -> None:
        super().__init__()
        self._rows: list[RowResult] = list(rows)

    def set_rows(self, rows: Sequence[RowResult]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[RowResult]:
        return list(self._rows)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (
                str(item.row),
                item.outcome.value,
                item.name,
                item.id_masked,
                item.unit_name,
                item.reason,
            )
            return values[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_OUTCOME:
            return QBrush(QColor(_COLOURS[item.outcome]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.OutcomeRole:
            return item.outcome.value
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
