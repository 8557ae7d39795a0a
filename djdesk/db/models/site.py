"""The installation's identity: one row saying which community, street or district this is."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from djdesk.db.base import Base, SyncMixin


class Site(SyncMixin, Base):
    """Level, official code and names of this installation; documents and packages use it."""

    __tablename__ = "site"
    __audited__ = True
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("level IN ('社区', '街道', '区')", name="level"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    level: Mapped[str] = mapped_column(String(4))
    code: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(40))
    street_code: Mapped[str] = mapped_column(String(9), default="")
    street_name: Mapped[str] = mapped_column(String(100), default="")
    district_code: Mapped[str] = mapped_column(String(6), default="")
    district_name: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    party_org: Mapped[str] = mapped_column(String(150), default="")
    serial_prefix: Mapped[str] = mapped_column(String(30), default="")
