"""The 目标任务表 editor of the responsibility-book form: a table typed into by keyboard.

Arrows move between cells and typing starts editing (F2 or a double click too); Insert adds a
row under the current one, Ctrl+Delete removes it, Ctrl+↑ / Ctrl+↓ move it; Tab leaves the
table as from any field. The buttons beside the table do the same and name their keys. The
sum of the scores is shown under the table (a 100-point table is usual, but not required).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from djdesk.services.agreements.rules import MAX_TASKS
from djdesk.services.agreements.types import TaskInput
from djdesk.ui.agreements.task_table import (
    COL_CATEGORY,
    COL_DEADLINE,
    COL_SCORE,
    COL_TARGET,
    COL_TASK,
    CategoryDelegate,
    ScoreDelegate,
    TaskTableModel,
)

#: How the task table is used by keyboard (the buttons' tooltips and 帮助 → 快捷键).
KEY_HELP = (
    ("方向键", "在单元格之间移动；直接输入即开始填写，F2 修改"),
    ("Insert", "在当前行下面添加一项"),
    ("Ctrl+Delete", "删除当前一项"),
    ("Ctrl+↑ / Ctrl+↓", "把当前一项上移 / 下移"),
)


class TaskEditor(QWidget):
    """The task table with 添加 / 删除 / 上移 / 下移 and the score total."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskEditor")
        self._read_only = False
        self.model = TaskTableModel()
        view = self.view = QTableView()
        view.setObjectName("taskTable")
        view.setAccessibleName("目标任务表")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        view.setTabKeyNavigation(False)  # Tab leaves the table like any field
        view.setWordWrap(False)
        view.setItemDelegateForColumn(COL_CATEGORY, CategoryDelegate(view))
        view.setItemDelegateForColumn(COL_SCORE, ScoreDelegate(view))
        view.setMinimumHeight(190)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (COL_TASK, COL_TARGET):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_CATEGORY, 96)
        header.resizeSection(COL_DEADLINE, 110)
        header.resizeSection(COL_SCORE, 70)
        view.verticalHeader().setDefaultSectionSize(32)

        self.add_button = self._button("添加一项", "Insert", self.add_row)
        self.remove_button = self._button("删除", "Ctrl+Delete", self.remove_row)
        self.up_button = self._button("上移", "Ctrl+↑", lambda: self.move_row(-1))
        self.down_button = self._button("下移", "Ctrl+↓", lambda: self.move_row(1))
        for keys, slot in (
            ("Insert", self.add_row),
            ("Ctrl+Delete", self.remove_row),
            ("Ctrl+Up", lambda: self.move_row(-1)),
            ("Ctrl+Down", lambda: self.move_row(1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.total_label = QLabel()
        self.total_label.setObjectName("taskTotal")
        self.total_label.setProperty("role", "hint")

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.total_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(view)
        layout.addLayout(buttons)

        for signal in (self.model.dataChanged, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(lambda *_args: self._changed())
        self.model.rowsMoved.connect(lambda *_args: self._changed())
        self.model.modelReset.connect(self._changed)
        view.selectionModel().currentChanged.connect(lambda *_args: self._update_buttons())
        self._changed()

    def _button(self, text: str, keys: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(f"{text}（{keys}）")
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # -- values ---------------------------------------------------------------------------------

    def tasks(self) -> tuple[TaskInput, ...]:
        return self.model.tasks()

    def set_tasks(self, tasks: tuple[TaskInput, ...]) -> None:
        self.model.set_tasks(tasks)
        if tasks:
            self.view.setCurrentIndex(self.model.index(0, COL_TASK))

    def set_read_only(self, read_only: bool) -> None:
        triggers = (
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.view.setEditTriggers(triggers)
        self._read_only = read_only
        self._update_buttons()

    # -- rows -----------------------------------------------------------------------------------

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def _go_to(self, row: int, column: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, column))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_row(self) -> int:
        """A new row under the current one (at the end when none is current)."""
        if self._read_only:
            return -1
        current = self.current_row()
        row = self.model.add_row(current + 1 if current >= 0 else None)
        if row >= 0:
            self._go_to(row, COL_TASK)
        return row

    def remove_row(self) -> bool:
        row = self.current_row()
        if self._read_only or not self.model.remove_row(row):
            return False
        if self.model.rowCount():
            self._go_to(min(row, self.model.rowCount() - 1), self.view.currentIndex().column())
        return True

    def move_row(self, step: int) -> int:
        row = self.current_row()
        if self._read_only or row < 0:
            return row
        column = max(0, self.view.currentIndex().column())
        moved = self.model.move_row(row, step)
        self._go_to(moved, column)
        return moved

    # -- state ----------------------------------------------------------------------------------

    def _changed(self) -> None:
        rows = self.model.rowCount()
        self.total_label.setText(
            f"共 {rows} 项，合计 {self.model.total_score()} 分" if rows else "还没有目标任务"
        )
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        editable = not self._read_only
        row = self.current_row()
        rows = self.model.rowCount()
        self.add_button.setEnabled(editable and self.model.can_add())
        self.add_button.setToolTip(
            "添加一项（Insert）" if self.model.can_add() else f"最多 {MAX_TASKS} 项"
        )
        self.remove_button.setEnabled(editable and row >= 0)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < rows - 1)

    def first_cell(self) -> QModelIndex:
        return self.model.index(0, COL_TASK)
