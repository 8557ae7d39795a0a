"""The check-in area's tiles on the 概览 page: members in the register, this month's arrivals."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from djdesk.db.models.checkin import CheckIn, Unit
from djdesk.db.session import Database
from djdesk.services.areas import OverviewTile
from djdesk.services.checkin.types import CheckinStatus, UnitStatus


def checkin_tiles(db: Database, *, today: date | None = None) -> list[OverviewTile]:
    """在册党员 (with this month's check-ins) and 驻区单位 (with how many have members here)."""
    today = today or date.today()
    month_start = today.replace(day=1)
    alive = CheckIn.deleted_at.is_(None)
    with db.reading() as session:
        active = session.scalar(
            select(func.count()).where(CheckIn.status == CheckinStatus.ACTIVE, alive)
        )
        this_month = session.scalar(
            select(func.count()).where(CheckIn.checked_in_on >= month_start, alive)
        )
        units = session.scalar(
            select(func.count()).where(Unit.status == UnitStatus.ACTIVE, Unit.deleted_at.is_(None))
        )
    return [
        OverviewTile("在册党员", f"{active or 0:,}", f"本月报到 {this_month or 0} 人", "members"),
        OverviewTile("驻区单位", f"{units or 0:,}", "在册单位", "units"),
    ]
