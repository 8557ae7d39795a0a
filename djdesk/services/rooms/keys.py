"""Key hand-over and return (钥匙交接): who took the key when, when it came back and the room's
condition after use. Returning the key of an approved booking also records the room as used;
a room left damaged or untidy is noted on the booking's history for the room manager."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from djdesk.actor import Actor
from djdesk.db.base import utc_now
from djdesk.db.models.rooms import Booking, KeyHandover
from djdesk.db.session import Database
from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.services.rooms.booking_info import add_event, load_booking
from djdesk.services.rooms.booking_input import field_error
from djdesk.services.rooms.types import BookingStatus, EventKind, KeyCondition


@dataclass(frozen=True)
class KeyInfo:
    booking_id: int
    serial: str
    room_name: str
    handed_to: str
    handed_at: datetime
    handed_by: str
    returned_at: datetime | None
    returned_by: str
    condition: str
    remarks: str


def _info(key: KeyHandover, booking: Booking) -> KeyInfo:
    return KeyInfo(
        key.booking_id,
        booking.serial,
        booking.room.name,
        key.handed_to,
        key.handed_at,
        key.handed_by,
        key.returned_at,
        key.returned_by,
        key.condition,
        key.remarks,
    )


def hand_over_key(db: Database, booking_id: int, *, handed_to: str, actor: Actor) -> KeyInfo:
    """Give the key of an approved booking's room to ``handed_to`` (name of who took it)."""
    person = " ".join(handed_to.split())
    if not person or len(person) > 40:
        raise ValidationErrors(
            [field_error("contact_name", "请填写领取钥匙的人（不超过 40 个字）")]
        )
    with db.unit_of_work(actor, what="交接钥匙") as session:
        booking = load_booking(session, booking_id)
        if booking.status != BookingStatus.APPROVED:
            raise DjdeskError(
                f"预约 {booking.serial} 为“{booking.status}”，只有已批准的预约可以领取钥匙。"
            )
        if session.scalar(select(KeyHandover).where(KeyHandover.booking_id == booking_id)):
            raise DjdeskError(f"预约 {booking.serial} 的钥匙已经领取过。")
        key = KeyHandover(
            origin=booking.origin,
            booking_id=booking_id,
            handed_to=person,
            handed_by=actor.display_name,
        )
        session.add(key)
        session.flush()
        add_event(
            session,
            booking,
            EventKind.KEY_OUT,
            actor,
            before=booking.status,
            reason=f"领取人：{person}",
        )
        return _info(key, booking)


def return_key(
    db: Database,
    booking_id: int,
    *,
    condition: KeyCondition,
    actor: Actor,
    remarks: str = "",
) -> KeyInfo:
    """Take the key back with the room's condition; an approved booking becomes 已使用."""
    note = " ".join(remarks.split())
    if condition not in set(KeyCondition):
        raise ValidationErrors(
            [field_error("reason", f"使用后状况应为 {'、'.join(KeyCondition)} 之一")]
        )
    if condition != KeyCondition.GOOD and not note:
        raise ValidationErrors([field_error("reason", f"场地{condition}，请写明情况")])
    with db.unit_of_work(actor, what="交接钥匙") as session:
        booking = load_booking(session, booking_id)
        key = session.scalar(select(KeyHandover).where(KeyHandover.booking_id == booking_id))
        if key is None:
            raise DjdeskError(f"预约 {booking.serial} 的钥匙尚未领取。")
        if key.returned_at is not None:
            raise DjdeskError(f"预约 {booking.serial} 的钥匙已经归还。")
        key.returned_at = utc_now()
        key.returned_by = actor.display_name
        key.condition = condition
        key.remarks = note[:200]
        before = booking.status
        if booking.status == BookingStatus.APPROVED:
            booking.status = BookingStatus.USED
        session.flush()
        add_event(
            session,
            booking,
            EventKind.KEY_IN,
            actor,
            before=before,
            reason=f"{condition}{'：' + note if note else ''}",
        )
        return _info(key, booking)


def keys_out(db: Database) -> list[KeyInfo]:
    """Keys handed over and not yet back, oldest first."""
    with db.reading() as session:
        stmt = (
            select(KeyHandover, Booking)
            .join(Booking, Booking.id == KeyHandover.booking_id)
            .where(KeyHandover.returned_at.is_(None))
            .order_by(KeyHandover.handed_at)
        )
        return [_info(key, booking) for key, booking in session.execute(stmt)]
