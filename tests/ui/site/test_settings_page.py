"""设置 page: saving the site identity, field errors, data folder and version facts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from djdesk import __version__
from djdesk.actor import Actor, Role
from djdesk.services.site.identity import SiteInfo, get_site
from djdesk.ui.common.context import Change, UiContext
from djdesk.ui.site.settings_page import SettingsPage


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext) -> SettingsPage:
    widget = SettingsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_form_shows_the_saved_site(page: SettingsPage, site: SiteInfo) -> None:
    assert page.form.value() == site.as_input()
    assert not page.is_dirty()
    assert not page.revert_button.isEnabled()


def test_save_stores_the_change_and_announces_it(
    page: SettingsPage, ctx: UiContext, qtbot: QtBot
) -> None:
    page.form.line_edits["address"].setText("宜宾市翠屏区东风路100号")
    assert page.is_dirty()
    with qtbot.waitSignal(ctx.events.changed, timeout=1000) as signal:
        page.save_button.click()
    saved = get_site(ctx.db)
    assert saved is not None
    assert saved.address == "宜宾市翠屏区东风路100号"
    assert signal.args == [Change("site")]
    assert "已保存" in page.status_label.text()
    assert not page.is_dirty()


def test_invalid_change_shows_error_and_keeps_the_saved_site(
    page: SettingsPage, ctx: UiContext, site: SiteInfo
) -> None:
    page.form.line_edits["phone"].setText("12345")
    page.form.line_edits["code"].setText("5115020030")
    page.save_button.click()
    assert "格式不正确" in page.form.error_text("phone")
    assert "12 位" in page.form.error_text("code")
    assert "2 处" in page.status_label.text()
    assert get_site(ctx.db) == site


def test_revert_restores_the_saved_values(page: SettingsPage, site: SiteInfo) -> None:
    page.form.line_edits["name"].setText("别的名字")
    page.revert_button.click()
    assert page.form.line_edits["name"].text() == site.name
    assert not page.is_dirty()


def test_refresh_keeps_unsaved_typing(page: SettingsPage) -> None:
    page.form.line_edits["name"].setText("正在输入")
    page.refresh()
    assert page.form.line_edits["name"].text() == "正在输入"


def test_data_folder_and_about(page: SettingsPage, ctx: UiContext, opened_urls: list[Path]) -> None:
    assert page.data_dir_label.text() == str(ctx.paths.data_dir)
    page.open_data_dir_button.click()
    assert opened_urls == [ctx.paths.data_dir]
    # Developer details are not on the page's face: they live under 关于 → 技术信息.
    face = " ".join(label.text() for label in page.findChildren(QLabel) if label.isVisible())
    for detail in ("--data-dir", "DJDESK_DATA_DIR", "sqlite:", "PySide6"):
        assert detail not in face
    assert __version__ in face
    about = page.show_about()
    assert not about.details.isVisibleTo(about)
    about.details_button.click()
    assert about.details.isVisibleTo(about)
    assert __version__ in about.values["程序版本"].text()
    assert "PySide6" in about.values["界面库"].text()
    assert about.values["数据库"].text() == ctx.db.display_url
    assert "DJDESK_DATA_DIR" in about.values["更换数据文件夹"].text()
    assert about.values["日志文件"].text() == str(ctx.paths.log_file)
    about.close()


def test_non_admin_cannot_edit(qtbot: QtBot, ctx: UiContext) -> None:
    ctx.actor = Actor(username="clerk", display_name="前台小王", role=Role.CLERK)
    widget = SettingsPage(ctx)
    qtbot.addWidget(widget)
    assert not widget.form.isEnabled()
    assert not widget.save_button.isEnabled()
