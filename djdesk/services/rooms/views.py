"""What the booking screens show: the day view (rooms × time), one room's week, and the
searchable, paged list. Each is a handful of indexed queries returning frozen data, so a view
draws without touching the database itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from djdesk.db.models.rooms import Booker, Booking, Room, RoomRules
from djdesk.db.session import Database
from djdesk.services.rooms.calendar import DaySchedule, day_kind, load_calendars
from djdesk.services.rooms.rooms import live_rooms, load_room
from djdesk.services.rooms.settings import RuleSettings, centre_rules_in
from djdesk.services.rooms.types import ACTIVE, DayKind, RoomStatus


@dataclass(frozen=True)
class GridRoom:
    """A column of the day view: the room and its hours that day."""

    id: int
    name: str
    capacity: int
    status: str
    needs_approval: bool
    schedule: DaySchedule
    buffer_minutes: int = 0


@dataclass(frozen=True)
class GridBooking:
    """A block in a view: where, when, whose, and its status (its colour)."""

    id: int
    room_id: int
    day: date
    start: int
    end: int
    status: str
    serial: str
    booker_name: str
    booker_category: str
    purpose: str
    attendees: int
    official: bool


@dataclass(frozen=True)
class DayGrid:
    day: date
    kind: DayKind
    holiday_name: str
    slot_minutes: int
    #: First and last minute any room is open (the rows of the view), on the slot grid.
    first_minute: int
    last_minute: int
    rooms: tuple[GridRoom, ...]
    bookings: tuple[GridBooking, ...]

    def bookings_of(self, room_id: int) -> tuple[GridBooking, ...]:
        return tuple(b for b in self.bookings if b.room_id == room_id)


@dataclass(frozen=True)
class WeekGrid:
    room: GridRoom
    days: tuple[DaySchedule, ...]
    slot_minutes: int
    first_minute: int
    last_minute: int
    bookings: tuple[GridBooking, ...]


_GRID_COLUMNS = (
    Booking.id,
    Booking.room_id,
    Booking.day,
    Booking.start_minute,
    Booking.end_minute,
    Booking.status,
    Booking.serial,
    Booker.name,
    Booker.category,
    Booking.purpose,
    Booking.attendees,
    Booking.official,
)


def _grid_bookings(session: Session, stmt: Any) -> tuple[GridBooking, ...]:
    return tuple(GridBooking(*row) for row in session.execute(stmt))


def _rules_by_room(session: Session) -> tuple[RuleSettings, dict[int, RoomRules]]:
    rows = session.scalars(select(RoomRules).where(RoomRules.room_id.is_not(None)))
    return centre_rules_in(session), {r.room_id: r for r in rows if r.room_id is not None}


def _setting(centre: RuleSettings, row: RoomRules | None, name: str) -> Any:
    value = getattr(row, name) if row is not None else None
    return getattr(centre, name) if value is None else value


def _span(schedules: list[DaySchedule], slot: int) -> tuple[int, int]:
    opens = [o for s in schedules for o, _ in s.intervals]
    closes = [c for s in schedules for _, c in s.intervals]
    first = min(opens, default=8 * 60)
    last = max(closes, default=18 * 60)
    return first - first % slot, last + (-last) % slot


def day_grid(
    db: Database, day: date, *, room_ids: list[int] | None = None, include_closed: bool = False
) -> DayGrid:
    """The day view: every bookable room (停用 ones only when asked) with its hours that day
    and every live booking (待审批, 已批准, 已使用) of the day."""
    with db.reading() as session:
        rooms = [r for r in live_rooms(session) if include_closed or r.status != RoomStatus.CLOSED]
        if room_ids is not None:
            rooms = [r for r in rooms if r.id in set(room_ids)]
        centre, own = _rules_by_room(session)
        follow = {r.id: bool(_setting(centre, own.get(r.id), "follow_holidays")) for r in rooms}
        calendars = load_calendars(session, [r.id for r in rooms], day, day, follow)
        grid_rooms = tuple(
            GridRoom(
                r.id,
                r.name,
                r.capacity,
                r.status,
                r.needs_approval,
                calendars[r.id].schedule(day),
                int(_setting(centre, own.get(r.id), "buffer_minutes")),
            )
            for r in rooms
        )
        stmt = (
            select(*_GRID_COLUMNS)
            .join(Booker, Booker.id == Booking.booker_id)
            .where(Booking.day == day, Booking.status.in_(ACTIVE), Booking.deleted_at.is_(None))
            .order_by(Booking.start_minute)
        )
        wanted = {r.id for r in rooms}
        if room_ids is not None:  # only the rooms asked for (the day index, then the room)
            stmt = stmt.where(Booking.room_id.in_(wanted))
        bookings = tuple(b for b in _grid_bookings(session, stmt) if b.room_id in wanted)
    slot = centre.slot_minutes
    first, last = _span([r.schedule for r in grid_rooms], slot)
    kind, holiday = day_kind(day, follow_holidays=centre.follow_holidays)
    return DayGrid(day, kind, holiday, slot, first, last, grid_rooms, bookings)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_grid(db: Database, room_id: int, week: date) -> WeekGrid:
    """One room's week (Monday to Sunday of the week holding ``week``)."""
    monday = week_start(week)
    sunday = monday + timedelta(days=6)
    with db.reading() as session:
        room = load_room(session, room_id)
        centre, own = _rules_by_room(session)
        row = own.get(room_id)
        follow = {room_id: bool(_setting(centre, row, "follow_holidays"))}
        calendar = load_calendars(session, [room_id], monday, sunday, follow)[room_id]
        days = tuple(calendar.schedule(monday + timedelta(days=i)) for i in range(7))
        stmt = (
            select(*_GRID_COLUMNS)
            .join(Booker, Booker.id == Booking.booker_id)
            .where(
                Booking.room_id == room_id,
                Booking.day.between(monday, sunday),
                Booking.status.in_(ACTIVE),
                Booking.deleted_at.is_(None),
            )
            .order_by(Booking.day, Booking.start_minute)
        )
        bookings = _grid_bookings(session, stmt)
        slot = int(_setting(centre, row, "slot_minutes"))
        buffer = int(_setting(centre, row, "buffer_minutes"))
        grid_room = GridRoom(
            room.id, room.name, room.capacity, room.status, room.needs_approval, days[0], buffer
        )
    first, last = _span(list(days), slot)
    return WeekGrid(grid_room, days, slot, first, last, bookings)


@dataclass(frozen=True)
class BookingFilter:
    """The list's filters: free text (booker, serial, purpose), room, status, booker, dates."""

    text: str = ""
    room_id: int | None = None
    status: str = ""
    booker_id: int | None = None
    first_day: date | None = None
    last_day: date | None = None


@dataclass(frozen=True)
class BookingPage:
    rows: tuple[GridBooking, ...]
    total: int
    offset: int = 0
    room_names: dict[int, str] = field(default_factory=dict)


def _filtered(stmt: Any, flt: BookingFilter) -> Any:
    stmt = stmt.where(Booking.deleted_at.is_(None))
    text = " ".join(flt.text.split())
    if text:
        stmt = stmt.where(
            or_(
                Booker.name.contains(text),
                Booking.serial.contains(text),
                Booking.purpose.contains(text),
                Booker.phone.startswith(text),
            )
        )
    if flt.room_id is not None:
        stmt = stmt.where(Booking.room_id == flt.room_id)
    if flt.status:
        stmt = stmt.where(Booking.status == flt.status)
    if flt.booker_id is not None:
        stmt = stmt.where(Booking.booker_id == flt.booker_id)
    if flt.first_day is not None:
        stmt = stmt.where(Booking.day >= flt.first_day)
    if flt.last_day is not None:
        stmt = stmt.where(Booking.day <= flt.last_day)
    return stmt


def count_bookings(db: Database, flt: BookingFilter) -> int:
    with db.reading() as session:
        stmt = _filtered(
            select(func.count()).select_from(Booking).join(Booker, Booker.id == Booking.booker_id),
            flt,
        )
        return int(session.scalar(stmt) or 0)


def booking_page(
    db: Database, flt: BookingFilter, *, offset: int = 0, limit: int = 100
) -> BookingPage:
    """One page of the list, newest date first; ``total`` is the filtered count."""
    with db.reading() as session:
        stmt = _filtered(select(*_GRID_COLUMNS).join(Booker, Booker.id == Booking.booker_id), flt)
        stmt = stmt.order_by(Booking.day.desc(), Booking.start_minute, Booking.id)
        rows = _grid_bookings(session, stmt.offset(offset).limit(limit))
        names = {int(i): str(n) for i, n in session.execute(select(Room.id, Room.name))}
    return BookingPage(rows, count_bookings(db, flt), offset, names)
