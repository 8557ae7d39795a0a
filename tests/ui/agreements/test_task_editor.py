"""The 目标任务表 editor: an editable model that passes qtmodeltester, rows added, removed and
moved by keyboard, cells typed into, bad cell values refused."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QSpinBox
from pytestqt.qtbot import QtBot

from djdesk.services.agreements.rules import MAX_TASKS
from djdesk.ui.agreements.task_editor import TaskEditor
from djdesk.ui.agreements.task_table import (
    COL_CATEGORY,
    COL_SCORE,
    COL_TASK,
    TaskRow,
    TaskTableModel,
)
from tests.services.agreements.conftest import TASKS


def test_the_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = TaskTableModel(TASKS)
    qtmodeltester.check(model)
    model.add_row(1)
    model.move_row(0, 1)
    model.move_row(2, -1)
    model.remove_row(0)
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_cells_are_checked_as_they_are_set() -> None:
    model = TaskTableModel(TASKS)
    score = model.index(0, COL_SCORE)
    assert not model.setData(score, 0) and not model.setData(score, 101)
    assert not model.setData(score, "十")
    assert model.setData(score, "35") and model.tasks()[0].score == 35
    assert score.data() == "35 分" and score.data(Qt.ItemDataRole.EditRole) == 35
    category = model.index(0, COL_CATEGORY)
    assert not model.setData(category, "其他")
    assert model.setData(category, "双报到") and model.tasks()[0].category == "双报到"
    task = model.index(0, COL_TASK)
    assert model.setData(task, "  参加  联席会议 ") and model.tasks()[0].task == "参加 联席会议"
    assert model.total_score() == 35 + 30 + 40


def test_moving_keeps_the_rows_and_their_order() -> None:
    model = TaskTableModel(TASKS)
    assert model.move_row(0, 1) == 1
    assert [t.task for t in model.tasks()] == [TASKS[1].task, TASKS[0].task, TASKS[2].task]
    assert model.move_row(2, 1) == 2  # already last
    assert model.move_row(0, -1) == 0  # already first


def shown_editor(qtbot: QtBot) -> TaskEditor:
    editor = TaskEditor()
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def test_rows_by_keyboard(qtbot: QtBot) -> None:
    editor = shown_editor(qtbot)
    editor.set_tasks(TASKS)
    view = editor.view
    view.setFocus()
    view.setCurrentIndex(editor.model.index(0, COL_TASK))
    assert editor.total_label.text() == "共 3 项，合计 100 分"

    qtbot.keyClick(view, Qt.Key.Key_Insert)  # a new row under the first one
    assert editor.model.rowCount() == 4 and editor.current_row() == 1
    assert editor.model.tasks()[1].category == TASKS[0].category  # the category above
    qtbot.keyClicks(QApplication.focusWidget(), "x")  # typing starts editing the cell
    editor_widget = QApplication.focusWidget()
    assert editor_widget is not view
    qtbot.keyClick(editor_widget, Qt.Key.Key_Return)  # the delegate commits (queued)
    qtbot.waitUntil(lambda: editor.model.tasks()[1].task == "x")

    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # move down
    assert editor.current_row() == 2 and editor.model.tasks()[2].task == "x"
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert editor.current_row() == 0 and editor.model.tasks()[0].task == "x"
    assert not editor.up_button.isEnabled() and editor.down_button.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [t.task for t in editor.tasks()] == [t.task for t in TASKS]
    assert editor.current_row() == 0


def test_the_category_and_score_cells_have_their_editors(qtbot: QtBot) -> None:
    editor = shown_editor(qtbot)
    editor.set_tasks(TASKS)
    view = editor.view
    view.edit(editor.model.index(0, COL_CATEGORY))
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox) and combo.count() == 6
    combo.setCurrentText("服务群众")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.tasks()[0].category == "服务群众")
    view.edit(editor.model.index(0, COL_SCORE))
    spin = QApplication.focusWidget()
    assert isinstance(spin, QSpinBox) and (spin.minimum(), spin.maximum()) == (1, 100)


def test_a_full_table_takes_no_more_rows(qtbot: QtBot) -> None:
    editor = TaskEditor()
    qtbot.addWidget(editor)
    editor.set_tasks(tuple(TASKS[i % 3] for i in range(MAX_TASKS)))
    assert editor.add_row() == -1 and not editor.add_button.isEnabled()
    assert editor.model.add_row(row=TaskRow()) == -1


def test_read_only_tables_change_nothing(qtbot: QtBot) -> None:
    editor = TaskEditor()
    qtbot.addWidget(editor)
    editor.set_tasks(TASKS)
    editor.set_read_only(True)
    editor.view.setCurrentIndex(editor.model.index(1, COL_TASK))
    assert editor.add_row() == -1 and not editor.remove_row() and editor.move_row(1) == 1
    assert not editor.add_button.isEnabled() and editor.tasks() == TASKS
