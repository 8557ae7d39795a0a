"""Figures for the 概览 page and ``djdesk info``: record counts and where the data lives.

Each area registers the tables it wants counted in :data:`COUNTED_TABLES`, with a Chinese label;
tombstoned records are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import DeclarativeBase

from djdesk.db.base import SyncMixin
from djdesk.db.models import CheckIn, Grid, IssuedSerial, Member, Site, Unit, UserAccount
from djdesk.db.session import Database

#: (key, Chinese label, model) of every table shown in record counts, in display order.
COUNTED_TABLES: list[tuple[str, str, type[DeclarativeBase]]] = [
    ("site", "站点信息", Site),
    ("unit", "驻区单位", Unit),
    ("member", "在职党员", Member),
    ("checkin", "报到记录", CheckIn),
    ("grid", "网格", Grid),
    ("user_account", "用户账户", UserAccount),
    ("issued_serial", "已编号文书", IssuedSerial),
]


@dataclass(frozen=True)
class RecordCount:
    key: str
    label: str
    count: int


def record_counts(db: Database) -> list[RecordCount]:
    """Live (not deleted) records per counted table."""
    counts: list[RecordCount] = []
    with db.reading() as session:
        for key, label, model in COUNTED_TABLES:
            stmt = select(func.count()).select_from(model)
            if issubclass(model, SyncMixin):
                stmt = stmt.where(model.deleted_at.is_(None))
            counts.append(RecordCount(key, label, int(session.scalar(stmt) or 0)))
    return counts
