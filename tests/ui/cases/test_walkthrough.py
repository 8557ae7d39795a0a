"""The counter by keyboard alone: from the main window to a certificate in the preview, then the
certificate's line scanned back in (有效) and once more with a digit changed (校验码不符).

Keys go where the real keyboard would send them (tests/helpers/keyboard.py); Chinese arrives
through the input method and counts the pinyin typed for it; a handheld scanner types the line
like a keyboard and ends with Enter. The key count is printed and the screens are counted.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from djdesk.services.cases.types import VerifyStatus
from djdesk.services.documents import find_by_serial
from djdesk.ui.cases.case_dialog import CaseDialog
from djdesk.ui.cases.counter_page import CaseCounterPage
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.main_window import MainWindow
from tests.helpers.cases_data import VALID_ID
from tests.helpers.keyboard import KeyboardSession
from tests.helpers.pdf_text import flat_text

MAX_SCREENS = 3  # the main window, the form, the preview


@pytest.fixture
def window(qtbot: QtBot, clerk: UiContext) -> MainWindow:
    main = MainWindow(clerk)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitActive(main)
    return main


@pytest.fixture
def session(qtbot: QtBot, window: MainWindow) -> Iterator[KeyboardSession]:
    keys = KeyboardSession(qtbot)
    keys.note_window(window)
    yield keys
    keys.stop()


def changed_digit(line: str) -> str:
    """The line with one digit of its serial number changed (the site code kept)."""
    marker, site, year, number, day, code = line.split("-")
    digit = str((int(number[-1]) + 1) % 10)
    return "-".join((marker, site, year, number[:-1] + digit, day, code))


def test_a_certificate_from_the_search_box_to_the_preview_and_back_by_scanner(
    qtbot: QtBot,
    window: MainWindow,
    session: KeyboardSession,
    capsys: pytest.CaptureFixture[str],
) -> None:
    index = window.page_keys().index("cases")
    assert index < 9
    session.press(Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
    page = window.stack.currentWidget()
    assert isinstance(page, CaseCounterPage) and QApplication.focusWidget() is page.search_box

    session.type("jzzm")  # 居住（租住）证明 by its initials
    session.press(Qt.Key.Key_Return)  # searches at once and opens the form for the first hit
    dialog = page.case_dialog
    assert isinstance(dialog, CaseDialog) and dialog.match is not None
    assert dialog.match.code == "ZM-01"
    form = dialog.form
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.edits["applicant_name"])
    session.chinese("张三", "zhangsan")
    session.press(Qt.Key.Key_Tab)
    session.type(VALID_ID)
    session.press(Qt.Key.Key_Tab)
    session.type("13812345678")
    session.press(Qt.Key.Key_Tab)
    session.chinese("东风小区1栋2单元301室", "dongfengxiaoqu1dong2danyuan301shi")
    session.press(Qt.Key.Key_Tab)  # the first material: 申请人居民身份证
    session.press(Qt.Key.Key_Space)
    session.press(Qt.Key.Key_Tab)  # 户口簿
    session.press(Qt.Key.Key_Space)
    session.tab_to(dialog.certificate.facts)
    session.chinese("自2019年3月起在本社区居住至今", "zi2019nian3yueqizaibenshequjuzhuzhijin")
    assert form.materials.selected() == ("申请人居民身份证", "户口簿")
    assert "兹证明张三（男，" in dialog.certificate.preview.text()
    session.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert not dialog.isVisible()
    done = dialog.registered
    assert done is not None and done.certificate_serial
    preview = page.dialog
    assert isinstance(preview, PdfPreviewDialog) and preview.isVisible()
    text = flat_text(preview.path.read_bytes())
    assert done.certificate_serial in text and "自2019年3月起在本社区居住至今" in text
    assert [d.copy_number for d in find_by_serial(window.ctx.db, done.certificate_serial)] == [0]
    assert session.screens <= MAX_SCREENS
    # The offscreen platform does not pass activation on when a window closes, as a desktop
    # does (to the preview as the form closes, back to the main window as the preview closes).
    preview.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is preview)
    session.press(Qt.Key.Key_Escape)  # back to the counter, the keyboard in the search box
    assert not preview.isVisible()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search_box)
    registering = session.keys

    session.type(done.check_line)  # the scanner reads the QR code and types its line
    session.press(Qt.Key.Key_Return)
    result = page.verify_panel.result
    assert result is not None and result.status == VerifyStatus.VALID
    assert page.verify_panel.values["serial"].text() == done.certificate_serial
    session.type(changed_digit(done.check_line))  # the line is selected: a new scan replaces it
    session.press(Qt.Key.Key_Return)
    result = page.verify_panel.result
    assert result is not None and result.status == VerifyStatus.BAD_CODE
    assert page.verify_panel.status.text().strip() == "校验码不符"
    assert session.screens <= MAX_SCREENS
    with capsys.disabled():
        print(
            f"\n走查「从查找事项到证明预览」：{registering} 次按键，{session.screens} 个画面；"
            f"扫码核验两次共 {session.keys - registering} 次按键（扫码枪输入）"
        )
