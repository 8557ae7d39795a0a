"""The check-in form on the form kit: it fits small screens, keys save and never toggle a chip,
Esc asks before typed input is lost, the unit is required for a check-in, and an ID number
that is already registered offers that member's card."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor
from djdesk.services.checkin.checkins import CheckInInput, check_in
from djdesk.services.checkin.member_rules import MemberInput
from djdesk.services.checkin.members import MemberFilter, count_members
from djdesk.services.checkin.units import UnitInput, save_unit
from djdesk.ui.checkin.checkin_dialog import MODE_EDIT, CheckInDialog
from djdesk.ui.checkin.checkin_page import CheckInPage
from djdesk.ui.common import dialogs
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.context import UiContext
from djdesk.validation.idcard import check_char

ADMIN = Actor.system()
SCREENS = {"1366x768": QRect(0, 0, 1366, 728), "1280x720": QRect(0, 0, 1280, 680)}
FIRST17 = "51150219850312002"
NUMBER = FIRST17 + check_char(FIRST17)


@pytest.fixture
def unit_id(ctx: UiContext) -> int:
    return save_unit(ctx.db, UnitInput(name="宜宾学院", category=5), actor=ADMIN).id


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext, unit_id: int) -> CheckInPage:
    widget = CheckInPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def open_form(page: CheckInPage) -> CheckInDialog:
    dialog = page.new_check_in("")
    assert dialog is not None
    return dialog


def fill(dialog: CheckInDialog, unit_id: int) -> None:
    form = dialog.form
    form.edits["name"].setText("王小红")
    form.edits["id_number"].setText(NUMBER)
    form.edits["mobile"].setText("13908311234")
    form.unit_combo.setCurrentIndex(form.unit_combo.findData(unit_id))


@pytest.mark.parametrize("screen", SCREENS, ids=list(SCREENS))
def test_the_form_fits_the_screen_with_its_buttons_in_sight(
    qtbot: QtBot, page: CheckInPage, monkeypatch: pytest.MonkeyPatch, screen: str
) -> None:
    room = SCREENS[screen]
    monkeypatch.setattr(dialogs, "available_room", lambda _widget: room)
    dialog = open_form(page)
    qtbot.waitExposed(dialog)
    limit = room.height() - dialogs.FRAME_ALLOWANCE
    assert dialog.height() <= limit and dialog.width() <= room.width()
    dialog.save_button.click()  # everything empty: an error line under many fields
    assert dialog.isVisible() and dialog.form.error_text("name") == "不能为空"
    assert dialog.height() <= limit
    assert dialog.scroll_area.verticalScrollBar().maximum() > 0  # the fields scroll inside
    for button in (dialog.save_button, dialog.cancel_button):
        corner = button.mapTo(dialog, button.rect().bottomRight())
        assert dialog.rect().contains(corner)


def test_required_fields_are_marked_and_the_unit_is_required_for_a_check_in(
    qtbot: QtBot, page: CheckInPage, ctx: UiContext, unit_id: int
) -> None:
    dialog = open_form(page)
    required = {"name", "id_number", "mobile", "unit_id"}
    grids = dialog.form.grids
    assert {n for g in grids for n in g.names() if g.is_required(n)} == required
    assert dialog.required_note.isVisible()
    fill(dialog, unit_id)
    dialog.form.unit_combo.setCurrentIndex(0)  # no unit
    dialog.save_button.click()
    assert dialog.form.error_text("unit_id") == "不能为空"
    assert count_members(ctx.db, MemberFilter()) == 0
    edit = CheckInDialog(ctx, mode=MODE_EDIT, initial=MemberInput(name="王"), member_id=1)
    qtbot.addWidget(edit)
    assert not edit.form.grid_of("unit_id").is_required("unit_id")  # a correction may not know


def test_enter_on_a_chip_saves_instead_of_toggling_it(
    qtbot: QtBot, page: CheckInPage, ctx: UiContext, unit_id: int
) -> None:
    dialog = open_form(page)
    fill(dialog, unit_id)
    assert dialog.checkin_fields is not None
    chip = dialog.checkin_fields.post_chips.chips["政策宣传"]
    chip.setFocus()
    qtbot.keyClick(chip, Qt.Key.Key_Space)
    assert chip.isChecked()
    qtbot.keyClick(chip, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.result_info is not None
    assert count_members(ctx.db, MemberFilter()) == 1


def test_escape_asks_before_the_typed_form_is_lost(
    qtbot: QtBot, page: CheckInPage, unit_id: int
) -> None:
    dialog = open_form(page)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.edits["name"])
    qtbot.keyClicks(dialog.form.edits["mobile"], "139")
    qtbot.keyClick(dialog.form.edits["mobile"], Qt.Key.Key_Escape)
    ask = dialog.discard_box
    assert isinstance(ask, ConfirmDialog) and dialog.isVisible()
    ask.safe_button.click()
    assert dialog.isVisible() and dialog.form.edits["mobile"].text() == "139"


def test_joined_party_before_age_18_is_refused_at_the_field(
    qtbot: QtBot, page: CheckInPage, unit_id: int
) -> None:
    dialog = open_form(page)
    fill(dialog, unit_id)  # born 1985-03-12
    dialog.form.joined_edit.setText("2002.7.1")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "入党时未满 18 周岁" in dialog.form.error_text("joined_party_on")
    dialog.form.joined_edit.setText("2003年7月1日")
    dialog.save_button.click()
    assert not dialog.isVisible()


def test_a_registered_id_number_links_to_that_card(
    qtbot: QtBot, page: CheckInPage, ctx: UiContext, unit_id: int
) -> None:
    member = MemberInput(name="王芳", id_number=NUMBER, mobile="13908316987", unit_id=unit_id)
    existing = check_in(ctx.db, member, CheckInInput(checked_in_on=date.today()), actor=ADMIN)
    dialog = open_form(page)
    fill(dialog, unit_id)
    dialog.save_button.click()
    form = dialog.form
    assert dialog.isVisible() and "王芳" in form.error_text("id_number")
    assert form.id_status.text() == ""  # no green tick beside a refused number
    link = form.grid_of("id_number").action_button("id_number")
    assert link.isVisible() and "王芳" in link.text()
    link.click()
    assert not dialog.isVisible()  # closed without asking: the number is someone's already
    assert page.card.member_id == existing.member_id
    row = page.results_view.currentIndex().row()
    assert page.results_model.member_id(row) == existing.member_id
