"""Walk-throughs by keyboard alone, from the main window: each counts its keys and screens.

1. Find a member by the last digits of her phone (尾号 is how residents give it).
2. Check a new member in, from the main window to the 报到回执 preview.

Every key goes where the real keyboard would send it (the focused widget or the open pop-up);
Chinese arrives through the input method and counts the pinyin typed for it. The numbers are
printed, and each walk-through must need at most three screens.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor
from djdesk.services.checkin.checkins import CheckInInput, check_in
from djdesk.services.checkin.member_rules import MemberInput
from djdesk.services.checkin.units import UnitInput, save_unit
from djdesk.ui.checkin.checkin_dialog import CheckInDialog
from djdesk.ui.checkin.checkin_page import CheckInPage
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.main_window import MainWindow
from djdesk.validation.idcard import check_char
from tests.helpers.keyboard import KeyboardSession

ADMIN = Actor.system()
MAX_SCREENS = 3


def id_number(first17: str) -> str:
    return first17 + check_char(first17)


@pytest.fixture
def unit_id(ctx: UiContext) -> int:
    unit = UnitInput(name="宜宾市翠屏区教育和体育局", category=4, declared_members=20)
    return save_unit(ctx.db, unit, actor=ADMIN).id


@pytest.fixture
def session(qtbot: QtBot, main_window: MainWindow) -> Iterator[KeyboardSession]:
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    keys = KeyboardSession(qtbot)
    keys.note_window(main_window)
    yield keys
    keys.stop()


def report(capsys: pytest.CaptureFixture[str], what: str, keys: KeyboardSession) -> None:
    with capsys.disabled():
        print(f"\n走查「{what}」：{keys.keys} 次按键，{keys.screens} 个画面")


def checkin_page_key(window: MainWindow) -> Qt.Key:
    index = window.page_keys().index("checkin")
    assert index < 9
    return Qt.Key(Qt.Key.Key_1 + index)


def test_find_a_member_by_the_last_digits_of_her_phone(
    qtbot: QtBot,
    ctx: UiContext,
    main_window: MainWindow,
    session: KeyboardSession,
    unit_id: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    today = date.today()
    for name, first17, mobile in (
        ("王芳", "51150219850312004", "13908316987"),
        ("李娜", "51150219790620002", "13508310154"),
        ("张伟", "51150219900101001", "18781116987"),  # the same tail: both are offered
    ):
        member = MemberInput(
            name=name, id_number=id_number(first17), mobile=mobile, unit_id=unit_id
        )
        check_in(ctx.db, member, CheckInInput(checked_in_on=today), actor=ADMIN)

    session.press(checkin_page_key(main_window), Qt.KeyboardModifier.ControlModifier)
    page = main_window.stack.currentWidget()
    assert isinstance(page, CheckInPage) and QApplication.focusWidget() is page.search_box
    session.type("0154")
    session.press(Qt.Key.Key_Return)  # searches at once (no waiting for the pause) and opens
    assert [h.name for h in page.results_model.records()] == ["李娜"]
    assert page.card.card is not None and page.card.card.data.name == "李娜"

    session.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select what is there
    session.type("6987")
    qtbot.waitUntil(lambda: len(page.results_model.records()) == 2)  # the list follows typing
    session.press(Qt.Key.Key_Down)
    session.press(Qt.Key.Key_Return)
    names = [h.name for h in page.results_model.records()]
    assert sorted(names) == ["张伟", "王芳"]
    assert page.card.card is not None and page.card.card.data.name == names[1]
    assert session.screens <= MAX_SCREENS
    report(capsys, "按手机尾号找到党员", session)


def test_check_in_a_new_member_from_the_main_window_to_the_receipt(
    qtbot: QtBot,
    ctx: UiContext,
    main_window: MainWindow,
    session: KeyboardSession,
    unit_id: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    session.press(checkin_page_key(main_window), Qt.KeyboardModifier.ControlModifier)
    page = main_window.stack.currentWidget()
    assert isinstance(page, CheckInPage)
    session.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.checkin_dialog
    assert isinstance(dialog, CheckInDialog) and dialog.isVisible()
    form = dialog.form
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.edits["name"])  # the window is up

    session.chinese("王小红", "wangxiaohong")
    session.tab_to(form.edits["id_number"])
    number = id_number("51150219850312002")
    session.type(number)
    assert form.birth_edit.value() == date(1985, 3, 12)  # read from the number as typed
    session.tab_to(form.joined_edit)
    session.type("20100701")
    session.tab_to(form.edits["mobile"])
    session.type("13908311234")
    session.tab_to(form.unit_combo)
    session.chinese("教育", "jiaoyu")  # any part of the unit's name
    session.press(Qt.Key.Key_Down)  # into the list of matching units
    session.press(Qt.Key.Key_Return)  # picks it (and does not save yet)
    assert dialog.isVisible() and form.unit_id() == unit_id
    assert form.joined_edit.text() == "2010-07-01"  # shown as understood, the same date
    session.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert not dialog.isVisible()
    result = dialog.result_info
    assert result is not None
    # The new member is the selected result and the open card; the receipt is previewed.
    current = page.results_view.currentIndex()
    assert page.results_model.member_id(current.row()) == result.member_id
    assert page.card.member_id == result.member_id
    preview = page.card.dialog
    assert isinstance(preview, PdfPreviewDialog) and preview.isVisible()
    assert result.serial in preview.message.text()
    assert session.screens <= MAX_SCREENS
    report(capsys, "从主窗口办理新党员报到到回执预览", session)
    preview.close()
