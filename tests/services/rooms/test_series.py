"""Recurring bookings: the per-date plan, booking the free dates and skipping the rest with
exactly the skipped dates reported, and cancelling one or the rest."""

from __future__ import annotations

from datetime import date

import pytest

from djdesk.errors import ValidationErrors
from djdesk.services.rooms.bookings import create_booking
from djdesk.services.rooms.closures import add_closure
from djdesk.services.rooms.recurrence import occurrences
from djdesk.services.rooms.series import (
    SeriesInput,
    add_series_date,
    book_series,
    cancel_series_rest,
    plan_series,
    series_bookings,
)
from djdesk.services.rooms.transitions import cancel_booking
from djdesk.services.rooms.types import BookingStatus, Frequency, PlanOutcome
from djdesk.services.store import Database
from tests.helpers.rooms import ADMIN, CLERK, NOW, booking, room_id


def test_monthly_dates_the_month_lacks_are_listed_not_moved() -> None:
    occ = occurrences(date(2027, 1, 31), Frequency.MONTHLY_DATE, count=4)
    assert [o.label for o in occ] == [
        "2027-01-31",
        "2027年2月无31日",
        "2027-03-31",
        "2027年4月无31日",
    ]
    second_wed = occurrences(date(2026, 12, 9), Frequency.MONTHLY_WEEKDAY, count=3)
    assert [o.day for o in second_wed] == [date(2026, 12, 9), date(2027, 1, 13), date(2027, 2, 10)]
    fortnightly = occurrences(date(2026, 12, 2), Frequency.FORTNIGHTLY, until=date(2026, 12, 31))
    assert [o.day for o in fortnightly] == [
        date(2026, 12, 2),
        date(2026, 12, 16),
        date(2026, 12, 30),
    ]


def test_until_or_count_is_required() -> None:
    with pytest.raises(ValidationErrors):
        occurrences(date(2026, 12, 2), Frequency.WEEKLY)
    with pytest.raises(ValidationErrors):
        occurrences(date(2026, 12, 2), Frequency.WEEKLY, count=500)


def test_plan_then_book_the_free_dates(rooms_db: Database) -> None:
    room = room_id(rooms_db, "舞蹈排练室")
    team = {"name": "银龄舞蹈队", "category": "居民团队", "phone": "13700001111"}
    create_booking(
        rooms_db, booking(room, date(2026, 12, 16), "14:30", "15:30"), actor=CLERK, now=NOW
    )
    add_closure(
        rooms_db, date(2026, 12, 23), date(2026, 12, 23), "地面维修", actor=ADMIN, room_id=room
    )
    series = SeriesInput(
        booking(room, date(2026, 12, 2), "14:00", "16:00", attendees=25, **team),  # type: ignore[arg-type]
        Frequency.WEEKLY,
        count=6,
    )
    plan = plan_series(rooms_db, series, now=NOW)
    outcomes = [(e.label, e.outcome) for e in plan.entries]
    assert outcomes == [
        ("2026-12-02", PlanOutcome.FREE),
        ("2026-12-09", PlanOutcome.FREE),
        ("2026-12-16", PlanOutcome.CLASH),
        ("2026-12-23", PlanOutcome.CLOSED),
        ("2026-12-30", PlanOutcome.FREE),
        ("2027-01-06", PlanOutcome.FREE),
    ]
    assert "张三" in plan.entries[2].reason and "地面维修" in plan.entries[3].reason
    result = book_series(rooms_db, series, actor=CLERK, now=NOW)
    assert [b.day for b in result.booked] == [
        date(2026, 12, 2),
        date(2026, 12, 9),
        date(2026, 12, 30),
        date(2027, 1, 6),
    ]
    assert [e.day for e in result.skipped] == [date(2026, 12, 16), date(2026, 12, 23)]
    assert all(b.status == BookingStatus.APPROVED for b in result.booked)
    assert len({b.serial for b in result.booked}) == 4
    # the clash goes away: the skipped date can be added back into the series
    cancel_booking(rooms_db, plan.entries[2].clash_ids[0], actor=CLERK, reason="改期")
    added = add_series_date(rooms_db, result.series_id, date(2026, 12, 16), actor=CLERK, now=NOW)
    assert added.series_id == result.series_id
    # cancel one, then the rest from 30 Dec
    cancel_booking(rooms_db, result.booked[1].id, actor=CLERK, reason="队员外出演出")
    rest = cancel_series_rest(
        rooms_db, result.series_id, date(2026, 12, 30), actor=CLERK, reason="换场地"
    )
    assert [b.day for b in rest] == [date(2026, 12, 30), date(2027, 1, 6)]
    statuses = {b.day: b.status for b in series_bookings(rooms_db, result.series_id)}
    assert statuses[date(2026, 12, 2)] == BookingStatus.APPROVED
    assert statuses[date(2026, 12, 9)] == BookingStatus.CANCELLED
    assert statuses[date(2026, 12, 16)] == BookingStatus.APPROVED


def test_a_buffer_reaching_over_midnight_is_a_clash(rooms_db: Database) -> None:
    """Each date is checked on an absolute time axis: the buffer after 23:30–24:00 reaches
    into the next day and clashes with an approved booking at 00:00 there."""
    from djdesk.services.rooms.settings import RuleOverrides, save_rules

    room = room_id(rooms_db, "多功能厅")
    from djdesk.services.rooms.rooms import get_room, save_room

    info = get_room(rooms_db, room)
    save_room(
        rooms_db,
        info.__class__(**{**vars(info), "hours": dict.fromkeys(range(7), ((0, 1440),))}),
        actor=ADMIN,
        room_id=room,
    )
    save_rules(
        rooms_db,
        RuleOverrides(buffer_minutes=60, max_duration_minutes=1440),
        actor=ADMIN,
        room_id=room,
    )
    create_booking(
        rooms_db,
        booking(room, date(2026, 12, 10), "00:00", "01:00", name="李四"),
        actor=CLERK,
        now=NOW,
        approve=True,
    )
    series = SeriesInput(
        booking(room, date(2026, 12, 2), "23:30", "24:00"), Frequency.WEEKLY, count=2
    )
    plan = plan_series(rooms_db, series, now=NOW)
    assert [e.outcome for e in plan.entries] == [PlanOutcome.FREE, PlanOutcome.CLASH]
    assert "60 分钟" in plan.entries[1].reason


def test_a_series_with_no_free_date_is_refused_at_the_field(rooms_db: Database) -> None:
    room = room_id(rooms_db, "党群书屋")
    series = SeriesInput(
        booking(room, date(2026, 12, 2), "14:00", "16:00", attendees=99), Frequency.WEEKLY, count=3
    )
    with pytest.raises(ValidationErrors) as info:
        book_series(rooms_db, series, actor=CLERK, now=NOW)
    assert info.value.for_field("attendees") is not None
    assert series_bookings is not None


def test_dates_of_one_series_count_against_each_other(rooms_db: Database) -> None:
    """mrbs #670: occurrences are checked against the series' own earlier dates too; a
    resident's series is stopped by the monthly quota after two dates in a month."""
    room = room_id(rooms_db, "党群书屋")
    series = SeriesInput(
        booking(room, date(2026, 12, 2), "10:00", "11:00"), Frequency.WEEKLY, count=4
    )
    plan = plan_series(rooms_db, series, now=NOW)
    assert [e.outcome for e in plan.entries] == [PlanOutcome.FREE] * 2 + [PlanOutcome.BLOCKED] * 2
    assert "每月次数" in plan.entries[2].reason
