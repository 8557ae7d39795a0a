"""党员报到 page: the whole counter walk-through (search, 新建报到, errors at the field, save,
receipt preview, pinyin search, 迁出, 重新报到), keyboard use, roles and the receipt preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor, Role
from djdesk.errors import DjdeskError
from djdesk.services.checkin.checkins import CheckInInput, check_in
from djdesk.services.checkin.grids import save_grid
from djdesk.services.checkin.member_rules import MemberInput
from djdesk.services.checkin.members import MemberFilter, count_members, get_member_card
from djdesk.services.checkin.units import UnitInput, save_unit
from djdesk.services.store import Database
from djdesk.ui.checkin.checkin_dialog import MODE_RETURN, CheckInDialog
from djdesk.ui.checkin.checkin_fields import AssignmentDialog
from djdesk.ui.checkin.checkin_page import CheckInPage
from djdesk.ui.checkin.move_out_dialog import MoveOutDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.pdf_preview import PdfPreviewDialog, page_image
from tests.helpers.checkin_registry import employer

ADMIN = Actor.system()
GOOD_ID = "34052419800101001X"
BAD_ID = "340524198001010013"  # wrong check character


def ime_commit(widget: QWidget, text: str) -> None:
    """Chinese arrives from the input method as a commit, never as key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def refs(ctx: UiContext) -> dict[str, int]:
    unit = save_unit(
        ctx.db,
        UnitInput(name="宜宾市翠屏区教育和体育局", category=4, declared_members=10),
        actor=ADMIN,
    )
    grid = save_grid(ctx.db, name="东风一网格", leader="钱刚", actor=ADMIN)
    return {"unit": unit.id, "grid": grid.id}


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext, refs: dict[str, int]) -> CheckInPage:
    widget = CheckInPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    return shown


def search(qtbot: QtBot, page: CheckInPage, text: str, *, chinese: bool = False) -> None:
    page.search_box.clear()
    page.search_box.setFocus()
    with qtbot.waitSignal(page.search_box.search_requested, timeout=2000):
        if chinese:
            ime_commit(page.search_box, text)
        else:
            qtbot.keyClicks(page.search_box, text)


def names(page: CheckInPage) -> list[str]:
    return [hit.name for hit in page.results_model.records()]


def test_counter_walk_through(
    qtbot: QtBot, page: CheckInPage, ctx: UiContext, refs: dict[str, int], qtmodeltester: Any
) -> None:
    assert page.search_box.hasFocus()
    # A first-time member: nothing is found, 新建报到 opens the form with the typed name.
    search(qtbot, page, "李雷", chinese=True)
    assert names(page) == [] and page.not_found.isVisible()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    dialog = page.checkin_dialog
    assert dialog is not None and dialog.isVisible()
    form = dialog.form
    assert form.edits["name"].text() == "李雷"
    assert dialog.checkin_fields is not None
    fields = dialog.checkin_fields
    assert fields.received_edit.text() == ctx.actor.display_name

    form.edits["id_number"].setText(BAD_ID)
    form.edits["mobile"].setText("138 1234 5678")
    form.edits["estate"].setText("东风小区")
    form.unit_combo.setCurrentIndex(form.unit_combo.findData(refs["unit"]))
    fields.grid_combo.setCurrentIndex(fields.grid_combo.findData(refs["grid"]))
    qtbot.mouseClick(fields.post_chips.chips["政策宣传"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # The bad ID number is named under its field and nothing was saved.
    assert dialog.isVisible()
    assert "校验位" in form.error_text("id_number")
    assert count_members(ctx.db, MemberFilter()) == 0

    form.edits["id_number"].setText(GOOD_ID.lower())
    assert form.error_text("id_number") == ""
    assert form.gender_combo.currentText() == "男"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    result = dialog.result_info
    assert result is not None and not result.returning

    card = page.card
    assert card.isVisible() and card.member_id == result.member_id
    assert card.status_label.text() == "在册"
    assert result.serial in card.serial_label.text()
    assert result.serial in card.banner.text()
    assert card.values["grid"].text() == "东风一网格"
    assert card.values["posts"].text() == "政策宣传"
    assert card.values["id_number"].text() == "340***********001X"
    preview = card.dialog
    assert isinstance(preview, PdfPreviewDialog) and preview.isVisible()
    assert preview.page_count() >= 1 and result.serial in preview.message.text()
    assert preview.path.parent == ctx.paths.output_dir and preview.path.is_file()
    preview.close()

    # Found again by the initials of the name's pinyin; Enter opens the card.
    search(qtbot, page, "ll")
    assert names(page) == ["李雷"]
    assert page.results_model.records()[0].status == "在册"
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert card.member_id == result.member_id

    # 迁出: the reason is required (shown at the field), then the member is 迁出.
    qtbot.mouseClick(card.move_out_button, Qt.MouseButton.LeftButton)
    move = card.dialog
    assert isinstance(move, MoveOutDialog)
    qtbot.mouseClick(move.ok_button, Qt.MouseButton.LeftButton)
    assert move.isVisible() and "迁出原因" in move.grid.error_text("remarks")
    move.reason_combo.setCurrentText("搬离本社区")
    qtbot.mouseClick(move.ok_button, Qt.MouseButton.LeftButton)
    assert not move.isVisible()
    assert card.status_label.text() == "迁出"
    assert card.return_button.isVisible() and not card.move_out_button.isVisible()
    assert names(page) == ["李雷"] and page.results_model.records()[0].status == "迁出"

    # 重新报到: the form comes filled in; saving adds a second check-in with a new number.
    qtbot.mouseClick(card.return_button, Qt.MouseButton.LeftButton)
    again = card.dialog
    assert isinstance(again, CheckInDialog) and again.mode == MODE_RETURN
    assert again.form.edits["id_number"].text() == GOOD_ID
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert again.result_info is not None and again.result_info.returning
    assert card.status_label.text() == "在册"
    assert card.history_model.rowCount() == 2
    statuses = [c.status for c in card.history_model.records()]
    assert statuses == ["在册", "迁出"]
    qtmodeltester.check(card.history_model)
    assert "重新报到成功" in card.banner.text()
    assert len(get_member_card(ctx.db, result.member_id).history) == 2


def test_new_check_in_prefills_id_number_and_mobile(qtbot: QtBot, page: CheckInPage) -> None:
    search(qtbot, page, GOOD_ID)
    assert page.not_found.isVisible()
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)  # Enter with nothing found: new check-in
    dialog = page.checkin_dialog
    assert dialog is not None and dialog.form.edits["id_number"].text() == GOOD_ID
    assert dialog.form.birth_edit.value() is not None  # filled from the number
    dialog.reject()
    search(qtbot, page, "13812345678")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.checkin_dialog is not None
    assert page.checkin_dialog.form.edits["mobile"].text() == "13812345678"
    page.checkin_dialog.reject()


def test_short_numbers_ask_for_more_digits(qtbot: QtBot, page: CheckInPage) -> None:
    search(qtbot, page, "12")
    assert "4 位" in page.hint_label.text() and not page.not_found.isVisible()
    qtbot.keyClick(page.search_box, Qt.Key.Key_Escape)
    assert page.search_box.text() == "" and not page.not_found.isVisible()


def _checked_in(db: Database, name: str, id_number: str, grid: int | None = None) -> int:
    member = MemberInput(name=name, id_number=id_number, mobile="13912345678", unit_id=employer(db))
    from datetime import date

    return check_in(
        db, member, CheckInInput(checked_in_on=date.today(), grid_id=grid), actor=ADMIN
    ).member_id


def test_adjust_grid_and_posts(qtbot: QtBot, page: CheckInPage, refs: dict[str, int]) -> None:
    member_id = _checked_in(page.ctx.db, "曾国藩", GOOD_ID)
    page.show_member(member_id)
    assert page.card.values["grid"].text() == "—"
    qtbot.mouseClick(page.card.assign_button, Qt.MouseButton.LeftButton)
    dialog = page.card.dialog
    assert isinstance(dialog, AssignmentDialog)
    dialog.grid_combo.setCurrentIndex(dialog.grid_combo.findData(refs["grid"]))
    qtbot.mouseClick(dialog.post_chips.chips["法律服务"], Qt.MouseButton.LeftButton)
    dialog.accept()
    assert page.card.values["grid"].text() == "东风一网格"
    assert page.card.values["posts"].text() == "法律服务"


def test_reveal_is_for_administrators(qtbot: QtBot, page: CheckInPage) -> None:
    member_id = _checked_in(page.ctx.db, "曾国藩", GOOD_ID)
    page.show_member(member_id)
    assert page.card.reveal_button.isVisible()
    qtbot.mouseClick(page.card.reveal_button, Qt.MouseButton.LeftButton)
    assert page.card.values["id_number"].text() == GOOD_ID


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CLERK])
def test_roles_limit_the_counter(
    qtbot: QtBot, ctx: UiContext, refs: dict[str, int], role: Role
) -> None:
    member_id = _checked_in(ctx.db, "曾国藩", GOOD_ID)
    ctx.actor = Actor("someone", "某某", role, 5)
    page = CheckInPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.show_member(member_id)
    writable = role == Role.CLERK
    assert page.new_button.isEnabled() is writable
    assert page.create_button.isEnabled() is writable
    for button in (page.card.print_button, page.card.move_out_button, page.card.edit_button):
        assert button.isEnabled() is writable
    assert not page.card.reveal_button.isVisible()  # administrators only
    if not writable:
        assert page.new_check_in("李雷") is None


def test_edit_member_saves_through_the_same_form(qtbot: QtBot, page: CheckInPage) -> None:
    member_id = _checked_in(page.ctx.db, "曾国藩", GOOD_ID)
    page.show_member(member_id)
    qtbot.mouseClick(page.card.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.card.dialog
    assert isinstance(dialog, CheckInDialog) and dialog.checkin_fields is None
    dialog.form.edits["mobile"].setText("12345")
    dialog.accept()
    assert dialog.isVisible() and "11 位手机号" in dialog.form.error_text("mobile")
    dialog.form.edits["mobile"].setText("13800001111")
    dialog.accept()
    assert page.card.values["mobile"].text() == "138****1111"


def test_receipt_failure_is_said_plainly(
    qtbot: QtBot, page: CheckInPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    member_id = _checked_in(page.ctx.db, "曾国藩", GOOD_ID)
    page.show_member(member_id)
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )

    def fail(*args: Any, **kwargs: Any) -> None:
        raise DjdeskError("无法写入文件“报到回执.pdf”：磁盘已满。")

    monkeypatch.setattr("djdesk.ui.checkin.receipts.print_receipt", fail)
    qtbot.mouseClick(page.card.print_button, Qt.MouseButton.LeftButton)
    assert shown == ["无法写入文件“报到回执.pdf”：磁盘已满。"]
    assert not isinstance(page.card.dialog, PdfPreviewDialog)


def test_preview_prints_pages_on_white(
    qtbot: QtBot, page: CheckInPage, tmp_path: Path, opened_urls: list[Path]
) -> None:
    member_id = _checked_in(page.ctx.db, "曾国藩", GOOD_ID)
    page.show_member(member_id)
    qtbot.mouseClick(page.card.print_button, Qt.MouseButton.LeftButton)
    preview = page.card.dialog
    assert isinstance(preview, PdfPreviewDialog)
    image = page_image(preview.document, 0, dpi=36)
    assert image.pixelColor(1, 1).name() == "#ffffff" and image.hasAlphaChannel() is False
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == preview.page_count()
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    qtbot.mouseClick(preview.open_button, Qt.MouseButton.LeftButton)
    assert opened_urls == [preview.path]
    preview.close()


def test_search_results_model(qtmodeltester: Any, page: CheckInPage) -> None:
    _checked_in(page.ctx.db, "曾国藩", GOOD_ID)
    page.run_search("zgf")
    assert names(page) == ["曾国藩"]
    qtmodeltester.check(page.results_model)
    assert page.results_model.member_id(0) is not None
    assert page.results_model.member_id(5) is None
