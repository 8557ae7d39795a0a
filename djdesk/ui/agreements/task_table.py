"""The 目标任务表 of a responsibility book as an editable table model, and its cell editors.

:class:`TaskTableModel` holds the rows being typed (category, task, measurable target, deadline,
score) and hands them to the service as :class:`~djdesk.services.agreements.types.TaskInput`;
rows are added, removed and moved with the model's own signals, so views keep the selection
on the moved row. The category is chosen from the service's :class:`TaskCategory` list
(:class:`CategoryDelegate`), the score is a spin box of 1–100 (:class:`ScoreDelegate`); the
other cells are plain text. The last row of the view is not a "new row" placeholder: rows are
added on purpose (Insert, the 添加一项 button).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from djdesk.services.agreements.rules import MAX_TASKS
from djdesk.services.agreements.types import TaskCategory, TaskInput
from djdesk.ui.common.record_table import CENTER, LEFT, ModelIndex
from djdesk.ui.common.theme import TEXT_DISABLED

COL_CATEGORY, COL_TASK, COL_TARGET, COL_DEADLINE, COL_SCORE = range(5)
HEADERS = ("任务类别", "具体任务", "量化指标", "完成时限", "分值")
#: What an empty text cell says (grey), so the clerk sees what belongs there.
HINTS = ("", "如：参加社区党建联席会议", "如：全年不少于4次", "如：每季度", "")
CATEGORIES = tuple(c.value for c in TaskCategory)
SCORE_RANGE = (1, 100)


@dataclass
class TaskRow:
    """One row as typed (mutable while the form is open)."""

    category: str = TaskCategory.ORGANISATION.value
    task: str = ""
    target: str = ""
    deadline: str = ""
    score: int = 10

    def values(self) -> list[Any]:
        return [self.category, self.task, self.target, self.deadline, self.score]

    def as_input(self) -> TaskInput:
        return TaskInput(self.category, self.task, self.target, self.deadline, self.score)


_FIELDS = ("category", "task", "target", "deadline", "score")


class TaskTableModel(QAbstractTableModel):
    """The rows of the task table; editable in place."""

    def __init__(self, tasks: tuple[TaskInput, ...] = ()) -> None:
        super().__init__()
        self._rows: list[TaskRow] = []
        self.set_tasks(tasks)

    # -- values ---------------------------------------------------------------------------------

    def set_tasks(self, tasks: tuple[TaskInput, ...]) -> None:
        self.beginResetModel()
        self._rows = [TaskRow(t.category, t.task, t.target, t.deadline, t.score) for t in tasks]
        self.endResetModel()

    def tasks(self) -> tuple[TaskInput, ...]:
        return tuple(row.as_input() for row in self._rows)

    def total_score(self) -> int:
        return sum(row.score for row in self._rows)

    # -- rows -----------------------------------------------------------------------------------

    def can_add(self) -> bool:
        return len(self._rows) < MAX_TASKS

    def add_row(self, at: int | None = None, row: TaskRow | None = None) -> int:
        """Insert a row (after the last one by default, the category of the row above);
        returns its position, or -1 when the table is full."""
        if not self.can_add():
            return -1
        at = len(self._rows) if at is None else max(0, min(at, len(self._rows)))
        if row is None:
            above = self._rows[at - 1] if at > 0 else None
            row = TaskRow(category=above.category if above else TaskRow().category)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, row)
        self.endInsertRows()
        return at

    def remove_row(self, at: int) -> bool:
        if not 0 <= at < len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), at, at)
        del self._rows[at]
        self.endRemoveRows()
        return True

    def move_row(self, at: int, step: int) -> int:
        """Move row ``at`` up (-1) or down (+1); returns where it is now."""
        to = at + step
        if not (0 <= at < len(self._rows) and 0 <= to < len(self._rows)) or step == 0:
            return at
        # Qt's destination is the row the moved one ends up *before*, in the old numbering.
        destination = to + 1 if step > 0 else to
        self.beginMoveRows(QModelIndex(), at, at, QModelIndex(), destination)
        self._rows.insert(to, self._rows.pop(at))
        self.endMoveRows()
        return to

    # -- Qt model -------------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = index.column()
        value = self._rows[index.row()].values()[column]
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_SCORE:
                return f"{value} 分"
            return value or HINTS[column]
        if role == Qt.ItemDataRole.ForegroundRole and column != COL_SCORE and not value:
            return QColor(TEXT_DISABLED)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_TASK, COL_TARGET) and value:
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(CENTER if column == COL_SCORE else LEFT)
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not 0 <= index.row() < len(self._rows):
            return False
        column = index.column()
        if column == COL_SCORE:
            try:
                number = int(value)
            except (TypeError, ValueError):
                return False
            if not SCORE_RANGE[0] <= number <= SCORE_RANGE[1]:
                return False
            new: Any = number
        elif column == COL_CATEGORY:
            if str(value) not in CATEGORIES:
                return False
            new = str(value)
        else:
            new = " ".join(str(value).split())
        setattr(self._rows[index.row()], _FIELDS[column], new)
        self.dataChanged.emit(index, index)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None


class CategoryDelegate(QStyledItemDelegate):
    """The 任务类别 cell: a combo box of the service's categories."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems(CATEGORIES)
        return combo

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findText(str(index.data(Qt.ItemDataRole.EditRole)))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class ScoreDelegate(QStyledItemDelegate):
    """The 分值 cell: a spin box of 1–100 points."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(*SCORE_RANGE)
        spin.setSuffix(" 分")
        return spin

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QSpinBox)
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or SCORE_RANGE[0]))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        assert isinstance(editor, QSpinBox)
        editor.interpretText()
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
