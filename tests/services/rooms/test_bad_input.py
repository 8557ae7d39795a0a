"""Every bad booking of the issue is refused with the rule and reason at its field, and
nothing is saved."""

from __future__ import annotations

from datetime import date

import pytest

from djdesk.errors import ValidationErrors
from djdesk.services.rooms.booking_input import BookingInput
from djdesk.services.rooms.bookings import check_booking, create_booking
from djdesk.services.rooms.closures import add_closure
from djdesk.services.rooms.rooms import set_room_status
from djdesk.services.rooms.settings import RuleOverrides, save_rules
from djdesk.services.rooms.types import Outcome, RoomStatus, Rule
from djdesk.services.rooms.views import BookingFilter, count_bookings
from djdesk.services.store import Database
from tests.helpers.rooms import ADMIN, CLERK, NOW, booking, room_id

WED = date(2026, 12, 2)
THU = date(2026, 12, 3)


def _refused(db: Database, data: BookingInput, field: str, rule: Rule) -> str:
    before = count_bookings(db, BookingFilter())
    with pytest.raises(ValidationErrors) as info:
        create_booking(db, data, actor=CLERK, now=NOW)
    error = info.value.for_field(field)
    assert error is not None, info.value.message
    assert rule.value in error.message
    assert count_bookings(db, BookingFilter()) == before
    check = check_booking(db, data, now=NOW)
    assert any(r.rule is rule and r.blocks for r in check.at(field))
    return error.message


def test_a_good_booking_passes_every_rule(rooms_db: Database) -> None:
    data = booking(room_id(rooms_db, "党群书屋"), THU, "10:00", "12:00")
    check = check_booking(rooms_db, data, now=NOW)
    assert check.allowed
    assert {r.rule for r in check.results} == set(Rule)
    assert all(r.outcome is Outcome.OK for r in check.results)


def test_end_before_start(rooms_db: Database) -> None:
    data = booking(room_id(rooms_db, "党群书屋"), THU, "12:00", "10:00")
    assert "结束时间早于开始时间" in _refused(rooms_db, data, "end", Rule.TIME_ORDER)


def test_zero_length(rooms_db: Database) -> None:
    data = booking(room_id(rooms_db, "党群书屋"), THU, "10:00", "10:00")
    assert "时长为零" in _refused(rooms_db, data, "end", Rule.TIME_ORDER)


def test_outside_opening_hours(rooms_db: Database) -> None:
    data = booking(room_id(rooms_db, "党群书屋"), THU, "20:00", "22:00")
    assert "09:00–21:00" in _refused(rooms_db, data, "start", Rule.OPENING_HOURS)


def test_lunch_break_of_the_party_room(rooms_db: Database) -> None:
    data = booking(room_id(rooms_db, "党员活动室"), THU, "11:30", "14:00", category="党组织")
    message = _refused(rooms_db, data, "start", Rule.OPENING_HOURS)
    assert "08:30–12:00、13:30–17:30" in message


def test_closure_day(rooms_db: Database) -> None:
    add_closure(rooms_db, THU, THU, "消防检查", actor=ADMIN)
    data = booking(room_id(rooms_db, "党群书屋"), THU, "10:00", "12:00")
    assert "消防检查" in _refused(rooms_db, data, "day", Rule.CLOSURE)


def test_statutory_holiday(rooms_db: Database) -> None:
    # New Year's Day 2027 is a statutory holiday: rooms have no holiday hours by default
    data = booking(room_id(rooms_db, "党群书屋"), date(2027, 1, 1), "10:00", "11:00")
    ok_now = NOW.replace(day=20)
    with pytest.raises(ValidationErrors) as info:
        create_booking(rooms_db, data, actor=CLERK, now=ok_now)
    error = info.value.for_field("day")
    assert error is not None and "法定节假日（元旦）" in error.message


def test_over_capacity(rooms_db: Database) -> None:
    data = booking(room_id(rooms_db, "党群书屋"), THU, "10:00", "12:00", attendees=31)
    assert "最多容纳 30 人" in _refused(rooms_db, data, "attendees", Rule.CAPACITY)


def test_in_the_past(rooms_db: Database) -> None:
    data = booking(room_id(rooms_db, "党群书屋"), date(2026, 11, 30), "10:00", "12:00")
    assert "已经过去" in _refused(rooms_db, data, "day", Rule.PAST)


def test_today_needs_a_day_of_notice(rooms_db: Database) -> None:
    data = booking(room_id(rooms_db, "党群书屋"), NOW.date(), "15:00", "16:00")
    assert "至少提前 1 天" in _refused(rooms_db, data, "day", Rule.NOTICE)


def test_too_far_ahead(rooms_db: Database) -> None:
    data = booking(room_id(rooms_db, "党群书屋"), date(2027, 1, 5), "10:00", "11:00")
    assert "最多提前 30 天" in _refused(rooms_db, data, "day", Rule.ADVANCE)


def test_too_long(rooms_db: Database) -> None:
    data = booking(room_id(rooms_db, "党群书屋"), THU, "09:00", "13:30")
    assert "4 小时" in _refused(rooms_db, data, "end", Rule.DURATION)


def test_off_the_grid(rooms_db: Database) -> None:
    data = booking(room_id(rooms_db, "党群书屋"), THU, "10:15", "11:00")
    assert "30 分钟" in _refused(rooms_db, data, "start", Rule.GRID)


def test_under_maintenance(rooms_db: Database) -> None:
    room = room_id(rooms_db, "党群书屋")
    set_room_status(rooms_db, room, RoomStatus.MAINTENANCE, actor=ADMIN)
    data = booking(room, THU, "10:00", "12:00")
    assert "维修" in _refused(rooms_db, data, "room", Rule.ROOM_STATUS)


def test_category_not_accepted(rooms_db: Database) -> None:
    data = booking(room_id(rooms_db, "党员活动室"), THU, "09:00", "10:00")
    assert "不接受居民" in _refused(rooms_db, data, "booker", Rule.CATEGORY)


def test_public_benefit_must_be_confirmed(rooms_db: Database) -> None:
    data = booking(room_id(rooms_db, "党群书屋"), THU, "10:00", "11:00", public_benefit=False)
    assert "公益" in _refused(rooms_db, data, "public_benefit", Rule.PUBLIC_BENEFIT)


def test_monthly_quota_of_a_resident(rooms_db: Database) -> None:
    room = room_id(rooms_db, "党群书屋")
    for day in (2, 3):
        create_booking(
            rooms_db, booking(room, date(2026, 12, day), "10:00", "11:00"), actor=CLERK, now=NOW
        )
    third = booking(room, date(2026, 12, 4), "10:00", "11:00")
    assert "每月最多 2 次" in _refused(rooms_db, third, "booker", Rule.QUOTA_COUNT)
    # hours: 20 h a month, counted even when the count limit is lifted
    save_rules(rooms_db, RuleOverrides(quota_count=0, quota_hours=3), actor=ADMIN)
    longer = booking(room, date(2026, 12, 4), "10:00", "12:00")
    assert "每月最多 3 小时" in _refused(rooms_db, longer, "booker", Rule.QUOTA_HOURS)


def test_missing_fields_are_named(rooms_db: Database) -> None:
    with pytest.raises(ValidationErrors) as info:
        create_booking(rooms_db, BookingInput(), actor=CLERK, now=NOW)
    fields = {e.field for e in info.value.errors}
    assert {"room", "day", "start", "end", "booker", "purpose"} <= fields
