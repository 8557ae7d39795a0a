"""Walk-through by keyboard alone, from the main window: open 场地预约, book a free slot of a
room that needs approval from the day view, then open the request and approve it.

Every key goes where the real keyboard would send it (the focused widget or the open pop-up);
Chinese arrives through the input method and counts the pinyin typed for it. The key and screen
counts are printed; the walk-through must need at most three screens (the main window, the
booking form and the booking card).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from djdesk.services.rooms.calendar import centre_now
from djdesk.services.rooms.types import BookingStatus
from djdesk.services.rooms.views import BookingFilter, booking_page
from djdesk.ui.common.context import UiContext
from djdesk.ui.main_window import MainWindow
from djdesk.ui.rooms.booking_card import BookingCard
from djdesk.ui.rooms.booking_dialog import BookingDialog
from djdesk.ui.rooms.day_page import RoomsDayPage
from tests.helpers.keyboard import KeyboardSession
from tests.ui.rooms.conftest import open_day

MAX_SCREENS = 3


@pytest.fixture
def window(qtbot: QtBot, admin_ctx: UiContext) -> MainWindow:
    window = MainWindow(admin_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    return window


@pytest.fixture
def session(qtbot: QtBot, window: MainWindow) -> Iterator[KeyboardSession]:
    keys = KeyboardSession(qtbot)
    keys.note_window(window)
    yield keys
    keys.stop()


def back_to(qtbot: QtBot, window: MainWindow) -> None:
    """What the window manager does when a dialog closes: its window is active again (the
    offscreen platform leaves no window active). No key is pressed for it."""
    handle = window.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(window.isActiveWindow)


def test_book_a_free_slot_from_the_day_view_and_approve_it(
    qtbot: QtBot,
    admin_ctx: UiContext,
    window: MainWindow,
    session: KeyboardSession,
    capsys: pytest.CaptureFixture[str],
) -> None:
    index = window.page_keys().index("rooms-day")
    assert index < 9
    session.press(Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
    page = window.stack.currentWidget()
    assert isinstance(page, RoomsDayPage) and QApplication.focusWidget() is page.grid

    day = open_day()
    session.press(Qt.Key.Key_PageDown, times=(day - centre_now().date()).days)
    assert page.day == day
    session.press(Qt.Key.Key_Right)  # 议事厅 (needs approval)
    session.press(Qt.Key.Key_Down, times=3)  # 10:00 (the day starts at 08:30)
    session.press(Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # to 11:00
    assert "议事厅 10:00–11:00：空闲" in page.status.text()
    session.press(Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, BookingDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.picker.name_edit)

    session.chinese("张三", "zhangsan")
    session.press(Qt.Key.Key_Tab)
    session.type("13800138000")
    session.press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.form.purpose_edit
    session.chinese("邻里议事", "linliyishi")
    session.press(Qt.Key.Key_Tab, times=5)  # 人数, 联系人, 联系电话, 当场批准, 公益用途
    assert QApplication.focusWidget() is dialog.form.public_check
    session.press(Qt.Key.Key_Space)
    session.press(Qt.Key.Key_Return)  # saves
    assert not dialog.isVisible()
    rows = booking_page(admin_ctx.db, BookingFilter()).rows
    assert [(r.booker_name, r.status) for r in rows] == [("张三", BookingStatus.PENDING)]
    back_to(qtbot, window)
    assert QApplication.focusWidget() is page.grid

    session.press(Qt.Key.Key_Return)  # the new block is selected: it opens
    card = page.dialog
    assert isinstance(card, BookingCard) and card.info.status == BookingStatus.PENDING
    qtbot.waitUntil(lambda: QApplication.focusWidget() is card.buttons["approve"])
    session.press(Qt.Key.Key_Return)  # 批准
    assert card.info.status == BookingStatus.APPROVED
    session.press(Qt.Key.Key_Escape)
    assert not card.isVisible()
    back_to(qtbot, window)
    assert QApplication.focusWidget() is page.grid
    assert booking_page(admin_ctx.db, BookingFilter()).rows[0].status == BookingStatus.APPROVED
    assert session.screens <= MAX_SCREENS
    with capsys.disabled():
        print(
            f"\n走查「在日视图预约空闲时段并审批」：{session.keys} 次按键，{session.screens} 个画面"
        )
