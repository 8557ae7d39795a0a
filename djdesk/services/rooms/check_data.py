"""Loading the facts the rules need (room, rules, calendar, booker, neighbouring bookings and
the booker's monthly usage) in a handful of indexed queries, for one date or a whole series.

Bookings are read for the dates asked plus one day either side, so a buffer that reaches over
midnight is seen. Inside a writing unit of work the room is locked first
(:func:`~djdesk.services.rooms.locking.lock_room`), so what is read here cannot change before
the insert.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from djdesk.db.models.rooms import Booker, Booking, RoomRules
from djdesk.services.rooms.bookers import (
    BookerInput,
    active_suspension,
    find_booker_in,
    load_booker,
)
from djdesk.services.rooms.calendar import load_calendar
from djdesk.services.rooms.checks import (
    BookerFacts,
    CheckData,
    Existing,
    RoomFacts,
    RuleResult,
    conflict_results,
)
from djdesk.services.rooms.rooms import load_room
from djdesk.services.rooms.settings import rules_and_scope_in
from djdesk.services.rooms.types import ACTIVE, BookingStatus

#: Statuses a monthly quota counts (a no-show used up its slot too).
QUOTA_COUNTED = (*ACTIVE, BookingStatus.NO_SHOW)


def room_facts(session: Session, room_id: int) -> RoomFacts:
    row = load_room(session, room_id)
    categories = tuple(c for c in row.categories.split("、") if c)
    return RoomFacts(row.id, row.name, row.status, row.capacity, categories, row.needs_approval)


def booker_facts(
    session: Session, booker_id: int | None, walk_in: BookerInput | None, today: date
) -> BookerFacts:
    """The booker by id, else the registered one matching a walk-in's name and phone, else the
    walk-in as new (no history)."""
    row: Booker | None = load_booker(session, booker_id) if booker_id is not None else None
    if row is None and walk_in is not None:
        row = find_booker_in(session, walk_in)
    if row is None:
        assert walk_in is not None
        return BookerFacts(None, walk_in.name, walk_in.category)
    suspension = active_suspension(session, row.id, today)
    return BookerFacts(
        row.id,
        row.name,
        row.category,
        suspension.last_day if suspension else None,
        suspension.reason if suspension else "",
    )


def neighbours(session: Session, room_id: int, first: date, last: date) -> list[Existing]:
    """The room's live bookings from the day before ``first`` to the day after ``last``."""
    stmt = (
        select(
            Booking.id,
            Booking.serial,
            Booking.day,
            Booking.start_minute,
            Booking.end_minute,
            Booking.status,
            Booker.name,
            Booker.category,
            Booking.official,
        )
        .join(Booker, Booker.id == Booking.booker_id)
        .where(
            Booking.room_id == room_id,
            Booking.day.between(first - timedelta(days=1), last + timedelta(days=1)),
            Booking.status.in_(ACTIVE),
            Booking.deleted_at.is_(None),
        )
    )
    return [Existing(*row) for row in session.execute(stmt)]


def _month_bounds(first: date, last: date) -> tuple[date, date]:
    start = first.replace(day=1)
    following = (last.replace(day=1) + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)


def usage(
    session: Session,
    booker_id: int | None,
    first: date,
    last: date,
    *,
    room_id: int | None,
    exclude_id: int | None = None,
) -> dict[tuple[int, int], list[int]]:
    """Bookings and minutes per month of the booker over the months of ``[first, last]``."""
    if booker_id is None:
        return {}
    month_first, month_last = _month_bounds(first, last)
    stmt = (
        select(Booking.day, func.count(), func.sum(Booking.end_minute - Booking.start_minute))
        .where(
            Booking.booker_id == booker_id,
            Booking.day.between(month_first, month_last),
            Booking.status.in_(QUOTA_COUNTED),
            Booking.deleted_at.is_(None),
        )
        .group_by(Booking.day)
    )
    if room_id is not None:
        stmt = stmt.where(Booking.room_id == room_id)
    if exclude_id is not None:
        stmt = stmt.where(Booking.id != exclude_id)
    out: dict[tuple[int, int], list[int]] = {}
    for day, count, minutes in session.execute(stmt):
        used = out.setdefault((day.year, day.month), [0, 0])
        used[0] += int(count)
        used[1] += int(minutes or 0)
    return out


def load_check_data(
    session: Session,
    room_id: int,
    first: date,
    last: date,
    *,
    booker_id: int | None,
    walk_in: BookerInput | None,
    today: date,
    exclude_id: int | None = None,
) -> CheckData:
    """Every fact for checking bookings of one room and booker on dates ``first``–``last``."""
    room = room_facts(session, room_id)
    rules, room_quota = rules_and_scope_in(session, room_id)
    booker = booker_facts(session, booker_id, walk_in, today)
    calendar = load_calendar(session, room_id, first, last, follow_holidays=rules.follow_holidays)
    scope = room_id if room_quota else None
    return CheckData(
        room=room,
        rules=rules,
        calendar=calendar,
        booker=booker,
        bookings=neighbours(session, room_id, first, last),
        usage=usage(session, booker.id, first, last, room_id=scope, exclude_id=exclude_id),
    )


def conflict_probe(
    session: Session,
    room_id: int,
    day: date,
    start: int,
    end: int,
    *,
    exclude_id: int | None = None,
) -> tuple[RuleResult, RuleResult]:
    """Only the clash rules for one stretch of one room (two indexed queries): what the day
    view asks while the clerk drags over free cells."""
    buffer = session.scalar(
        select(func.coalesce(RoomRules.buffer_minutes, 0))
        .where(or_(RoomRules.room_id == room_id, RoomRules.room_id.is_(None)))
        .order_by(RoomRules.room_id.is_(None))
        .where(RoomRules.buffer_minutes.is_not(None))
        .limit(1)
    )
    bookings = neighbours(session, room_id, day, day)
    return conflict_results(bookings, int(buffer or 0), day, start, end, exclude=exclude_id)
