"""Status changes of a booking, each with who and why in its history.

待审批 → 已批准 (approve) | 已驳回 (reject); 待审批/已批准 → 已取消 (cancel);
已批准 → 已使用 (used) | 爽约 (no-show). Approving locks the room and checks again: a
booking that now clashes with an approved one, or falls on a closure, is refused with the rule
named (a conflicting request is never approved silently); the other pending requests it
overlaps are returned so the clerk can tell those bookers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.models.rooms import Booking
from djdesk.db.session import Database
from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.services.rooms.booking_info import BookingInfo, add_event, booking_info, load_booking
from djdesk.services.rooms.booking_input import BookingInput, field_error
from djdesk.services.rooms.calendar import centre_now
from djdesk.services.rooms.check_data import load_check_data
from djdesk.services.rooms.checks import BookingCheck, BookingRefusedError, evaluate
from djdesk.services.rooms.locking import lock_room
from djdesk.services.rooms.noshows import suspend_if_due_in
from djdesk.services.rooms.types import BookingStatus, EventKind, Rule

#: Rules that still matter when a pending request is approved (notice, advance and quotas
#: were judged when it was made).
APPROVAL_RULES = frozenset(
    {
        Rule.TIME_ORDER,
        Rule.ROOM_STATUS,
        Rule.SUSPENDED,
        Rule.PAST,
        Rule.CLOSURE,
        Rule.OPENING_HOURS,
        Rule.CAPACITY,
        Rule.CONFLICT,
    }
)


@dataclass(frozen=True)
class ApprovalResult:
    booking: BookingInfo
    #: Other pending requests overlapping this one: they can no longer be approved.
    overlapping_pending: tuple[int, ...] = ()


def _require_reason(reason: str) -> str:
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise ValidationErrors([field_error("reason", "请填写理由")])
    if len(cleaned) > 200:
        raise ValidationErrors([field_error("reason", "不能超过 200 个字")])
    return cleaned


def _move(
    session: Session,
    row: Booking,
    allowed_from: tuple[BookingStatus, ...],
    to: BookingStatus,
    kind: EventKind,
    actor: Actor,
    reason: str,
) -> None:
    if row.status not in allowed_from:
        shown = "、".join(allowed_from)
        raise DjdeskError(
            f"预约 {row.serial} 当前为“{row.status}”，只有{shown}的预约可以{kind.value}。"
        )
    before = row.status
    row.status = to
    session.flush()
    add_event(session, row, kind, actor, before=before, reason=reason)


def _recheck(session: Session, row: Booking, now: datetime) -> BookingCheck:
    data = BookingInput(
        room_id=row.room_id,
        day=row.day,
        start=row.start_minute,
        end=row.end_minute,
        booker_id=row.booker_id,
        purpose=row.purpose,
        attendees=row.attendees,
        public_benefit=row.public_benefit,
        official=row.official,
    )
    facts = load_check_data(
        session,
        row.room_id,
        row.day,
        row.day,
        booker_id=row.booker_id,
        walk_in=None,
        today=now.date(),
        exclude_id=row.id,
    )
    return evaluate(data, facts, now, exclude_id=row.id)


def _room_of(db: Database, booking_id: int) -> int:
    with db.reading() as session:
        return load_booking(session, booking_id).room_id


def approve_booking(
    db: Database, booking_id: int, *, actor: Actor, reason: str = "", now: datetime | None = None
) -> ApprovalResult:
    """批准 a pending request after checking it again under the room's lock."""
    now = now or centre_now()
    room_id = _room_of(db, booking_id)
    with db.unit_of_work(actor, what="审批场地预约") as session:
        lock_room(session, room_id)
        row = load_booking(session, booking_id)
        check = _recheck(session, row, now)
        blocking = [r for r in check.blocking if r.rule in APPROVAL_RULES]
        if blocking:
            raise BookingRefusedError(blocking)
        _move(
            session,
            row,
            (BookingStatus.PENDING,),
            BookingStatus.APPROVED,
            EventKind.APPROVED,
            actor,
            reason,
        )
        return ApprovalResult(booking_info(row), check.result(Rule.TENTATIVE).booking_ids)


def reject_booking(db: Database, booking_id: int, *, actor: Actor, reason: str) -> BookingInfo:
    """驳回 a pending request; the reason is required."""
    why = _require_reason(reason)
    with db.unit_of_work(actor, what="审批场地预约") as session:
        row = load_booking(session, booking_id)
        _move(
            session,
            row,
            (BookingStatus.PENDING,),
            BookingStatus.REJECTED,
            EventKind.REJECTED,
            actor,
            why,
        )
        return booking_info(row)


def cancel_booking(db: Database, booking_id: int, *, actor: Actor, reason: str) -> BookingInfo:
    """取消 a pending or approved booking; the reason is required."""
    why = _require_reason(reason)
    with db.unit_of_work(actor, what="取消场地预约") as session:
        row = load_booking(session, booking_id)
        allowed = (BookingStatus.PENDING, BookingStatus.APPROVED)
        _move(session, row, allowed, BookingStatus.CANCELLED, EventKind.CANCELLED, actor, why)
        return booking_info(row)


def _started(row: Booking, now: datetime) -> bool:
    return (
        datetime.combine(row.day, datetime.min.time()) + timedelta(minutes=row.start_minute) <= now
    )


def mark_used(
    db: Database,
    booking_id: int,
    *,
    actor: Actor,
    attendees: int | None = None,
    reason: str = "",
    now: datetime | None = None,
) -> BookingInfo:
    """已使用: the room was used (from its start time on); optionally how many came."""
    now = now or centre_now()
    with db.unit_of_work(actor, what="登记场地使用") as session:
        row = load_booking(session, booking_id)
        if not _started(row, now):
            raise ValidationErrors([field_error("start", "预约尚未开始，不能登记为已使用")])
        if attendees is not None:
            if not 0 <= attendees <= 100000:
                raise ValidationErrors([field_error("attendees", "应为非负整数")])
            row.actual_attendees = attendees
        _move(
            session,
            row,
            (BookingStatus.APPROVED,),
            BookingStatus.USED,
            EventKind.USED,
            actor,
            reason,
        )
        return booking_info(row)


@dataclass(frozen=True)
class NoShowResult:
    booking: BookingInfo
    #: Last day of the suspension this no-show triggered (``None``: none triggered).
    suspended_until: datetime | None = None
    no_shows: int = 0


def mark_no_show(
    db: Database, booking_id: int, *, actor: Actor, reason: str = "", now: datetime | None = None
) -> NoShowResult:
    """爽约: the booker did not come. After N no-shows in M days the booker is suspended."""
    now = now or centre_now()
    with db.unit_of_work(actor, what="登记爽约") as session:
        row = load_booking(session, booking_id)
        if not _started(row, now):
            raise ValidationErrors([field_error("start", "预约尚未开始，不能登记爽约")])
        _move(
            session,
            row,
            (BookingStatus.APPROVED,),
            BookingStatus.NO_SHOW,
            EventKind.NO_SHOW,
            actor,
            reason,
        )
        until, count = suspend_if_due_in(session, row, now=now)
        shown = datetime.combine(until, datetime.min.time()) if until else None
        return NoShowResult(booking_info(row), shown, count)
