"""Serial-number state: a counter per document kind and year, and a register of every number."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, PrimaryKeyConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from djdesk.db.base import Base, SyncMixin, UTCDateTime, utc_now


class SerialCounter(Base):
    """Last number handed out for one (kind, year); local state, never travels."""

    __tablename__ = "serial_counter"
    __table_args__ = (PrimaryKeyConstraint("kind", "year"),)

    kind: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer)


class IssuedSerial(SyncMixin, Base):
    """One issued number: the register that proves no number was used twice."""

    __tablename__ = "issued_serial"
    __audited__ = True
    __table_args__ = (UniqueConstraint("kind", "year", "number", name="kind_year_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    serial: Mapped[str] = mapped_column(String(80), unique=True)
    subject: Mapped[str] = mapped_column(String(200), default="")
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
