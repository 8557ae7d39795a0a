"""Serial-number state: a counter per document kind and year, and a register of every number."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, PrimaryKeyConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from djdesk.db.base import Base, SyncMixin, UTCDateTime, utc_now


class SerialCounter(Base):
    """Last number handed out by this site for one (kind, year); local state, never travels."""

    __tablename__ = "serial_counter"
    __table_args__ = (PrimaryKeyConstraint("kind", "year"),)

    kind: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer)


class IssuedSerial(SyncMixin, Base):
    """One issued number: the register that proves no number was used twice by one site.

    Numbers are unique per ``origin``: every community numbers its own documents from 1.
    """

    __tablename__ = "issued_serial"
    __audited__ = True
    __table_args__ = (
        Index(
            "uq_issued_serial_origin_kind_year_number",
            "origin",
            "kind",
            "year",
            "number",
            unique=True,
        ),
        Index("uq_issued_serial_origin_serial", "origin", "serial", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    serial: Mapped[str] = mapped_column(String(80))
    subject: Mapped[str] = mapped_column(String(200), default="")
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
