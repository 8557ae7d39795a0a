"""Moving around by keyboard: Ctrl+1 … Ctrl+9, the sidebar (focus ring, arrows, Enter/Tab into
the page), Ctrl+N on every page with a main record, 帮助 → 快捷键, one tab stop per table, and
menu texts that are never cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QTableView
from pytestqt.qtbot import QtBot

from djdesk.ui.accounts.user_dialog import NewUserDialog
from djdesk.ui.checkin.checkin_dialog import CheckInDialog
from djdesk.ui.checkin.grids_page import RegistryItemDialog
from djdesk.ui.checkin.unit_dialog import UnitDialog
from djdesk.ui.main_window import MainWindow
from djdesk.ui.nav_panel import page_shortcut
from djdesk.ui.shortcuts_dialog import ShortcutsDialog

#: The pages with a main record and the form Ctrl+N opens there.
NEW_RECORD = {
    "checkin": CheckInDialog,
    "units": UnitDialog,
    "grids": RegistryItemDialog,
    "users": NewUserDialog,
}


@pytest.fixture
def window(qtbot: QtBot, main_window: MainWindow) -> MainWindow:
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    return main_window


def focus(window: MainWindow) -> object:
    return QApplication.focusWidget()


def test_page_keys_follow_the_sidebar_and_are_named_in_the_tooltips(
    qtbot: QtBot, window: MainWindow
) -> None:
    for index, key in enumerate(window.page_keys()[:9]):
        item = window.nav.item(index)
        assert item.toolTip().endswith(f"（Ctrl+{index + 1}）")
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
        assert window.current_page_key() == key
        page = window.page(key)
        widget = QApplication.focusWidget()
        assert widget is not None and page.isAncestorOf(widget), key  # the keyboard is in it


def test_sidebar_arrows_stay_in_the_sidebar_and_enter_goes_into_the_page(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page("overview")
    window.nav.setFocus()
    assert window.nav.hasFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    second = window.page_keys()[1]
    assert window.current_page_key() == second and window.nav.hasFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_page_key() == window.page_keys()[2] and window.nav.hasFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Up)
    qtbot.keyClick(window.nav, Qt.Key.Key_Return)
    page = window.page(second)
    assert window.nav.hasFocus() is False and page.isAncestorOf(QApplication.focusWidget())
    if second == "checkin":
        assert QApplication.focusWidget() is page.search_box  # type: ignore[attr-defined]
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Tab)
    assert page.isAncestorOf(QApplication.focusWidget())


def test_f6_reaches_the_pages_past_ctrl_9(qtbot: QtBot, window: MainWindow) -> None:
    keys = window.page_keys()
    assert len(keys) > 9  # more pages than Ctrl+1 … Ctrl+9
    window.go_to_page(1)
    assert not window.nav.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.nav.hasFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_End)
    qtbot.keyClick(window.nav, Qt.Key.Key_Return)
    assert window.current_page_key() == keys[-1]
    assert window.page(keys[-1]).isAncestorOf(QApplication.focusWidget())
    assert "F6" in window.shortcut_rows()[0][0]


def test_the_sidebar_shows_where_the_focus_is(qtbot: QtBot, window: MainWindow) -> None:
    window.nav.setFocus()
    window.show_page("overview")
    focused = window.nav.grab().toImage()
    window.stack.currentWidget().setFocus()
    window.page("overview").refresh_button.setFocus()  # type: ignore[attr-defined]
    unfocused = window.nav.grab().toImage()
    rect = window.nav.visualItemRect(window.nav.item(0))
    # The focus ring is blue (the theme's FOCUS), drawn only while the sidebar has the focus.
    assert blue_pixels(focused, rect) > 20
    assert blue_pixels(unfocused, rect) == 0


def blue_pixels(image: QImage, rect: QRect) -> int:
    found = 0
    for x in range(rect.left(), rect.right()):
        for y in (rect.top() + 1, rect.center().y(), rect.bottom() - 1):
            colour = QColor(image.pixel(x, y))
            if colour.blue() > 180 and colour.red() < 90 and colour.green() < 140:
                found += 1
    return found


@pytest.mark.parametrize("key", list(NEW_RECORD))
def test_ctrl_n_creates_the_main_record_of_the_page(
    qtbot: QtBot, window: MainWindow, key: str
) -> None:
    window.show_page(key)
    page = window.page(key)
    assert "Ctrl+N" in page.new_button.text()  # type: ignore[attr-defined]
    assert window.new_action.isEnabled()
    assert window.new_action.text().startswith(page.new_action_title)  # type: ignore[attr-defined]
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    opened = [d for d in window.findChildren(QDialog) if d.isVisible()]
    assert any(isinstance(d, NEW_RECORD[key]) for d in opened), opened
    for dialog in opened:
        dialog.reject()


def test_ctrl_n_does_nothing_where_there_is_no_main_record(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page("overview")
    assert not window.new_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not [d for d in window.findChildren(QDialog) if d.isVisible()]


def test_shortcut_list_names_every_page_and_menu_key(window: MainWindow) -> None:
    window.shortcuts_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, ShortcutsDialog)
    text = dialog.text.text()
    for index, spec in enumerate(window.page_specs[:9]):
        assert f"{page_shortcut(index)}</b></td><td style='padding:3px 0'>{spec.title}" in text
    for keys in ("Ctrl+N", "Ctrl+L", "Ctrl+Q", "Ctrl+S", "Alt+↓ 或 F4", "空格"):
        assert keys in text
    dialog.close()


def test_overview_tables_are_one_tab_stop(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("overview")
    page = window.page("overview")
    table = page.counts_view  # type: ignore[attr-defined]
    assert isinstance(table, QTableView) and not table.tabKeyNavigation()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()


def text_extent(image: QImage, rect: QRect) -> int:
    """Width of the first run of ink in ``rect`` (up to a gap of 16 blank columns)."""
    background = QColor(image.pixel(rect.right() - 2, rect.center().y())).lightness()
    first = last = -1
    for x in range(rect.left() + 3, rect.right() - 3):  # not the menu's frame
        ink = any(
            abs(QColor(image.pixel(x, y)).lightness() - background) > 60
            for y in range(rect.top() + 2, rect.bottom() - 1)
        )
        if ink:
            if first < 0:
                first = x
            elif x - last > 16:
                break
            last = x
    return last - first + 1 if first >= 0 else 0


def test_every_menu_item_is_shown_whole_at_the_default_font(
    qtbot: QtBot, window: MainWindow
) -> None:
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        bar_rect = window.menuBar().actionGeometry(menu_action)
        metrics = QFontMetrics(window.menuBar().font())
        assert bar_rect.width() >= metrics.horizontalAdvance(menu_action.text().replace("&", ""))
        for action in menu.actions():
            action.setEnabled(True)  # greyed-out text is measured less reliably
        menu.popup(window.mapToGlobal(window.rect().center()))
        qtbot.waitExposed(menu)
        image = menu.grab().toImage()
        metrics = QFontMetrics(menu.font())
        for action in menu.actions():
            if action.isSeparator():
                continue
            text = action.text().replace("&", "")
            drawn = text_extent(image, menu.actionGeometry(action))
            # An elided item (打开数据…(D)) is at least one character narrower than its text.
            assert drawn >= metrics.horizontalAdvance(text) - 6, (text, drawn)
        menu.hide()
