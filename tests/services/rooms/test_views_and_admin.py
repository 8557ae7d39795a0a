"""Rooms administration, holidays, closures over existing bookings, the day and week views,
the paged list, the overview tiles and the demo data."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime

import pytest

from djdesk.actor import Actor
from djdesk.errors import PermissionDeniedError, ValidationErrors
from djdesk.services.areas import DemoOptions
from djdesk.services.rooms.bookings import create_booking
from djdesk.services.rooms.calendar import day_kind
from djdesk.services.rooms.closures import add_closure, set_day_hours
from djdesk.services.rooms.overview import rooms_tiles
from djdesk.services.rooms.rooms import (
    RoomInput,
    ensure_default_rooms,
    get_room,
    list_rooms,
    save_room,
)
from djdesk.services.rooms.settings import RuleOverrides, effective_rules, save_rules
from djdesk.services.rooms.types import BookingStatus, DayKind, RoomStatus
from djdesk.services.rooms.views import BookingFilter, booking_page, day_grid, week_grid
from djdesk.services.store import Database
from tests.helpers.rooms import ADMIN, CLERK, NOW, booking, hm, room_id

THU = date(2026, 12, 3)


def test_default_rooms_once_and_only_administrators_change_them(rooms_db: Database) -> None:
    assert ensure_default_rooms(rooms_db, actor=CLERK) == 0
    rooms = list_rooms(rooms_db)
    assert len(rooms) == 12 and rooms[0].name == "党员活动室"
    party = rooms[0]
    assert party.hours[0] == ((hm("8:30"), hm("12:00")), (hm("13:30"), hm("17:30")))
    assert 5 not in party.hours  # closed at weekends
    with pytest.raises(PermissionDeniedError):
        save_room(rooms_db, replace(party, capacity=50), actor=CLERK, room_id=party.id)
    changed = save_room(
        rooms_db,
        replace(party, capacity=50, equipment=("投影", "音响")),
        actor=ADMIN,
        room_id=party.id,
    )
    assert changed.capacity == 50 and changed.equipment == ("投影", "音响")
    with pytest.raises(ValidationErrors) as info:
        save_room(rooms_db, RoomInput(name="议事厅", capacity=0, categories=("游客",)), actor=ADMIN)
    assert {e.field for e in info.value.errors} == {"capacity", "categories"}
    with pytest.raises(ValidationErrors) as dup:
        save_room(rooms_db, RoomInput(name="议事厅", capacity=10), actor=ADMIN)
    assert dup.value.for_field("name") is not None


def test_rules_per_centre_and_per_room(rooms_db: Database) -> None:
    room = room_id(rooms_db, "多功能厅")
    save_rules(rooms_db, RuleOverrides(buffer_minutes=30), actor=ADMIN, room_id=room)
    assert effective_rules(rooms_db, room).buffer_minutes == 30
    assert effective_rules(rooms_db, room_id(rooms_db, "议事厅")).buffer_minutes == 0
    with pytest.raises(ValidationErrors) as info:
        save_rules(rooms_db, RuleOverrides(slot_minutes=25, quota_categories="游客"), actor=ADMIN)
    assert {e.field for e in info.value.errors} == {"slot_minutes", "quota_categories"}
    with pytest.raises(PermissionDeniedError):
        save_rules(rooms_db, RuleOverrides(max_duration_minutes=60), actor=CLERK)


def test_chinese_holidays_and_adjusted_working_days() -> None:
    assert day_kind(date(2026, 10, 1)) == (DayKind.HOLIDAY, "国庆节")
    assert day_kind(date(2026, 9, 20))[0] is DayKind.ADJUSTED_WORKDAY  # a Sunday worked
    assert day_kind(date(2026, 9, 20), follow_holidays=False)[0] is DayKind.WEEKEND


def test_an_adjusted_working_day_opens_with_working_day_hours(rooms_db: Database) -> None:
    party = room_id(rooms_db, "党员活动室")  # closed at weekends
    grid = day_grid(rooms_db, date(2026, 9, 20))
    column = next(r for r in grid.rooms if r.id == party)
    assert column.schedule.intervals == ((hm("8:30"), hm("12:00")), (hm("13:30"), hm("17:30")))
    national_day = day_grid(rooms_db, date(2026, 10, 1))
    assert all(not r.schedule.is_open for r in national_day.rooms)
    assert "国庆节" in national_day.rooms[0].schedule.closed_reason


def test_closing_over_bookings_lists_and_cancels_them(rooms_db: Database) -> None:
    room = room_id(rooms_db, "党群书屋")
    made = create_booking(rooms_db, booking(room, THU, "10:00", "12:00"), actor=CLERK, now=NOW)
    result = add_closure(rooms_db, THU, THU, "停电检修", actor=ADMIN, cancel_affected=True)
    assert [b.id for b in result.affected] == [made.booking.id]
    assert booking_page(rooms_db, BookingFilter(status=BookingStatus.CANCELLED)).total == 1
    set_day_hours(
        rooms_db,
        date(2026, 12, 5),
        [(hm("9:00"), hm("12:00"))],
        actor=ADMIN,
        room_id=room,
        reason="半天开放",
    )
    grid = day_grid(rooms_db, date(2026, 12, 5))
    assert next(r for r in grid.rooms if r.id == room).schedule.intervals == ((540, 720),)


def test_day_view_week_view_and_list(rooms_db: Database) -> None:
    room = room_id(rooms_db, "党群书屋")
    hall = room_id(rooms_db, "多功能厅")
    create_booking(rooms_db, booking(room, THU, "10:00", "12:00"), actor=CLERK, now=NOW)
    create_booking(
        rooms_db,
        booking(hall, THU, "14:00", "15:00", name="李四", phone="13900001111"),
        actor=CLERK,
        now=NOW,
    )
    grid = day_grid(rooms_db, THU)
    assert len(grid.rooms) == 12 and grid.slot_minutes == 30
    assert grid.first_minute == hm("8:30") and grid.last_minute == hm("21:00")
    assert [(b.room_id, b.status) for b in grid.bookings] == [
        (room, BookingStatus.APPROVED),
        (hall, BookingStatus.PENDING),
    ]
    assert grid.bookings_of(room)[0].booker_name == "张三"
    week = week_grid(rooms_db, room, THU)
    assert week.days[0].day == date(2026, 11, 30) and len(week.bookings) == 1
    page = booking_page(rooms_db, BookingFilter(text="李四"))
    assert page.total == 1 and page.rows[0].room_id == hall and page.room_names[hall] == "多功能厅"
    assert booking_page(rooms_db, BookingFilter(room_id=room), limit=1).total == 1
    tiles = {t.title: t for t in rooms_tiles(rooms_db, today=THU)}
    assert tiles["今日预约"].value == "2" and tiles["待审批"].attention


def test_demo_bookings_never_overlap(rooms_db: Database) -> None:
    from djdesk.services.rooms.demo import fill_rooms_demo

    with rooms_db.unit_of_work(Actor.system()) as session:
        counts = fill_rooms_demo(
            session, DemoOptions(counts={"rooms": 14, "bookings": 2000}), random.Random(3)
        )
    assert counts["booking"] == 2000 and counts["room"] == 2
    seen: dict[tuple[int, date], list[tuple[int, int]]] = {}
    total = booking_page(rooms_db, BookingFilter(), limit=5000)
    assert total.total == 2000
    for b in total.rows:
        if b.status in (BookingStatus.APPROVED, BookingStatus.USED):
            for start, end in seen.get((b.room_id, b.day), []):
                assert b.end <= start or end <= b.start
            seen.setdefault((b.room_id, b.day), []).append((b.start, b.end))
    assert get_room(rooms_db, room_id(rooms_db, "14号活动室")).status == RoomStatus.OPEN
    assert datetime is not None
