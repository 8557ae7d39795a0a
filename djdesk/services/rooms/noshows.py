"""No-shows and suspensions: after N no-shows within M days (the room's rules; defaults 3 in
90 days) the booker may not book for a period (default 30 days). The suspension is shown at
the booker field whenever a clerk tries to book for them; an administrator may lift it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from djdesk.actor import ADMINS, Actor
from djdesk.db.base import utc_now
from djdesk.db.models.rooms import Booker, BookerSuspension, Booking
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, ValidationErrors
from djdesk.services.rooms.bookers import active_suspension
from djdesk.services.rooms.booking_input import field_error
from djdesk.services.rooms.settings import effective_rules_in
from djdesk.services.rooms.types import BookingStatus


@dataclass(frozen=True)
class SuspensionInfo:
    id: int
    booker_id: int
    booker_name: str
    first_day: date
    last_day: date
    reason: str
    lifted: bool


def no_show_count(session: Session, booker_id: int, since: date, until: date) -> int:
    stmt = select(func.count()).where(
        Booking.booker_id == booker_id,
        Booking.status == BookingStatus.NO_SHOW,
        Booking.day.between(since, until),
        Booking.deleted_at.is_(None),
    )
    return int(session.scalar(stmt) or 0)


def suspend_if_due_in(session: Session, row: Booking, *, now: datetime) -> tuple[date | None, int]:
    """After a no-show: suspend the booker when the limit is reached and no suspension runs.

    Returns the suspension's last day (``None`` when none was started) and the no-show count.
    """
    rules = effective_rules_in(session, row.room_id)
    today = now.date()
    count = no_show_count(
        session, row.booker_id, today - timedelta(days=rules.no_show_window_days), today
    )
    if not rules.no_show_limit or count < rules.no_show_limit:
        return None, count
    if active_suspension(session, row.booker_id, today) is not None:
        return None, count
    last = today + timedelta(days=rules.suspension_days - 1)
    reason = f"{rules.no_show_window_days} 天内爽约 {count} 次"
    session.add(
        BookerSuspension(
            origin=row.origin,
            booker_id=row.booker_id,
            first_day=today,
            last_day=last,
            reason=reason,
        )
    )
    session.flush()
    return last, count


def suspensions(db: Database, *, today: date | None = None) -> list[SuspensionInfo]:
    """Suspensions in force on ``today`` (default: today), soonest end first."""
    on = today or date.today()
    with db.reading() as session:
        stmt = (
            select(BookerSuspension, Booker.name)
            .join(Booker, Booker.id == BookerSuspension.booker_id)
            .where(
                BookerSuspension.first_day <= on,
                BookerSuspension.last_day >= on,
                BookerSuspension.lifted_at.is_(None),
                BookerSuspension.deleted_at.is_(None),
            )
            .order_by(BookerSuspension.last_day)
        )
        return [
            SuspensionInfo(s.id, s.booker_id, name, s.first_day, s.last_day, s.reason, False)
            for s, name in session.execute(stmt)
        ]


def lift_suspension(db: Database, suspension_id: int, *, actor: Actor, reason: str) -> None:
    """End a suspension early; 管理员 only, with a reason."""
    why = " ".join(reason.split())
    if not why:
        raise ValidationErrors([field_error("reason", "请填写恢复预约资格的理由")])
    with db.unit_of_work(actor, roles=ADMINS, what="恢复预约资格") as session:
        row = session.get(BookerSuspension, suspension_id)
        if row is None or row.deleted_at is not None:
            raise NotFoundError("找不到该暂停记录。")
        row.lifted_at = utc_now()
        row.lifted_by = actor.display_name
        row.reason = f"{row.reason}（已恢复：{why}）"[:200]
