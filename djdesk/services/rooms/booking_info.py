"""The read side of a booking: the frozen record views, documents and commands receive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.models.rooms import Booking, BookingEvent
from djdesk.db.session import Database
from djdesk.errors import NotFoundError
from djdesk.services.rooms.calendar import format_minute
from djdesk.services.rooms.types import EventKind


@dataclass(frozen=True)
class BookingInfo:
    id: int
    uid: str
    serial: str
    room_id: int
    room_name: str
    booker_id: int
    booker_name: str
    booker_category: str
    booker_phone: str
    day: date
    start: int
    end: int
    purpose: str
    attendees: int
    status: str
    actual_attendees: int | None = None
    contact_name: str = ""
    contact_phone: str = ""
    public_benefit: bool = True
    official: bool = False
    series_id: int | None = None
    created_by: str = ""
    bumped_by_id: int | None = None
    notified_at: datetime | None = None
    override_reason: str = ""

    @property
    def time_text(self) -> str:
        return f"{format_minute(self.start)}–{format_minute(self.end)}"

    @property
    def hours(self) -> float:
        return (self.end - self.start) / 60


@dataclass(frozen=True)
class EventInfo:
    """One line of a booking's history."""

    at: datetime
    kind: str
    from_status: str
    to_status: str
    actor_name: str
    reason: str


def booking_info(row: Booking) -> BookingInfo:
    return BookingInfo(
        id=row.id,
        uid=row.uid,
        serial=row.serial,
        room_id=row.room_id,
        room_name=row.room.name,
        booker_id=row.booker_id,
        booker_name=row.booker.name,
        booker_category=row.booker.category,
        booker_phone=row.booker.phone,
        day=row.day,
        start=row.start_minute,
        end=row.end_minute,
        purpose=row.purpose,
        attendees=row.attendees,
        status=row.status,
        actual_attendees=row.actual_attendees,
        contact_name=row.contact_name,
        contact_phone=row.contact_phone,
        public_benefit=row.public_benefit,
        official=row.official,
        series_id=row.series_id,
        created_by=row.created_by,
        bumped_by_id=row.bumped_by_id,
        notified_at=row.notified_at,
        override_reason=row.override_reason,
    )


def load_booking(session: Session, booking_id: int) -> Booking:
    row = session.get(Booking, booking_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(f"找不到编号为 {booking_id} 的预约。")
    return row


def get_booking(db: Database, booking_id: int) -> BookingInfo:
    with db.reading() as session:
        return booking_info(load_booking(session, booking_id))


def booking_history(db: Database, booking_id: int) -> list[EventInfo]:
    """Every change of the booking, oldest first: who, when, why."""
    with db.reading() as session:
        load_booking(session, booking_id)
        stmt = (
            select(BookingEvent)
            .where(BookingEvent.booking_id == booking_id)
            .order_by(BookingEvent.at, BookingEvent.id)
        )
        return [
            EventInfo(e.at, e.kind, e.from_status, e.to_status, e.actor_name, e.reason)
            for e in session.scalars(stmt)
        ]


def add_event(
    session: Session,
    row: Booking,
    kind: EventKind,
    actor: Actor,
    *,
    before: str = "",
    reason: str = "",
) -> None:
    """Append a history entry for ``row`` (its current status is the status after)."""
    session.add(
        BookingEvent(
            booking_id=row.id,
            origin=row.origin,
            kind=kind,
            from_status=before,
            to_status=row.status,
            username=actor.username,
            actor_name=actor.display_name,
            reason=reason[:200],
        )
    )
