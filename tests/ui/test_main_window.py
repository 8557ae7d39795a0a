"""The main window: navigation, title and status bar, about box, remembered geometry."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from djdesk import APP_TITLE, __version__
from djdesk.services.site.identity import SiteInfo
from djdesk.ui import registry
from djdesk.ui.about import FRAME_PAGES, AboutDialog
from djdesk.ui.accounts.audit_page import AuditPage
from djdesk.ui.accounts.users_page import UsersPage
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.main_window import MainWindow
from djdesk.ui.overview_page import OverviewPage
from djdesk.ui.registry import PageSpec, register_page
from djdesk.ui.site.settings_page import SettingsPage


def test_opens_with_site_in_title_and_status_bar(main_window: MainWindow, site: SiteInfo) -> None:
    # Qt adds the program's name (the application display name) itself: not twice.
    assert main_window.windowTitle() == site.short_name
    assert APP_TITLE not in main_window.windowTitle()
    assert site.name in main_window.status_site.text()
    assert site.code in main_window.status_site.text()
    assert str(main_window.ctx.paths.data_dir) in main_window.status_data_dir.text()
    assert main_window.nav_site.text() == site.short_name
    titles = [main_window.nav.item(i).text() for i in range(main_window.nav.count())]
    assert titles[0] == "概览"
    assert titles[-1] == "设置"
    # The operating-system user is an administrator: the account pages are offered too.
    assert titles[-3:-1] == ["用户管理", "审计日志"]
    assert main_window.current_page_key() == "overview"


def test_navigation_shows_the_right_page(main_window: MainWindow) -> None:
    expected = {
        "overview": OverviewPage,
        "users": UsersPage,
        "audit": AuditPage,
        "settings": SettingsPage,
    }
    for row, key in enumerate(main_window.page_keys()):
        if key not in expected:
            continue  # other areas' pages have tests of their own
        main_window.nav.setCurrentRow(row)
        assert main_window.current_page_key() == key
        current = main_window.stack.currentWidget()
        assert current is main_window.page(key)
        assert isinstance(current, expected[key])
    main_window.show_page("overview")
    assert isinstance(main_window.stack.currentWidget(), OverviewPage)
    assert main_window.stack.count() == len(expected)  # pages are built once and kept


def test_overview_shows_site_and_counts(main_window: MainWindow, site: SiteInfo) -> None:
    page = main_window.page("overview")
    assert isinstance(page, OverviewPage)
    assert page.site_name.text() == site.name
    assert page.site_values["code"].text() == site.code
    model = page.counts_model
    labels = [model.index(r, model.COL_LABEL).data() for r in range(model.rowCount())]
    assert "站点信息" in labels
    row = labels.index("站点信息")
    assert model.index(row, model.COL_COUNT).data() == "1"


def test_geometry_and_last_page_are_restored(qtbot: QtBot, ctx: UiContext) -> None:
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(710, 530)  # inside the 800×600 offscreen screen
    first.show_page("settings")
    qtbot.waitUntil(lambda: first.size() == QSize(710, 530))
    first.close()
    assert ctx.paths.ui_state_file.exists()

    second = MainWindow(ctx)
    qtbot.addWidget(second)
    second.show()
    assert second.size() == QSize(710, 530)
    assert second.current_page_key() == "settings"
    assert isinstance(second.stack.currentWidget(), SettingsPage)


def test_unknown_last_page_falls_back_to_first(qtbot: QtBot, ctx: UiContext) -> None:
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.ui_state.setValue("main_window/last_page", "no-such-page")
    first.ui_state.sync()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert second.current_page_key() == "overview"


def test_about_box_names_the_version_and_only_areas_that_exist(main_window: MainWindow) -> None:
    main_window.about_action.trigger()
    about = main_window.dialog
    assert isinstance(about, AboutDialog) and about.windowTitle() == "关于"
    texts = " ".join(label.text() for label in about.findChildren(QLabel) if label.isVisible())
    assert __version__ in texts and APP_TITLE in texts
    work = about.description.text()
    for spec in registry.default_pages():
        if spec.key not in FRAME_PAGES:
            assert spec.title in work
    for missing in ("场地预约", "事项登记"):  # named only once such pages exist
        if all(missing != spec.title for spec in registry.default_pages()):
            assert missing not in work
    # Developer details only under 技术信息, folded away until asked for.
    assert "sqlite" not in texts.lower() and "DJDESK_DATA_DIR" not in texts
    assert not about.details.isVisible()
    about.details_button.click()
    assert about.details.isVisible() and "DJDESK_DATA_DIR" in about.values["更换数据文件夹"].text()
    about.close()


def test_saving_the_site_updates_title_and_overview(
    main_window: MainWindow, site: SiteInfo
) -> None:
    main_window.show_page("settings")
    settings_page = main_window.page("settings")
    assert isinstance(settings_page, SettingsPage)
    settings_page.form.line_edits["short_name"].setText("东风")
    assert settings_page.save()
    assert main_window.windowTitle() == "东风"
    overview = main_window.page("overview")
    assert isinstance(overview, OverviewPage)
    main_window.show_page("overview")
    assert overview.site_name.text() == site.name


def test_close_with_unsaved_changes_asks_first(main_window: MainWindow) -> None:
    main_window.show_page("settings")
    page = main_window.page("settings")
    assert isinstance(page, SettingsPage)
    page.form.line_edits["address"].setText("宜宾市翠屏区东风路99号")
    assert not main_window.close()
    ask = main_window.dialog
    assert isinstance(ask, ConfirmDialog) and "“设置”页" in ask.text_label.text()
    assert ask.safe_button.isDefault() and ask.action_button.text() == "仍然退出"
    ask.safe_button.click()
    assert main_window.isVisible()
    assert not main_window.close()
    assert isinstance(main_window.dialog, ConfirmDialog)
    main_window.dialog.action_button.click()
    assert not main_window.isVisible()


def test_registered_page_appears_before_settings(
    qtbot: QtBot, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Just 概览 and 设置 are found, whatever areas exist by now.
    settings = next(p for p in registry.area_pages() if p.key == "settings")
    monkeypatch.setattr(registry, "area_pages", lambda: (settings,))
    monkeypatch.setattr(registry, "_REGISTERED", [])

    def make(_ctx: UiContext) -> QWidget:
        return QLabel("党员报到")

    first = PageSpec("members", "党员报到", make)
    register_page(first)
    register_page(replace(first, title="党员报到（新）"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.page_keys() == ["overview", "members", "settings"]
    window.show_page("members")
    current = window.stack.currentWidget()
    assert isinstance(current, QLabel)
    assert current.text() == "党员报到"
    assert window.nav.currentItem().text() == "党员报到（新）"
