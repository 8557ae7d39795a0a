"""The rooms area's tiles on the 概览 page: today's bookings, requests waiting for approval,
displaced bookers still to be phoned and keys not yet returned."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from djdesk.db.models.rooms import Booking, KeyHandover
from djdesk.db.session import Database
from djdesk.services.areas import OverviewTile
from djdesk.services.rooms.calendar import centre_now
from djdesk.services.rooms.types import ACTIVE, BookingStatus


def rooms_tiles(db: Database, *, today: date | None = None) -> list[OverviewTile]:
    today = today or centre_now().date()
    alive = Booking.deleted_at.is_(None)
    with db.reading() as session:
        stmt = (
            select(Booking.status, func.count())
            .where(Booking.day == today, Booking.status.in_(ACTIVE), alive)
            .group_by(Booking.status)
        )
        by_status = {str(status): int(n) for status, n in session.execute(stmt)}
        pending = session.scalar(
            select(func.count()).where(
                Booking.status == BookingStatus.PENDING, Booking.day >= today, alive
            )
        )
        calls = session.scalar(
            select(func.count()).where(
                Booking.bumped_by_id.is_not(None), Booking.notified_at.is_(None), alive
            )
        )
        keys = session.scalar(select(func.count()).where(KeyHandover.returned_at.is_(None)))
    total = sum(by_status.values())
    used = by_status.get(BookingStatus.USED, 0)
    waiting = by_status.get(BookingStatus.PENDING, 0)
    tiles = [
        OverviewTile("今日预约", f"{total}", f"已使用 {used}，待审批 {waiting}", "rooms-day"),
        OverviewTile(
            "待审批", f"{pending or 0}", "今天及以后的预约申请", "bookings", bool(pending)
        ),
    ]
    if calls:
        tiles.append(
            OverviewTile("待电话通知", f"{calls}", "因党组织会议让出的预约", "bookings", True)
        )
    if keys:
        tiles.append(OverviewTile("钥匙未还", f"{keys}", "已领取尚未归还", "rooms-day", True))
    return tiles
