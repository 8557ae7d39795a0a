"""网格与岗位 page: administrators add, edit and deactivate grids and posts (errors at the
field); clerks and viewers see both lists read-only."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor, Role
from djdesk.services.checkin.grids import GridInfo, PostInfo, list_grids, list_posts, save_grid
from djdesk.ui.checkin.grids_page import READ_ONLY_NOTE, GridsModel, GridsPage, PostsModel
from djdesk.ui.common.context import UiContext


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext) -> GridsPage:
    save_grid(ctx.db, name="东风一网格", area="东风小区", leader="钱刚", actor=ctx.actor)
    widget = GridsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_models(qtmodeltester: Any) -> None:
    grids = GridsModel()
    grids.set_records([GridInfo(1, "一网格", "东风小区", "钱刚", "13800001111", False)])
    qtmodeltester.check(grids)
    assert grids.index(0, 4).data() == "停用"
    posts = PostsModel()
    posts.set_records([PostInfo(1, "政策宣传", 1, True)])
    qtmodeltester.check(posts)
    assert posts.index(0, 2).data(PostsModel.StatusRole) == "启用"


def test_admin_adds_edits_and_deactivates_a_grid(qtbot: QtBot, page: GridsPage) -> None:
    assert not page.note.isVisible() and page.grid_buttons["add"].isEnabled()
    dialog = page.add_grid()
    dialog.edits["name"].setText("滨江网格")
    dialog.edits["phone"].setText("123")
    dialog.accept()
    assert dialog.isVisible() and "格式不正确" in dialog.grid.error_text("phone")
    dialog.edits["phone"].setText("13800001111")
    assert dialog.grid.error_text("phone") == ""
    dialog.accept()
    assert not dialog.isVisible()
    assert [g.name for g in page.grids_model.records()] == ["东风一网格", "滨江网格"]

    page.grids_view.setCurrentIndex(page.grids_model.index(1, 0))
    edit = page.edit_grid()
    assert edit is not None and edit.edits["leader"].text() == ""
    edit.edits["leader"].setText("陶磊")
    edit.accept()
    assert page.grids_model.record(1) is not None
    assert page.grids_model.record(1).leader == "陶磊"  # type: ignore[union-attr]

    page.grids_view.setCurrentIndex(page.grids_model.index(1, 0))
    qtbot.mouseClick(page.grid_buttons["toggle"], Qt.MouseButton.LeftButton)
    assert [g.name for g in list_grids(page.ctx.db)] == ["东风一网格"]
    assert page.grid_buttons["toggle"].text() == "启用"


def test_admin_adds_and_deactivates_a_post(qtbot: QtBot, page: GridsPage) -> None:
    before = len(list_posts(page.ctx.db))
    dialog = page.add_post()
    dialog.edits["name"].setText("政策宣传")
    dialog.accept()
    assert "同名" in dialog.grid.error_text("name")
    dialog.edits["name"].setText("垃圾分类督导")
    dialog.accept()
    assert not dialog.isVisible()
    assert len(list_posts(page.ctx.db)) == before + 1
    last = page.posts_model.rowCount() - 1
    assert page.posts_model.index(last, 1).data() == "垃圾分类督导"
    page.posts_view.setCurrentIndex(page.posts_model.index(last, 0))
    qtbot.mouseClick(page.post_buttons["toggle"], Qt.MouseButton.LeftButton)
    assert len(list_posts(page.ctx.db)) == before


@pytest.mark.parametrize("role", [Role.CLERK, Role.VIEWER])
def test_others_see_read_only(qtbot: QtBot, ctx: UiContext, page: GridsPage, role: Role) -> None:
    ctx.actor = Actor("someone", "某某", role, 4)
    other = GridsPage(ctx)
    qtbot.addWidget(other)
    other.show()
    assert other.note.isVisible() and other.note.text() == READ_ONLY_NOTE
    other.grids_view.setCurrentIndex(other.grids_model.index(0, 0))
    for buttons in (other.grid_buttons, other.post_buttons):
        assert not any(b.isEnabled() for b in buttons.values())
    assert other.edit_grid() is None and other.edit_post() is None
    assert other.grids_model.rowCount() == 1 and other.posts_model.rowCount() > 0
