"""场地管理: rooms with their hours, the centre's and a room's rules, closures (with a
confirmation before cancelling bookings), special hours and lifting a suspension — each bad
input refused at its field with nothing saved."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from djdesk.services.rooms.booking_info import get_booking
from djdesk.services.rooms.bookings import create_booking
from djdesk.services.rooms.closures import list_closures, list_day_hours
from djdesk.services.rooms.noshows import suspensions
from djdesk.services.rooms.rooms import get_room, list_rooms
from djdesk.services.rooms.settings import centre_rules, effective_rules, room_overrides
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.main_window import MainWindow
from djdesk.ui.rooms.action_dialogs import ReasonConfirmDialog
from djdesk.ui.rooms.admin_page import RoomsAdminPage
from djdesk.ui.rooms.closure_dialog import ClosureDialog, DayHoursDialog
from djdesk.ui.rooms.room_dialog import RoomDialog
from djdesk.ui.rooms.rules_dialog import RulesDialog
from tests.helpers.rooms import CLERK, booking, room_id
from tests.ui.rooms.conftest import open_day
from tests.ui.rooms.test_booking_dialog import suspended


def page_for(qtbot: QtBot, ctx: UiContext) -> RoomsAdminPage:
    page = RoomsAdminPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def test_only_administrators_see_the_page(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    window = MainWindow(clerk_ctx)
    qtbot.addWidget(window)
    keys = window.page_keys()
    assert "rooms-day" in keys and "bookings" in keys and "rooms-admin" not in keys


def test_a_room_is_refused_at_its_fields_then_saved(qtbot: QtBot, admin_ctx: UiContext) -> None:
    page = page_for(qtbot, admin_ctx)
    assert page.rooms.record_count() == 12
    dialog = page.add_room()
    assert isinstance(dialog, RoomDialog)
    dialog.capacity_spin.setValue(0)
    dialog.hours.edits[0].setText("08:30-12:00, 14:00")
    dialog.categories.set_selected([])
    dialog.accept()
    grid = dialog.grid
    assert "不能为空" in grid.error_text("name")
    assert "周一：“14:00”应写成 开始-结束" in grid.error_text("hours")
    assert "1–5000" in grid.error_text("capacity") and "至少选择一类" in grid.error_text(
        "categories"
    )
    assert len(list_rooms(admin_ctx.db)) == 12 and dialog.isVisible()
    dialog.edits["name"].setText("党员活动室")  # taken
    dialog.capacity_spin.setValue(25)
    dialog.hours.edits[0].setText("08:30-12:00, 14:00-17:00")
    dialog.categories.set_selected(["居民", "党组织"])
    dialog.accept()
    assert "已有同名场地" in grid.error_text("name") and len(list_rooms(admin_ctx.db)) == 12
    dialog.edits["name"].setText("睦邻议事角")
    dialog.accept()
    assert dialog.saved_room is not None and not dialog.isVisible()
    assert dialog.saved_room.hours[0] == ((510, 720), (840, 1020))
    assert page.rooms.record_count() == 13


def test_editing_a_room_puts_it_under_repair(qtbot: QtBot, admin_ctx: UiContext) -> None:
    page = page_for(qtbot, admin_ctx)
    page.rooms_view.selectRow(2)
    dialog = page.edit_room()
    assert isinstance(dialog, RoomDialog) and dialog.edits["name"].text() == "多功能厅"
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("维修"))
    dialog.accept()
    assert get_room(admin_ctx.db, room_id(admin_ctx.db, "多功能厅")).status == "维修"


def test_rules_of_the_centre_and_of_one_room(qtbot: QtBot, admin_ctx: UiContext) -> None:
    db = admin_ctx.db
    page = page_for(qtbot, admin_ctx)
    dialog = page.edit_rules(None)
    assert isinstance(dialog, RulesDialog)
    dialog.editors["slot_minutes"].setText("7")  # type: ignore[attr-defined]
    dialog.editors["max_advance_days"].setText("三十")  # type: ignore[attr-defined]
    dialog.editors["buffer_minutes"].setText("")  # type: ignore[attr-defined]
    dialog.accept()
    assert "整除 60" in dialog.grid.error_text("slot_minutes")
    assert "应为整数" in dialog.grid.error_text("max_advance_days")
    assert "不能为空" in dialog.grid.error_text("buffer_minutes")
    assert centre_rules(db).slot_minutes == 30
    dialog.editors["slot_minutes"].setText("30")  # type: ignore[attr-defined]
    dialog.editors["max_advance_days"].setText("60")  # type: ignore[attr-defined]
    dialog.editors["buffer_minutes"].setText("15")  # type: ignore[attr-defined]
    dialog.accept()
    assert centre_rules(db).max_advance_days == 60 and centre_rules(db).buffer_minutes == 15

    page.rooms_view.selectRow(3)
    room = page.selected_room()
    assert room is not None
    own = page.edit_rules(room)
    assert isinstance(own, RulesDialog)
    assert own.editors["max_advance_days"].text() == ""  # type: ignore[attr-defined]
    assert "沿用中心：60" in own.editors["max_advance_days"].placeholderText()  # type: ignore[attr-defined]
    own.editors["max_advance_days"].setText("14")  # type: ignore[attr-defined]
    own.accept()
    assert room_overrides(db, room.id).max_advance_days == 14
    assert effective_rules(db, room.id).buffer_minutes == 15


def test_a_closure_over_bookings_asks_before_cancelling_them(
    qtbot: QtBot, admin_ctx: UiContext
) -> None:
    db, day = admin_ctx.db, open_day()
    made = create_booking(db, booking(room_id(db, "党群书屋"), day, "10:00", "11:00"), actor=CLERK)
    page = page_for(qtbot, admin_ctx)
    dialog = page.add_closure()
    assert isinstance(dialog, ClosureDialog)
    dialog.first_edit.set_value(day)
    dialog.last_edit.set_value(day - timedelta(days=1))
    dialog.accept()
    assert "不能早于开始日期" in dialog.grid.error_text("last_day")
    assert "不能为空" in dialog.grid.error_text("reason") and list_closures(db) == []
    dialog.last_edit.set_value(day)
    dialog.reason_edit.setText("线路检修")
    dialog.cancel_check.setChecked(True)
    dialog.accept()
    confirm = dialog.confirmation
    assert isinstance(confirm, ConfirmDialog) and "取消 1 个预约" in confirm.heading.text()
    assert confirm.safe_button.isDefault() and list_closures(db) == []
    confirm.action_button.click()
    assert [c.reason for c in list_closures(db)] == ["线路检修"]
    assert get_booking(db, made.booking.id).status == "已取消"
    assert page.closures.record_count() == 1


def test_special_hours_for_one_day(qtbot: QtBot, admin_ctx: UiContext) -> None:
    db, day = admin_ctx.db, open_day()
    page = page_for(qtbot, admin_ctx)
    dialog = page.add_day_hours()
    assert isinstance(dialog, DayHoursDialog)
    dialog.accept()
    assert "不能为空" in dialog.grid.error_text("day")
    dialog.day_edit.set_value(day)
    dialog.hours_edit.setText("9点到12点")
    dialog.accept()
    assert "应写成 开始-结束" in dialog.grid.error_text("hours") and list_day_hours(db) == []
    dialog.hours_edit.setText("09:00-12:00")
    dialog.reason_edit.setText("社区运动会")
    dialog.accept()
    assert [(d.day, d.intervals) for d in list_day_hours(db)] == [(day, ((540, 720),))]
    assert page.closures.record_count() == 1
    page.closures_view.selectRow(0)
    confirm = page.remove_selected()
    assert isinstance(confirm, ConfirmDialog)
    confirm.action_button.click()
    assert list_day_hours(db) == [] and page.closures.record_count() == 0


def test_lifting_a_suspension_needs_a_reason(qtbot: QtBot, admin_ctx: UiContext) -> None:
    db = admin_ctx.db
    suspended(db)
    page = page_for(qtbot, admin_ctx)
    page.tabs.setCurrentIndex(2)
    page.suspended_view.selectRow(0)
    dialog = page.lift_selected()
    assert isinstance(dialog, ReasonConfirmDialog)
    dialog.accept()
    assert dialog.isVisible() and "请填写恢复预约资格的理由" in dialog.grid.error_text("reason")
    assert len(suspensions(db)) == 1
    dialog.reason_edit.setEditText("经核实爽约有正当理由")
    dialog.accept()
    assert suspensions(db) == [] and page.suspended.record_count() == 0
