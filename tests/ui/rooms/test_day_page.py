"""场地预约 page: the day drawn from the services, moving through days and weeks, a booking
started from the grid, changes made elsewhere redrawn, the door sheet through the preview."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from djdesk.services.documents import get_document
from djdesk.services.rooms.bookings import create_booking
from djdesk.services.rooms.calendar import centre_now
from djdesk.services.rooms.settings import RuleOverrides, save_rules
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.rooms.booking_card import BookingCard
from djdesk.ui.rooms.booking_dialog import BookingDialog
from djdesk.ui.rooms.calls_dialog import CallsDialog
from djdesk.ui.rooms.day_page import RoomsDayPage
from djdesk.ui.rooms.grid_model import GridSelection
from tests.helpers.rooms import ADMIN, CLERK, booking, hm, room_id
from tests.ui.rooms.conftest import open_day


def page_for(qtbot: QtBot, ctx: UiContext) -> RoomsDayPage:
    page = RoomsDayPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def test_the_day_shows_the_rooms_and_their_bookings(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    db, day = clerk_ctx.db, open_day()
    create_booking(db, booking(room_id(db, "议事厅"), day, "10:00", "11:00"), actor=CLERK)
    page = page_for(qtbot, clerk_ctx)
    assert page.day == centre_now().date() and page.entry_widget() is page.grid
    page.set_day(day)
    titles = [c.title for c in page.grid.data.columns]
    assert len(titles) == 12 and titles[0] == "党员活动室"
    assert [b.booker_name for b in page.grid.data.bookings] == ["张三"]
    assert "1 个预约" in page.summary_label.text() and "待审批 1" in page.summary_hint.text()
    page.step(1)
    assert page.day == day + timedelta(days=1) and page.date_edit.value() == page.day
    page.go_today()
    assert page.day == centre_now().date()


def test_keys_move_through_days_and_into_a_week(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    page = page_for(qtbot, clerk_ctx)
    today = page.day
    qtbot.keyClick(page.grid, Qt.Key.Key_PageDown)
    qtbot.keyClick(page.grid, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert page.day == today + timedelta(days=2)
    page.grid.set_cursor(3, 0)  # 党群书屋
    qtbot.keyClick(page.grid, Qt.Key.Key_W)
    assert page.mode == "week" and page.room_combo.currentText() == "党群书屋"
    assert [c.day.weekday() for c in page.grid.data.columns] == list(range(7))
    qtbot.keyClick(page.grid, Qt.Key.Key_PageDown)
    assert page.day == today + timedelta(days=9)
    page.grid.set_cursor(0, 0)  # Monday of that week
    qtbot.keyClick(page.grid, Qt.Key.Key_D)
    assert page.mode == "day" and page.day.weekday() == 0
    qtbot.keyClick(page.grid, Qt.Key.Key_T)
    assert page.day == today


def test_enter_on_free_cells_books_them(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    page = page_for(qtbot, clerk_ctx)
    day = open_day()
    page.set_day(day)
    column = next(i for i, c in enumerate(page.grid.data.columns) if c.title == "党群书屋")
    page.grid.set_cursor(column, page.grid.data.row_of(hm("14:00")))
    page.grid.set_cursor(column, page.grid.data.row_of(hm("15:00")), extend=True)
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, BookingDialog)
    assert dialog.form.value().start == hm("14:00") and dialog.form.value().end == hm("15:30")
    dialog.form.picker.name_edit.setText("李四")
    dialog.form.picker.phone_edit.setText("13900139000")
    dialog.form.purpose_edit.setText("邻里议事")
    dialog.form.public_check.setChecked(True)
    dialog.accept()
    assert [b.booker_name for b in page.grid.data.bookings] == ["李四"]  # redrawn on the notice
    assert "已保存预约" in page.status.text()
    assert page.grid.selection() == GridSelection(room_id(clerk_ctx.db, "党群书屋"), day, 840, 930)
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)  # the selection is the new block: it opens
    assert isinstance(page.dialog, BookingCard) and page.dialog.info.booker_name == "李四"


def test_a_change_made_elsewhere_is_redrawn(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    db, day = clerk_ctx.db, open_day()
    page = page_for(qtbot, clerk_ctx)
    page.set_day(day)
    made = create_booking(db, booking(room_id(db, "党群书屋"), day, "10:00", "11:00"), actor=CLERK)
    assert page.grid.data.bookings == ()
    clerk_ctx.notify("booking", made.booking.id)
    assert len(page.grid.data.bookings) == 1


def test_a_meeting_that_displaces_shows_whom_to_call(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    db, day = clerk_ctx.db, open_day()
    create_booking(db, booking(room_id(db, "党群书屋"), day, "10:00", "11:00"), actor=CLERK)
    page = page_for(qtbot, clerk_ctx)
    page.set_day(day)
    dialog = page.new_booking(GridSelection(room_id(db, "党群书屋"), day, 600, 660))
    assert dialog is not None
    form = dialog.form
    form.picker.set_category("党组织")
    form.picker.name_edit.setText("东风社区第一党支部")
    form.purpose_edit.setText("支部委员会")
    form.public_check.setChecked(True)
    form.official_check.setChecked(True)
    dialog.run_check()
    form.bump_edit.setText("街道党工委临时通知")
    dialog.accept()
    calls = page.dialog
    assert isinstance(calls, CallsDialog)
    assert [b.booker_name for b in calls.model.records()] == ["张三"]
    assert calls.model.records()[0].booker_phone == "13800138000"


def test_a_series_reports_what_was_skipped(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    save_rules(clerk_ctx.db, RuleOverrides(quota_count=0, quota_hours=0), actor=ADMIN)
    page = page_for(qtbot, clerk_ctx)
    day = open_day()
    dialog = page.new_booking(GridSelection(room_id(clerk_ctx.db, "党群书屋"), day, 600, 660))
    assert dialog is not None
    dialog.form.picker.name_edit.setText("夕阳红合唱团")
    dialog.form.picker.phone_edit.setText("13800138001")
    dialog.form.purpose_edit.setText("合唱排练")
    dialog.form.public_check.setChecked(True)
    dialog.series.setChecked(True)
    dialog.series.count_spin.setValue(3)
    dialog.accept()
    qtbot.waitUntil(lambda: isinstance(page.dialog, QMessageBox))
    assert isinstance(page.dialog, QMessageBox) and "已预约 3 次，跳过 0 次" in page.dialog.text()


def test_the_door_sheet_prints_through_the_preview(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    db, day = clerk_ctx.db, open_day()
    create_booking(db, booking(room_id(db, "党群书屋"), day, "10:00", "11:00"), actor=CLERK)
    page = page_for(qtbot, clerk_ctx)
    page.set_day(day)
    page.sheet_button.click()
    preview = page.dialog
    assert isinstance(preview, PdfPreviewDialog) and preview.document_id
    assert get_document(db, preview.document_id).kind == "room-day-sheet"
    assert preview.path.parent == clerk_ctx.paths.output_dir


def test_a_viewer_cannot_start_a_booking(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    from djdesk.actor import Actor, Role

    viewer = UiContext(
        db=clerk_ctx.db,
        paths=clerk_ctx.paths,
        tasks=clerk_ctx.tasks,
        actor=Actor("chakan", "查看员", Role.VIEWER, 9),
    )
    page = page_for(qtbot, viewer)
    assert page.new_button is not None and not page.new_button.isEnabled()
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)
    assert page.dialog is None
