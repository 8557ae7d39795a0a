"""新建预约: every rule checked as the clerk types and again on saving, each refusal at its field
and nothing saved; warnings, an administrator's override, the priority bump and a series."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from djdesk.services.rooms.bookers import BookerInput, save_booker
from djdesk.services.rooms.bookings import create_booking
from djdesk.services.rooms.calendar import centre_now
from djdesk.services.rooms.closures import add_closure
from djdesk.services.rooms.rooms import set_room_status
from djdesk.services.rooms.settings import RuleOverrides, save_rules
from djdesk.services.rooms.transitions import mark_no_show
from djdesk.services.rooms.types import BookingStatus, RoomStatus
from djdesk.services.rooms.views import BookingFilter, booking_page, count_bookings
from djdesk.services.store import Database
from djdesk.ui.common.context import UiContext
from djdesk.ui.rooms.booking_dialog import BookingDialog
from djdesk.ui.rooms.grid_model import GridSelection
from tests.helpers.rooms import ADMIN, CLERK, booking, hm, room_id
from tests.ui.rooms.conftest import open_day

BOOK = "党群书屋"  # open every day 09:00–21:00, 30 people, no approval


def dialog_for(qtbot: QtBot, ctx: UiContext, **kw: object) -> BookingDialog:
    dialog = BookingDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(dialog, **kw)
    return dialog


def fill(
    dialog: BookingDialog,
    *,
    room: str = BOOK,
    day: date | None = None,
    start: str = "10:00",
    end: str = "11:00",
    name: str = "张三",
    phone: str = "13800138000",
    purpose: str = "读书分享会",
    attendees: int = 10,
    public: bool = True,
) -> None:
    form = dialog.form
    form.set_room(room_id(dialog.ctx.db, room))
    form.day_edit.set_value(day or open_day())
    form.start_combo.setEditText(start)
    form.end_combo.setEditText(end)
    form.picker.name_edit.setText(name)
    form.picker.phone_edit.setText(phone)
    form.purpose_edit.setText(purpose)
    form.attendees_spin.setValue(attendees)
    form.public_check.setChecked(public)


def refused(dialog: BookingDialog, field: str, words: str) -> None:
    """Saving is refused with ``words`` under ``field``; nothing is saved, the form stays."""
    dialog.accept()
    assert dialog.saved is None and dialog.isVisible()
    assert words in dialog.form.grid.error_text(field), dialog.form.grid.error_text(field)
    assert count_bookings(dialog.ctx.db, BookingFilter()) == 0


def test_a_free_slot_is_booked_by_a_walk_in(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    dialog = dialog_for(qtbot, clerk_ctx)
    assert dialog.run_check() is not None and dialog.check is not None
    assert dialog.check.allowed and "符合全部预约规则" in dialog.verdict.text()
    with qtbot.waitSignal(clerk_ctx.events.changed) as changed:
        dialog.accept()
    assert dialog.saved is not None and not dialog.isVisible()
    made = dialog.saved.booking
    assert made.status == BookingStatus.APPROVED and made.booker_name == "张三"
    assert changed.args[0].kind == "booking" and changed.args[0].ids == (made.id,)


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"start": "11:00", "end": "10:00"}, "end", "结束时间早于开始时间"),
        ({"start": "10:00", "end": "10:00"}, "end", "时长为零"),
        ({"start": "07:00", "end": "08:00"}, "start", "开放时间为 09:00–21:00"),
        ({"attendees": 31}, "attendees", "最多容纳 30 人"),
        ({"public": False}, "public_benefit", "仅限公益用途"),
        ({"start": "10:00", "end": "15:00"}, "end", "单次最长 4 小时"),
        ({"phone": ""}, "booker", "居民预约须留联系电话"),
        ({"purpose": ""}, "purpose", "不能为空"),
        ({"start": "9点"}, "start", "不是时间"),
    ],
)
def test_bad_input_is_refused_at_its_field(
    qtbot: QtBot, clerk_ctx: UiContext, values: dict[str, object], field: str, words: str
) -> None:
    refused(dialog_for(qtbot, clerk_ctx, **values), field, words)


def test_a_day_in_the_past_a_closure_and_a_room_under_repair(
    qtbot: QtBot, clerk_ctx: UiContext, admin_ctx: UiContext
) -> None:
    db = clerk_ctx.db
    refused(
        dialog_for(qtbot, clerk_ctx, day=centre_now().date() - timedelta(days=1)), "day", "已经过去"
    )
    day = open_day(5)
    add_closure(db, day, day, "线路检修", actor=ADMIN)
    refused(dialog_for(qtbot, clerk_ctx, day=day), "day", "闭馆：线路检修")
    set_room_status(db, room_id(db, BOOK), RoomStatus.MAINTENANCE, actor=ADMIN)
    refused(dialog_for(qtbot, clerk_ctx), "room", "目前维修")


def test_the_live_check_shows_the_rule_before_saving(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    dialog = dialog_for(qtbot, clerk_ctx, start="11:00", end="10:00")
    dialog.run_check()
    assert "结束时间早于开始时间" in dialog.form.grid.error_text("end")
    assert "不能预约" in dialog.verdict.text() and "起止时间" in dialog.verdict.text()
    dialog.form.set_times(hm("10:00"), hm("12:00"))  # corrected: the red line goes
    dialog.run_check()
    assert dialog.form.grid.error_text("end") == "" and dialog.check is not None
    assert dialog.check.allowed


def test_overlapping_a_pending_request_is_a_warning(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    db, day = clerk_ctx.db, open_day()
    hall = room_id(db, "议事厅")  # needs approval: requests wait as 待审批
    create_booking(db, booking(hall, day, "10:00", "11:00", name="王五"), actor=CLERK)
    dialog = dialog_for(qtbot, clerk_ctx, room="议事厅", day=day)
    check = dialog.run_check()
    assert check is not None and check.allowed
    assert "待审批的预约重叠" in dialog.form.grid.note_text("start") and "王五" in (
        dialog.form.grid.note_text("start")
    )
    dialog.accept()
    assert dialog.saved is not None and dialog.saved.booking.status == BookingStatus.PENDING


def test_a_clash_is_refused_and_only_an_administrator_may_set_rules_aside(
    qtbot: QtBot, clerk_ctx: UiContext, admin_ctx: UiContext
) -> None:
    db, day = clerk_ctx.db, open_day()
    create_booking(db, booking(room_id(db, BOOK), day, "10:00", "11:00"), actor=CLERK)
    dialog = dialog_for(qtbot, clerk_ctx, day=day, start="10:30", end="11:30", name="李四")
    assert not dialog.form.grid.is_row_visible("override_reason")
    dialog.accept()
    assert dialog.saved is None and "与已批准的预约重叠" in dialog.form.grid.error_text("start")

    late = dialog_for(qtbot, admin_ctx, day=day, start="19:00", end="23:00", name="李四")
    late.form.override_edit.setText("社区春节联欢排练，经主任同意")
    late.run_check()
    assert "例外放行" in late.form.grid.note_text("start")
    late.accept()
    assert late.saved is not None and late.saved.booking.override_reason


def test_an_official_meeting_displaces_a_resident_with_a_reason(
    qtbot: QtBot, clerk_ctx: UiContext
) -> None:
    db, day = clerk_ctx.db, open_day()
    resident = create_booking(db, booking(room_id(db, BOOK), day, "10:00", "11:00"), actor=CLERK)
    dialog = dialog_for(
        qtbot, clerk_ctx, day=day, name="东风社区第一党支部", purpose="支部委员会", phone=""
    )
    dialog.form.picker.set_category("党组织")
    dialog.form.picker.name_edit.setText("东风社区第一党支部")
    dialog.form.official_check.setChecked(True)
    dialog.run_check()
    assert dialog.form.grid.is_row_visible("reason") and "将让出" in dialog.verdict.text()
    dialog.accept()
    assert dialog.saved is None and "须填写理由" in dialog.form.grid.error_text("reason")
    assert count_bookings(db, BookingFilter()) == 1
    dialog.form.bump_edit.setText("街道党工委临时通知")
    dialog.accept()
    assert dialog.saved is not None
    assert [d.id for d in dialog.saved.displaced] == [resident.booking.id]


def suspended(db: Database) -> int:
    """A resident with a no-show, suspended from today (the limit set to one no-show)."""
    save_rules(db, RuleOverrides(no_show_limit=1), actor=ADMIN)
    info = save_booker(db, BookerInput(name="赵六", phone="13900139000"), actor=CLERK)
    day = centre_now().date() - timedelta(days=3)
    while day.weekday() > 4:
        day -= timedelta(days=1)
    then = datetime.combine(day - timedelta(days=2), time(9))
    made = create_booking(
        db,
        booking(room_id(db, BOOK), day, "10:00", "11:00", booker_id=info.id),
        actor=CLERK,
        now=then,
    )
    mark_no_show(db, made.booking.id, actor=CLERK)
    return info.id


def test_a_suspended_booker_is_shown_when_chosen_and_refused(
    qtbot: QtBot, clerk_ctx: UiContext
) -> None:
    db = clerk_ctx.db
    booker_id = suspended(db)
    dialog = dialog_for(qtbot, clerk_ctx, name="")
    picker = dialog.form.picker
    picker.name_edit.setText("赵")
    offers = picker.search()
    assert offers == ["赵六（139****9000）"]
    picker.choose_text(offers[0])
    assert picker.value() == (booker_id, None)
    assert "预约资格暂停至" in dialog.form.grid.note_text("booker")
    before = count_bookings(db, BookingFilter())
    dialog.accept()
    assert dialog.saved is None and "暂停预约资格" in dialog.form.grid.error_text("booker")
    assert count_bookings(db, BookingFilter()) == before


def test_a_unit_from_the_registry_books(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    from djdesk.services.checkin.units import UnitInput, save_unit

    unit = save_unit(
        clerk_ctx.db,
        UnitInput(name="宜宾市翠屏区教育和体育局", category=4, liaison_phone="13700137000"),
        actor=ADMIN,
    )
    dialog = dialog_for(qtbot, clerk_ctx, room="多功能厅", name="", phone="")
    picker = dialog.form.picker
    picker.set_category("驻区单位")
    picker.name_edit.setText("教育")
    assert picker.search() == [unit.name]
    picker.choose_text(unit.name)
    assert picker.phone_edit.text() == "13700137000"
    dialog.accept()
    assert dialog.saved is not None and dialog.saved.booking.booker_category == "驻区单位"


def test_a_weekly_series_books_the_free_dates_and_skips_the_rest(
    qtbot: QtBot, clerk_ctx: UiContext
) -> None:
    db, day = clerk_ctx.db, open_day()
    save_rules(db, RuleOverrides(quota_count=0, quota_hours=0), actor=ADMIN)
    taken = day + timedelta(days=14)
    create_booking(
        db, booking(room_id(db, BOOK), taken, "10:00", "11:00", name="钱七"), actor=CLERK
    )
    dialog = dialog_for(qtbot, clerk_ctx, day=day, name="夕阳红合唱团", phone="13800138001")
    dialog.series.setChecked(True)
    dialog.series.count_spin.setValue(4)
    assert dialog.save_button.text() == "预约可用日期，跳过其余"
    dialog.run_check()
    outcomes = [e.outcome.value for e in dialog.series.model.records()]
    assert outcomes == ["可预约", "可预约", "时间冲突", "可预约"]
    assert "钱七" in dialog.series.model.records()[2].reason
    assert "将跳过 1 次" in dialog.series.summary.text()
    dialog.accept()
    result = dialog.series_result
    assert result is not None and len(result.booked) == 3 and len(result.skipped) == 1
    rows = booking_page(db, BookingFilter(text="夕阳红")).rows
    assert sorted(r.day for r in rows) == [day + timedelta(days=7 * i) for i in (0, 1, 3)]


def test_a_series_needs_an_end(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    dialog = dialog_for(qtbot, clerk_ctx)
    dialog.series.setChecked(True)
    dialog.accept()
    assert dialog.series_result is None
    assert "结束日期或次数" in dialog.series.grid.error_text("until")
    assert count_bookings(clerk_ctx.db, BookingFilter()) == 0


def test_opened_from_the_grid_the_slot_is_filled_in(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    day = open_day()
    selection = GridSelection(room_id(clerk_ctx.db, BOOK), day, hm("14:00"), hm("15:30"))
    dialog = BookingDialog(clerk_ctx, selection=selection)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    assert form.room() is not None and form.room().name == BOOK  # type: ignore[union-attr]
    assert form.day_edit.value() == day
    assert (form.start_combo.currentText(), form.end_combo.currentText()) == ("14:00", "15:30")
    assert dialog.focusWidget() is form.picker.name_edit  # the first empty field
    form.start_combo.setEditText("1400")  # four digits are a time
    assert form.value().start == hm("14:00")
