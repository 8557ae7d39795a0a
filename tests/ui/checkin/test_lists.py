"""Lists a clerk can read: columns sized to what they show, serials that keep their number
when cut, the name column kept in place while scrolling sideways, impossible rates flagged,
primary buttons named by what they do."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor
from djdesk.services.checkin.units import UnitInfo
from djdesk.services.demo import DemoOptions, fill_demo
from djdesk.ui.checkin.member_list_model import MemberListModel
from djdesk.ui.checkin.members_page import MembersPage
from djdesk.ui.checkin.units_model import UnitsModel
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.frozen_table import FrozenColumnTableView
from djdesk.ui.common.table_view import MAX_COLUMN_WIDTH, elide_serial
from djdesk.ui.common.theme import ERROR

SERIAL = "宜宾市翠屏区东风社区在职党员报到〔2023〕第0127号"


@pytest.mark.parametrize("width", [80, 120, 160, 220])
def test_a_cut_serial_keeps_its_year_and_number(width: int) -> None:
    metrics = QFontMetrics(QFont())
    shown = elide_serial(SERIAL, metrics, width)
    assert metrics.horizontalAdvance(shown) <= width
    assert shown.endswith("第0127号")
    if metrics.horizontalAdvance("宜…〔2023〕第0127号") <= width:
        assert shown.startswith("宜") and "〔2023〕" in shown and "…" in shown
    assert elide_serial(SERIAL, metrics, 2000) == SERIAL  # room enough: shown whole


@pytest.fixture
def members_page(qtbot: QtBot, ctx: UiContext) -> MembersPage:
    fill_demo(ctx.db, DemoOptions(counts={"members": 300}), actor=Actor.system())
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)  # narrower than the register's columns
    page.show()
    qtbot.waitExposed(page)
    return page


def test_register_columns_fit_their_content_and_the_name_stays_in_place(
    qtbot: QtBot, members_page: MembersPage
) -> None:
    view = members_page.view
    assert isinstance(view, FrozenColumnTableView)
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    for column in range(header.count()):
        title = members_page.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title)
        assert header.sectionSize(column) <= MAX_COLUMN_WIDTH
    assert members_page.model.pages_loaded == 1  # measured on the rows shown, nothing more
    serial_column = next(
        i for i, c in enumerate(members_page.model.columns) if c.title == "报到编号"
    )
    assert members_page.model.columns[serial_column].serial
    scroll = view.horizontalScrollBar()
    assert scroll.maximum() > 0  # wider than the page: it scrolls sideways
    scroll.setValue(scroll.maximum())
    frozen = view.frozen
    assert frozen.isVisible() and frozen.x() <= view.frameWidth() + 1
    assert frozen.width() == view.columnWidth(MemberListModel.COL_NAME)
    name = members_page.model.index(0, MemberListModel.COL_NAME).data()
    assert frozen.model().index(0, 0).data() == name
    assert frozen.visualRect(frozen.model().index(0, 0)).isValid()
    # Its rows line up with the table's rows.
    assert frozen.rowHeight(0) == view.rowHeight(0)
    assert frozen.horizontalHeader().height() == view.horizontalHeader().height()
    # The frozen name column scrolls up and down with the table.
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    assert frozen.verticalScrollBar().value() == view.verticalScrollBar().value()
    # A double-click on the frozen name opens the member like one on the row.
    opened: list[int] = []
    view.doubleClicked.connect(lambda index: opened.append(index.row()))
    frozen.doubleClicked.emit(frozen.model().index(3, 0))
    assert opened == [3]


def test_primary_button_says_what_it_does(members_page: MembersPage) -> None:
    assert members_page.open_button.text() == "打开党员卡片"
    assert members_page.open_button.property("primary") is True


def test_a_rate_over_100_percent_is_flagged_with_the_reason(qtmodeltester: Any) -> None:
    units = [
        UnitInfo(name="宜宾学院", declared_members=3, reported_members=29, id=1),
        UnitInfo(name="翠屏区税务局", declared_members=40, reported_members=10, id=2),
        UnitInfo(name="没有申报的单位", declared_members=0, reported_members=2, id=3),
    ]
    model = UnitsModel(units)
    rate = 6
    assert model.headerData(rate, Qt.Orientation.Horizontal) == "报到率"

    def cell(row: int, role: Qt.ItemDataRole) -> object:
        return model.index(row, rate, QModelIndex()).data(role)

    assert cell(0, Qt.ItemDataRole.DisplayRole) == "⚠ 967%"
    tip = str(cell(0, Qt.ItemDataRole.ToolTipRole))
    assert "申报人数少于实际报到人数" in tip and "申报 3 人" in tip and "已报到 29 人" in tip
    assert cell(0, Qt.ItemDataRole.ForegroundRole).name() == ERROR  # type: ignore[attr-defined]
    assert cell(1, Qt.ItemDataRole.DisplayRole) == "25%"
    assert cell(1, Qt.ItemDataRole.ToolTipRole) is None
    assert cell(2, Qt.ItemDataRole.DisplayRole) == "—"
    qtmodeltester.check(model)
