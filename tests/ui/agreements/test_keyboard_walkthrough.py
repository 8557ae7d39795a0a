"""By keyboard alone, from the main window: a new 共驻共建协议书 is written, numbered, previewed and
printed — once on a stand-in PDF printer (always), once through the real CUPS queue ``djdesk-pdf``
whose PDF is read back (skipped where there is no CUPS, as on Windows).

Ctrl+6 opens 协议管理, Ctrl+N the form; the unit is found by part of its name, the two 甲方 fields
are typed through the input method, Ctrl+S saves; Ctrl+P asks before numbering (the safe choice
has the keyboard), then the preview's 打印 sends it to the chosen printer and the register
records the output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from djdesk.services.agreements.records import get_agreement, list_agreements
from djdesk.services.agreements.types import AgreementStatus
from djdesk.services.checkin.units import UnitInfo
from djdesk.services.documents import OutputKind, get_document
from djdesk.ui.agreements.agreement_dialog import AgreementDialog
from djdesk.ui.agreements.agreements_page import AgreementsPage
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.main_window import MainWindow
from tests.helpers.cups import QUEUE, assert_not_blank, printed
from tests.helpers.keyboard import KeyboardSession
from tests.helpers.pdf_text import flat_text, page_count
from tests.helpers.printers import PdfPrinters

#: The main window, the agreement form, the numbering question and the preview.
MAX_SCREENS = 4


@pytest.fixture
def session(qtbot: QtBot, main_window: MainWindow) -> Iterator[KeyboardSession]:
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    keys = KeyboardSession(qtbot)
    keys.note_window(main_window)
    yield keys
    keys.stop()


def write_and_preview(
    qtbot: QtBot, main_window: MainWindow, session: KeyboardSession, unit: UnitInfo
) -> PdfPreviewDialog:
    """The page (Ctrl+digit, or F6 and the page list past the ninth page), Ctrl+N, the form,
    Ctrl+S, Ctrl+P, 编号并打印: the preview of the numbered text."""
    index = main_window.page_keys().index("agreements")
    if index < 9:
        session.press(Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
    else:
        session.press(Qt.Key.Key_F6)
        session.press(Qt.Key.Key_Home)
        for _ in range(index):
            session.press(Qt.Key.Key_Down)
        session.press(Qt.Key.Key_Return)
    page = main_window.stack.currentWidget()
    assert isinstance(page, AgreementsPage)
    session.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, AgreementDialog) and dialog.isVisible()
    form = dialog.form
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.unit_picker.combo)

    session.chinese("人民医院", "renminyiyuan")  # any part of the unit's name
    session.press(Qt.Key.Key_Down)
    session.press(Qt.Key.Key_Return)
    assert dialog.isVisible() and form.unit_picker.unit_id() == unit.id
    session.tab_to(form.edits["first_leader"])
    session.chinese("王书记", "wangshuji")
    session.tab_to(form.edits["first_liaison"])
    session.chinese("李联络", "lilianluo")
    session.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved is not None
    saved = dialog.saved
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # (the offscreen platform has no window manager to hand activation back to the window)
    main_window.activateWindow()
    # the new row is selected and has the keyboard: Ctrl+P prints it
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.view)
    assert saved.status == AgreementStatus.DRAFT and saved.first_leader == "王书记"
    selected = page.selected()
    assert selected is not None and selected.id == saved.id

    session.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    confirm = page.actions_row.dialog
    assert isinstance(confirm, ConfirmDialog) and confirm.isVisible()
    # the safe choice has the keyboard: Enter here numbers nothing
    qtbot.waitUntil(lambda: QApplication.focusWidget() is confirm.safe_button)
    session.tab_to(confirm.action_button)
    session.press(Qt.Key.Key_Space)
    preview = page.actions_row.dialog
    assert isinstance(preview, PdfPreviewDialog) and preview.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is preview)
    issued = get_agreement(main_window.ctx.db, saved.id)
    assert issued.issued and issued.serial in preview.message.text()
    assert preview.document_id == issued.issued_document_id
    return preview


def print_from_preview(
    session: KeyboardSession, preview: PdfPreviewDialog, printer: str
) -> Callable[[], None]:
    """Choose ``printer`` in the print bar by typing its name; the key press that prints."""
    combo = preview.panel.printer_combo
    if combo.currentData() != printer:
        session.tab_to(combo)
        session.type(printer)  # a list of names is searched by typing
    assert combo.currentData() == printer
    session.tab_to(preview.print_button)
    return lambda: session.press(Qt.Key.Key_Space)


def report(capsys: pytest.CaptureFixture[str], keys: KeyboardSession) -> None:
    with capsys.disabled():
        print(f"\n走查「新建协议并打印」：{keys.keys} 次按键，{keys.screens} 个画面")
    assert keys.screens <= MAX_SCREENS


def check_registered(ctx: UiContext, preview: PdfPreviewDialog, printer: str) -> None:
    outputs = get_document(ctx.db, preview.document_id or 0).outputs
    assert [(o.kind, o.target) for o in outputs] == [
        (OutputKind.FILE, str(preview.path)),
        (OutputKind.PRINTER, printer),
    ]
    assert f"已送打印机“{printer}”" in preview.status.text()


def test_an_agreement_by_keyboard_to_a_pdf_printer(
    qtbot: QtBot,
    ctx: UiContext,
    main_window: MainWindow,
    session: KeyboardSession,
    unit: UnitInfo,
    pdf_printers: PdfPrinters,
    capsys: pytest.CaptureFixture[str],
) -> None:
    preview = write_and_preview(qtbot, main_window, session, unit)
    print_from_preview(session, preview, pdf_printers.names[0])()
    # the printer gets the previewed pages (painted, so read back the previewed text)
    assert len(pdf_printers.outputs) == 1
    assert page_count(pdf_printers.outputs[0].read_bytes()) == preview.page_count() >= 3
    text = flat_text(preview.path.read_bytes())
    serial = get_agreement(ctx.db, list_agreements(ctx.db)[0].id).serial
    assert serial in text and "宜宾市翠屏区人民医院" in text and "王书记" in text
    check_registered(ctx, preview, pdf_printers.names[0])
    report(capsys, session)
    preview.close()


@pytest.mark.skipif(
    QUEUE is None,
    reason="no CUPS queue with the cups-pdf backend (or no pdftoppm): .ci/run sets one up on Linux",
)
def test_an_agreement_by_keyboard_through_cups(
    qtbot: QtBot,
    ctx: UiContext,
    main_window: MainWindow,
    session: KeyboardSession,
    unit: UnitInfo,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert QUEUE is not None
    preview = write_and_preview(qtbot, main_window, session, unit)
    pdf = printed(print_from_preview(session, preview, QUEUE))
    assert page_count(pdf.read_bytes()) == preview.page_count() >= 3
    assert_not_blank(pdf, tmp_path)
    check_registered(ctx, preview, QUEUE)
    report(capsys, session)
    preview.close()
    pdf.unlink()
