"""Closures (闭馆) and special hours for single dates, centre-wide or for one room;
administrators only.

Closing over existing bookings is allowed (staff must be able to impose a closure), but the
bookings affected are listed in the result, and with ``cancel_affected`` they are cancelled in
the same transaction with the closure as the reason, so the clerk can phone each booker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.actor import ADMINS, Actor
from djdesk.db.models.rooms import Booking, RoomClosure, RoomDayHours
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, ValidationError, ValidationErrors
from djdesk.services.rooms.booking_info import BookingInfo, add_event, booking_info
from djdesk.services.rooms.calendar import Interval, merge
from djdesk.services.rooms.locking import lock_room, lock_rooms
from djdesk.services.rooms.rooms import live_rooms
from djdesk.services.rooms.types import BookingStatus, EventKind


@dataclass(frozen=True)
class ClosureInfo:
    id: int
    room_id: int | None
    first_day: date
    last_day: date
    reason: str


@dataclass(frozen=True)
class ClosureResult:
    closure: ClosureInfo
    #: Pending or approved bookings inside the closure (cancelled when asked to).
    affected: tuple[BookingInfo, ...]
    cancelled: bool


def validate_closure(first: date, last: date, reason: str) -> str:
    """The cleaned reason; refuses a reversed or over-long range and a missing reason."""
    errors = []
    cleaned = " ".join(reason.split())
    if last < first:
        errors.append(ValidationError("last_day", "不能早于开始日期", label="结束日期"))
    elif (last - first).days > 366:
        errors.append(ValidationError("last_day", "一次最长闭馆一年", label="结束日期"))
    if not cleaned:
        errors.append(ValidationError("reason", "请填写闭馆原因", label="原因"))
    elif len(cleaned) > 100:
        errors.append(ValidationError("reason", "不能超过 100 个字", label="原因"))
    if errors:
        raise ValidationErrors(errors)
    return cleaned


def _affected(session: Session, room_id: int | None, first: date, last: date) -> list[Booking]:
    stmt = select(Booking).where(
        Booking.day.between(first, last),
        Booking.status.in_((BookingStatus.PENDING, BookingStatus.APPROVED)),
        Booking.deleted_at.is_(None),
    )
    if room_id is not None:
        stmt = stmt.where(Booking.room_id == room_id)
    return list(session.scalars(stmt.order_by(Booking.day, Booking.start_minute)))


def add_closure(
    db: Database,
    first: date,
    last: date,
    reason: str,
    *,
    actor: Actor,
    room_id: int | None = None,
    cancel_affected: bool = False,
) -> ClosureResult:
    """Close one room (or, ``room_id`` None, the whole centre) from ``first`` to ``last``."""
    why = validate_closure(first, last, reason)
    with db.unit_of_work(actor, roles=ADMINS, what="设置闭馆日") as session:
        if room_id is None:
            lock_rooms(session, [r.id for r in live_rooms(session)])
        else:
            lock_room(session, room_id)
        row = RoomClosure(room_id=room_id, first_day=first, last_day=last, reason=why)
        session.add(row)
        session.flush()
        affected = _affected(session, room_id, first, last)
        if cancel_affected:
            for booking in affected:
                before = booking.status
                booking.status = BookingStatus.CANCELLED
                session.flush()
                add_event(
                    session,
                    booking,
                    EventKind.CANCELLED,
                    actor,
                    before=before,
                    reason=f"闭馆：{why}",
                )
        info = ClosureInfo(row.id, room_id, first, last, why)
        return ClosureResult(info, tuple(booking_info(b) for b in affected), cancel_affected)


def remove_closure(db: Database, closure_id: int, *, actor: Actor) -> None:
    with db.unit_of_work(actor, roles=ADMINS, what="设置闭馆日") as session:
        row = session.get(RoomClosure, closure_id)
        if row is None:
            raise NotFoundError("找不到该闭馆安排。")
        session.delete(row)


def list_closures(db: Database, *, since: date | None = None) -> list[ClosureInfo]:
    with db.reading() as session:
        stmt = select(RoomClosure).order_by(RoomClosure.first_day)
        if since is not None:
            stmt = stmt.where(RoomClosure.last_day >= since)
        return [
            ClosureInfo(c.id, c.room_id, c.first_day, c.last_day, c.reason)
            for c in session.scalars(stmt)
        ]


def set_day_hours(
    db: Database,
    day: date,
    intervals: list[Interval],
    *,
    actor: Actor,
    room_id: int | None = None,
    reason: str = "",
) -> tuple[Interval, ...]:
    """Replace the hours of one date (no intervals: closed that day); returns them merged."""
    why = " ".join(reason.split())[:100]
    for o, c in intervals:
        if not 0 <= o < c <= 1440:
            raise ValidationErrors(
                [
                    ValidationError(
                        "hours", "每段须在 00:00–24:00 之间，且结束晚于开始", label="开放时间"
                    )
                ]
            )
    merged = merge(intervals)
    with db.unit_of_work(actor, roles=ADMINS, what="设置特别开放时间") as session:
        cond = (
            RoomDayHours.room_id.is_(None) if room_id is None else RoomDayHours.room_id == room_id
        )
        for row in session.scalars(select(RoomDayHours).where(cond, RoomDayHours.day == day)):
            session.delete(row)
        session.flush()
        for o, c in merged or ((0, 0),):  # (0, 0): closed that day
            session.add(RoomDayHours(room_id=room_id, day=day, opens=o, closes=c, reason=why))
    return merged


@dataclass(frozen=True)
class DayHoursInfo:
    """Special hours of one date (none: closed that day), centre-wide or for one room."""

    room_id: int | None
    day: date
    intervals: tuple[Interval, ...]
    reason: str


def list_day_hours(db: Database, *, since: date | None = None) -> list[DayHoursInfo]:
    """Every date with special hours (from ``since`` on), by date then room (centre first)."""
    with db.reading() as session:
        stmt = select(RoomDayHours).order_by(RoomDayHours.day, RoomDayHours.opens)
        if since is not None:
            stmt = stmt.where(RoomDayHours.day >= since)
        grouped: dict[tuple[int | None, date], list[RoomDayHours]] = {}
        for row in session.scalars(stmt):
            grouped.setdefault((row.room_id, row.day), []).append(row)
    out = [
        DayHoursInfo(
            room_id,
            day,
            merge((r.opens, r.closes) for r in rows),
            next((r.reason for r in rows if r.reason), ""),
        )
        for (room_id, day), rows in grouped.items()
    ]
    return sorted(out, key=lambda d: (d.day, d.room_id or 0))


def clear_day_hours(db: Database, day: date, *, actor: Actor, room_id: int | None = None) -> int:
    """Drop the special hours of one date (the usual hours apply again); how many rows went."""
    with db.unit_of_work(actor, roles=ADMINS, what="设置特别开放时间") as session:
        cond = (
            RoomDayHours.room_id.is_(None) if room_id is None else RoomDayHours.room_id == room_id
        )
        rows = list(session.scalars(select(RoomDayHours).where(cond, RoomDayHours.day == day)))
        for row in rows:
            session.delete(row)
        return len(rows)
