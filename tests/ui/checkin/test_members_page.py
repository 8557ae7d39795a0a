"""党员名册: the lazy member list model (qtmodeltester, paging, filters, sorting by the database)
and the page's filter bar, header sorting, card, exports and the import wizard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor, Role
from djdesk.services.checkin.grids import list_grids
from djdesk.services.checkin.members import MemberFilter, count_members, member_page
from djdesk.services.checkin.units import list_units
from djdesk.services.demo import DemoOptions, fill_demo
from djdesk.services.store import Database
from djdesk.ui.checkin.import_wizard import ImportWizard
from djdesk.ui.checkin.member_card import MemberCardDialog
from djdesk.ui.checkin.member_list_model import COLUMNS, MemberListModel
from djdesk.ui.checkin.members_page import MembersPage
from djdesk.ui.common.context import UiContext

MEMBERS = 2000


@pytest.fixture
def demo_db(ctx: UiContext) -> Database:
    fill_demo(ctx.db, DemoOptions(counts={"members": MEMBERS}), actor=Actor.system())
    return ctx.db


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext, demo_db: Database) -> MembersPage:
    widget = MembersPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def column(title: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.title == title)


def test_model_passes_the_tester(qtmodeltester: Any, demo_db: Database) -> None:
    unit = max(list_units(demo_db), key=lambda u: u.reported_members)
    model = MemberListModel(demo_db, MemberFilter(unit_id=unit.id), page_size=25)
    assert 25 < model.rowCount() < MEMBERS
    qtmodeltester.check(model)
    model.sort(column("报到日期"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.set_filter(MemberFilter(text="没有这个人"))
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_only_the_pages_shown_are_read(page: MembersPage) -> None:
    model = page.model
    assert model.rowCount() == MEMBERS
    assert model.pages_loaded <= 2 and model.cached_pages() == [0]
    page.view.scrollToBottom()
    page.view.viewport().repaint()
    last_page = (MEMBERS - 1) // 200
    assert last_page in model.cached_pages()
    assert model.pages_loaded <= 3  # the first page, the last page: not the 8 in between
    bottom = model.row_at(MEMBERS - 1)
    expected = member_page(page.ctx.db, MemberFilter(), offset=MEMBERS - 1, limit=1)
    assert bottom == expected[0]
    assert model.row_at(MEMBERS) is None


def test_filters_count_in_the_database(qtbot: QtBot, page: MembersPage, demo_db: Database) -> None:
    unit = list_units(demo_db)[0]
    page.unit_filter.setCurrentIndex(page.unit_filter.findData(unit.id))
    assert page.model.member_filter.unit_id == unit.id
    expected = count_members(demo_db, MemberFilter(unit_id=unit.id))
    assert page.model.rowCount() == expected and f"{expected:,}" in page.total_label.text()

    page.status_filter.setCurrentIndex(page.status_filter.findData("迁出"))
    moved = page.model.rowCount()
    assert moved == count_members(demo_db, MemberFilter(unit_id=unit.id, status="迁出"))
    assert all(page.model.row_at(r).status == "迁出" for r in range(moved))  # type: ignore[union-attr]

    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert page.model.member_filter == MemberFilter() and page.model.rowCount() == MEMBERS

    grid = list_grids(demo_db)[0]
    page.grid_filter.setCurrentIndex(page.grid_filter.findData(grid.id))
    assert page.model.rowCount() == count_members(demo_db, MemberFilter(grid_id=grid.id))
    page.reset_filter()
    year_index = page.year_filter.findData(page.model.row_at(0).checked_in_on.year)  # type: ignore[union-attr]
    page.year_filter.setCurrentIndex(year_index)
    assert page.model.member_filter.year is not None
    page.reset_filter()

    first = page.model.row_at(0)
    assert first is not None
    with qtbot.waitSignal(page.model.total_changed, timeout=2000):
        qtbot.keyClicks(page.text_filter, "zz")
    assert page.model.member_filter.text == "zz"
    page.text_filter.setText("12")  # too short to search numbers by: no text filter
    page.apply_filter()
    assert page.model.member_filter.text == ""


def test_header_click_sorts_in_the_database(qtbot: QtBot, page: MembersPage) -> None:
    header = page.view.horizontalHeader()
    unit = column("工作单位")
    header.sectionClicked.emit(unit)
    assert page.model.sort_key() == "unit"
    assert page.model.sort_order() == Qt.SortOrder.AscendingOrder
    units = [page.model.row_at(r).unit_name for r in range(60)]  # type: ignore[union-attr]
    expected = member_page(page.ctx.db, MemberFilter(), sort="unit", limit=60)
    assert units == [r.unit_name for r in expected]
    header.sectionClicked.emit(unit)
    assert page.model.sort_order() == Qt.SortOrder.DescendingOrder
    top = member_page(page.ctx.db, MemberFilter(), sort="unit", descending=True, limit=1)
    assert page.model.row_at(0) == top[0]
    assert header.sortIndicatorSection() == unit
    header.sectionClicked.emit(column("手机"))  # not sortable: order and indicator stay
    assert page.model.sort_key() == "unit" and header.sortIndicatorSection() == unit
    assert "工作单位" in page.sort_label.text() and "降序" in page.sort_label.text()


def test_open_card_from_the_list(qtbot: QtBot, page: MembersPage) -> None:
    page.view.setCurrentIndex(page.model.index(3, 0))
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, MemberCardDialog) and dialog.isVisible()
    assert dialog.card_view.member_id == page.model.member_id(3)
    dialog.close()


def test_export_roster_and_stats(
    qtbot: QtBot, page: MembersPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit = list_units(page.ctx.db)[0]
    page.unit_filter.setCurrentIndex(page.unit_filter.findData(unit.id))
    out = tmp_path / "花名册.xlsx"
    page.export_report("members-roster", out)
    assert out.is_file()
    boxes = [b for b in page.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and str(out) in boxes[-1].text()
    stats = tmp_path / "统计表.pdf"
    page.export_report("checkin-stats", stats)
    assert stats.read_bytes().startswith(b"%PDF")
    monkeypatch.setattr(
        "djdesk.ui.checkin.members_page.ask_save_path", lambda *a: None
    )  # the clerk cancels the file dialog: nothing happens
    page.export_report("members-roster")


def test_import_wizard_opens(qtbot: QtBot, page: MembersPage) -> None:
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert isinstance(page.dialog, ImportWizard)
    page.dialog.reject()


def test_viewer_cannot_import(qtbot: QtBot, ctx: UiContext, demo_db: Database) -> None:
    ctx.actor = Actor("viewer", "只读员", Role.VIEWER, 9)
    widget = MembersPage(ctx)
    qtbot.addWidget(widget)
    assert not widget.import_button.isEnabled()
    assert widget.export_button.isEnabled()  # reading and exporting is open to every role
