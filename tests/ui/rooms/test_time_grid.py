"""The time grid: lanes for overlapping blocks, the cell cursor and its keys, clicks and drags,
and a paint of many rooms and bookings that leaves no widget per booking."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from djdesk.services.rooms.views import GridBooking
from djdesk.ui.rooms.grid_model import GridColumn, GridData, GridSelection, place
from djdesk.ui.rooms.time_grid import TimeGrid

DAY = date(2026, 12, 2)


def gb(id_: int, room: int, start: int, end: int, status: str = "已批准") -> GridBooking:
    return GridBooking(
        id_, room, DAY, start, end, status, f"S{id_}", f"预约人{id_}", "居民", "读书会", 5, False
    )


def data(bookings: list[GridBooking], rooms: int = 3, *, buffer: int = 0) -> GridData:
    columns = [
        GridColumn(f"场地{i}", "30 人", i, DAY, ((540, 720), (780, 1260)), buffer=buffer)
        for i in range(1, rooms + 1)
    ]
    column_of = {c.key: i for i, c in enumerate(columns)}
    return GridData(
        tuple(columns), 540, 1260, 30, tuple(bookings), tuple(place(bookings, column_of))
    )


@pytest.fixture
def grid(qtbot: QtBot) -> TimeGrid:
    widget = TimeGrid()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.set_data(data([gb(1, 1, 600, 660), gb(2, 1, 630, 690, "待审批"), gb(3, 2, 540, 600)]))
    widget.show()
    widget.setFocus()
    return widget


def test_overlapping_bookings_share_the_column_in_lanes() -> None:
    placed = {
        p.booking.id: p
        for p in data(
            [gb(1, 1, 600, 660), gb(2, 1, 630, 690), gb(3, 1, 700, 760), gb(4, 1, 720, 800)]
        ).placed
    }
    assert (placed[1].lane, placed[1].lanes, placed[2].lane, placed[2].lanes) == (0, 2, 1, 2)
    assert (placed[3].lane, placed[4].lane, placed[4].lanes) == (0, 1, 2)
    alone = data([gb(5, 2, 600, 660)]).placed[0]
    assert (alone.lane, alone.lanes) == (0, 1)


def test_a_selection_clashes_with_holding_bookings_and_the_buffer() -> None:
    d = data([gb(1, 1, 600, 660), gb(2, 1, 700, 760, "待审批")], buffer=15)
    assert [b.id for b in d.clashes(GridSelection(1, DAY, 660, 690))] == [1]  # within 15 min
    assert d.clashes(GridSelection(1, DAY, 690, 720)) == []
    assert [b.id for b in d.tentative(GridSelection(1, DAY, 690, 720))] == [2]


def test_keys_move_stretch_and_start_a_booking(qtbot: QtBot, grid: TimeGrid) -> None:
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Down)  # 场地2 10:00 (the 09:00 block is above)
    qtbot.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert "场地2 10:00–11:00：空闲" in grid.describe()
    with qtbot.waitSignal(grid.booking_requested) as asked:
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert asked.args[0] == GridSelection(2, DAY, 600, 660)
    qtbot.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(grid, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)  # same stretch
    assert grid.selection() == GridSelection(1, DAY, 600, 690)
    assert "与 预约人1 的预约冲突" in grid.describe()
    qtbot.keyClick(grid, Qt.Key.Key_Escape)
    assert grid.selection() == GridSelection(1, DAY, 660, 690)
    assert "预约人2" in grid.describe() and "待审批" in grid.describe()  # inside its block


def test_enter_on_a_block_opens_it(qtbot: QtBot, grid: TimeGrid) -> None:
    grid.set_cursor(0, 2)  # 10:00 in 场地1
    assert "预约人1" in grid.describe() and "Enter 打开" in grid.describe()
    with qtbot.waitSignal(grid.booking_activated) as opened:
        qtbot.keyClick(grid, Qt.Key.Key_Enter)
    assert opened.args == [1]


@pytest.mark.parametrize(
    ("key", "modifier", "signal", "args"),
    [
        (Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier, "step_requested", [1]),
        (Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier, "step_requested", [-1]),
        (Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier, "step_requested", [1]),
        (Qt.Key.Key_PageUp, Qt.KeyboardModifier.NoModifier, "step_requested", [-1]),
        (Qt.Key.Key_T, Qt.KeyboardModifier.NoModifier, "today_requested", []),
        (Qt.Key.Key_W, Qt.KeyboardModifier.NoModifier, "view_requested", ["week"]),
        (Qt.Key.Key_D, Qt.KeyboardModifier.NoModifier, "view_requested", ["day"]),
    ],
)
def test_keys_for_the_day_and_the_view(
    qtbot: QtBot,
    grid: TimeGrid,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier,
    signal: str,
    args: list[object],
) -> None:
    with qtbot.waitSignal(getattr(grid, signal)) as emitted:
        qtbot.keyClick(grid, key, modifier)
    assert emitted.args == args


def test_home_end_and_the_edges(qtbot: QtBot, grid: TimeGrid) -> None:
    qtbot.keyClick(grid, Qt.Key.Key_End)
    assert grid.row == grid.data.rows - 1
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert grid.row == grid.data.rows - 1  # stays on the grid
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    assert (grid.column, grid.row) == (0, 0)
    grid.set_cursor(0, 7)  # 12:30, in the lunch break
    assert "不在开放时间内" in grid.describe()


def test_a_click_on_a_block_opens_it_and_a_drag_starts_a_booking(
    qtbot: QtBot, grid: TimeGrid
) -> None:
    viewport: QWidget = grid.viewport()
    block = grid.cell_rect(1, 0).center()  # 场地2 09:00
    with qtbot.waitSignal(grid.booking_activated) as opened:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=block)
    assert opened.args == [3]
    start, end = grid.cell_rect(2, 4).center(), grid.cell_rect(2, 6).center()
    with qtbot.waitSignal(grid.booking_requested) as asked:
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(viewport, pos=end)
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert asked.args[0] == GridSelection(3, DAY, 660, 750)
    with qtbot.waitSignal(grid.booking_requested) as one:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=grid.cell_rect(2, 10).center())
    assert one.args[0] == GridSelection(3, DAY, 840, 870)
    assert grid.hit(QPoint(5, 5)) is None  # the corner is not a cell


def test_thirty_rooms_paint_without_a_widget_per_booking(qtbot: QtBot) -> None:
    bookings = [
        gb(r * 10 + k, r, 540 + k * 60, 570 + k * 60, ("已批准", "待审批", "已使用")[k % 3])
        for r in range(1, 31)
        for k in range(12)
    ]
    widget = TimeGrid()
    qtbot.addWidget(widget)
    widget.resize(30 * 116 + 80, 700)
    widget.set_data(data(bookings, rooms=30))
    widget.show()
    image = widget.grab()
    assert not image.isNull() and image.width() == widget.width()
    assert len(widget.viewport().findChildren(QWidget)) == 0
    widget.set_cursor(29, 0)
    assert widget.horizontalScrollBar().value() >= 0 and "场地30" in widget.describe()
