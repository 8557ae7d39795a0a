"""Priority bump (让出): an official Party meeting displaces residents' bookings.

Only an official meeting (党员大会、支委会、党小组会、党课) of a 党组织 may displace, only
bookings of residents and resident teams, and only with a reason. The displaced bookings are
cancelled with that reason and stay linked to the meeting; they are listed for a phone call
(:func:`calls_to_make`) until the clerk records the call, and a notice slip can be printed.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.base import utc_now
from djdesk.db.models.rooms import Booking
from djdesk.db.session import Database
from djdesk.errors import ValidationErrors
from djdesk.services.rooms.booking_info import BookingInfo, add_event, booking_info, load_booking
from djdesk.services.rooms.booking_input import field_error
from djdesk.services.rooms.types import BookerCategory, BookingStatus, EventKind


def displace_in(
    session: Session, meeting: Booking, ids: tuple[int, ...], reason: str, *, actor: Actor
) -> tuple[BookingInfo, ...]:
    """Cancel the bookings ``ids`` in favour of ``meeting`` (inside the caller's unit of work)."""
    if not reason:
        raise ValidationErrors([field_error("reason", "让出其他预约须填写理由")])
    if meeting.booker.category != BookerCategory.PARTY_ORG or not meeting.official:
        raise ValidationErrors([field_error("official", "只有党组织的正式会议可以让其他预约让出")])
    out = []
    for booking_id in ids:
        row = load_booking(session, booking_id)
        before = row.status
        row.status = BookingStatus.CANCELLED
        row.bumped_by_id = meeting.id
        session.flush()
        why = f"让出给 {meeting.booker.name} 的会议（{meeting.serial}）：{reason}"
        add_event(session, row, EventKind.BUMPED, actor, before=before, reason=why)
        out.append(booking_info(row))
    return tuple(out)


def calls_to_make(db: Database, *, since: date | None = None) -> list[BookingInfo]:
    """Displaced bookings whose booker has not yet been told by phone, soonest first."""
    with db.reading() as session:
        stmt = (
            select(Booking)
            .where(
                Booking.bumped_by_id.is_not(None),
                Booking.notified_at.is_(None),
                Booking.deleted_at.is_(None),
            )
            .order_by(Booking.day, Booking.start_minute)
        )
        if since is not None:
            stmt = stmt.where(Booking.day >= since)
        return [booking_info(row) for row in session.scalars(stmt)]


def mark_notified(db: Database, booking_id: int, *, actor: Actor, note: str = "") -> BookingInfo:
    """Record that the displaced booker was told (by phone)."""
    with db.unit_of_work(actor, what="记录电话通知") as session:
        row = load_booking(session, booking_id)
        if row.bumped_by_id is None:
            raise ValidationErrors([field_error("reason", "该预约没有被让出，无需通知")])
        row.notified_at = utc_now()
        session.flush()
        add_event(session, row, EventKind.NOTIFIED, actor, before=row.status, reason=note)
        return booking_info(row)


def meeting_of(db: Database, booking_id: int) -> BookingInfo | None:
    """The meeting that displaced a booking."""
    with db.reading() as session:
        row = load_booking(session, booking_id)
        if row.bumped_by_id is None:
            return None
        return booking_info(load_booking(session, row.bumped_by_id))
