"""场地预约: rooms and their hours, closures and rules; bookers; bookings and what happens to them.

Rooms, bookers, bookings (with their series, status history, key hand-overs and suspensions)
travel upward and carry :class:`~djdesk.db.base.SyncMixin`; their natural keys (room name,
booking serial) are unique per origin. Opening hours, closures and rule settings are the
centre's local configuration. Times of day are minutes after local midnight (0–1440) on the
booking's ``day``, the centre's wall time. ``room.lock_version`` is local bookkeeping: every
writer of a room's bookings bumps it first, which serialises them (see docs/rooms.md).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from djdesk.db.base import Base, SyncMixin, UTCDateTime, utc_now


class Room(SyncMixin, Base):
    """A bookable room (功能室) of the centre."""

    __tablename__ = "room"
    __audited__ = True
    __table_args__ = (UniqueConstraint("origin", "name", name="uq_room_origin_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(20), default="")  # 编号
    floor: Mapped[str] = mapped_column(String(20), default="")
    location: Mapped[str] = mapped_column(String(60), default="")
    area_sqm: Mapped[int] = mapped_column(Integer, default=0)
    capacity: Mapped[int] = mapped_column(Integer, default=0)
    equipment: Mapped[str] = mapped_column(String(200), default="")  # "、"-joined
    status: Mapped[str] = mapped_column(String(4), default="开放")  # RoomStatus
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    categories: Mapped[str] = mapped_column(String(60), default="")  # "、"-joined BookerCategory
    phone: Mapped[str] = mapped_column(String(40), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    #: Bumped by every writer of this room's bookings before it checks (a row lock).
    lock_version: Mapped[int] = mapped_column(Integer, default=0)


class RoomHours(Base):
    """One opening interval of a room on a kind of day (0–6 Mon–Sun, 7 holiday, 8 调休上班日)."""

    __tablename__ = "room_hours"
    __audited__ = True
    __table_args__ = (Index("ix_room_hours_room_day", "room_id", "day_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    day_kind: Mapped[int] = mapped_column(Integer)
    opens: Mapped[int] = mapped_column(Integer)
    closes: Mapped[int] = mapped_column(Integer)


class RoomClosure(Base):
    """Closed days (闭馆) of one room, or of the whole centre when ``room_id`` is empty."""

    __tablename__ = "room_closure"
    __audited__ = True
    __table_args__ = (Index("ix_room_closure_days", "first_day", "last_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"), default=None)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(100), default="")


class RoomDayHours(Base):
    """Special hours for one date (replacing the usual ones), per room or centre-wide."""

    __tablename__ = "room_day_hours"
    __audited__ = True
    __table_args__ = (Index("ix_room_day_hours_day", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"), default=None)
    day: Mapped[date] = mapped_column(Date)
    opens: Mapped[int] = mapped_column(Integer)
    closes: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(100), default="")


class RoomRules(Base):
    """Booking rules: the centre's (``room_id`` empty, every value set) or a room's overrides
    (an empty value inherits the centre's)."""

    __tablename__ = "room_rules"
    __audited__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"), unique=True, default=None)
    slot_minutes: Mapped[int | None] = mapped_column(Integer, default=None)
    min_notice_days: Mapped[int | None] = mapped_column(Integer, default=None)
    max_advance_days: Mapped[int | None] = mapped_column(Integer, default=None)
    series_advance_days: Mapped[int | None] = mapped_column(Integer, default=None)
    max_duration_minutes: Mapped[int | None] = mapped_column(Integer, default=None)
    quota_count: Mapped[int | None] = mapped_column(Integer, default=None)
    quota_hours: Mapped[int | None] = mapped_column(Integer, default=None)
    quota_categories: Mapped[str | None] = mapped_column(String(60), default=None)
    buffer_minutes: Mapped[int | None] = mapped_column(Integer, default=None)
    public_benefit_only: Mapped[bool | None] = mapped_column(Boolean, default=None)
    follow_holidays: Mapped[bool | None] = mapped_column(Boolean, default=None)
    no_show_limit: Mapped[int | None] = mapped_column(Integer, default=None)
    no_show_window_days: Mapped[int | None] = mapped_column(Integer, default=None)
    suspension_days: Mapped[int | None] = mapped_column(Integer, default=None)


class Booker(SyncMixin, Base):
    """Who books: a resident, a resident team, a social organisation, a unit or a Party body."""

    __tablename__ = "booker"
    __audited__ = True
    __table_args__ = (
        UniqueConstraint("origin", "category", "name", "phone", name="uq_booker_origin_category"),
        Index("ix_booker_name", "name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str] = mapped_column(String(6))  # BookerCategory
    name: Mapped[str] = mapped_column(String(120))
    contact: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), default=None)
    #: Entered by the clerk at the counter for someone without a registration (临时登记).
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    remarks: Mapped[str] = mapped_column(String(200), default="")


class BookerSuspension(SyncMixin, Base):
    """A period in which a booker may not book (after repeated no-shows, or set by hand)."""

    __tablename__ = "booker_suspension"
    __audited__ = True
    __table_args__ = (Index("ix_booker_suspension_booker", "booker_id", "last_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booker_id: Mapped[int] = mapped_column(ForeignKey("booker.id"))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    lifted_by: Mapped[str] = mapped_column(String(60), default="")


class BookingSeries(SyncMixin, Base):
    """A recurring booking: what was asked for; its occurrences are ordinary bookings."""

    __tablename__ = "booking_series"
    __audited__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    booker_id: Mapped[int] = mapped_column(ForeignKey("booker.id"))
    frequency: Mapped[str] = mapped_column(String(6))  # Frequency
    first_day: Mapped[date] = mapped_column(Date)
    until_day: Mapped[date | None] = mapped_column(Date, default=None)
    count: Mapped[int | None] = mapped_column(Integer, default=None)
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(200), default="")
    skipped: Mapped[str] = mapped_column(Text, default="")  # ISO dates skipped at booking


class Booking(SyncMixin, Base):
    """One booking of one room for one stretch of one day."""

    __tablename__ = "booking"
    __audited__ = True
    __table_args__ = (
        UniqueConstraint("origin", "serial", name="uq_booking_origin_serial"),
        Index("ix_booking_room_day", "room_id", "day", "start_minute"),
        Index("ix_booking_day", "day", "start_minute"),
        Index("ix_booking_booker_day", "booker_id", "day"),
        Index("ix_booking_status_day", "status", "day"),
        Index("ix_booking_series", "series_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    serial: Mapped[str] = mapped_column(String(80))
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    booker_id: Mapped[int] = mapped_column(ForeignKey("booker.id"))
    series_id: Mapped[int | None] = mapped_column(ForeignKey("booking_series.id"), default=None)
    day: Mapped[date] = mapped_column(Date)
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(200), default="")
    attendees: Mapped[int] = mapped_column(Integer, default=1)
    actual_attendees: Mapped[int | None] = mapped_column(Integer, default=None)
    contact_name: Mapped[str] = mapped_column(String(40), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    public_benefit: Mapped[bool] = mapped_column(Boolean, default=True)
    #: An official Party meeting (党员大会、支委会、党小组会、党课): may displace residents.
    official: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(4), default="待审批")  # BookingStatus
    created_by: Mapped[str] = mapped_column(String(60), default="")
    #: The official meeting that displaced this booking (priority bump).
    bumped_by_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id"), default=None)
    #: When the displaced booker was told by phone.
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    override_reason: Mapped[str] = mapped_column(String(200), default="")

    room: Mapped[Room] = relationship(lazy="joined")
    booker: Mapped[Booker] = relationship(lazy="joined")


class BookingEvent(SyncMixin, Base):
    """One entry of a booking's history: what happened, who did it and why."""

    __tablename__ = "booking_event"
    __table_args__ = (Index("ix_booking_event_booking", "booking_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    kind: Mapped[str] = mapped_column(String(6))  # EventKind
    from_status: Mapped[str] = mapped_column(String(4), default="")
    to_status: Mapped[str] = mapped_column(String(4), default="")
    username: Mapped[str] = mapped_column(String(60), default="")
    actor_name: Mapped[str] = mapped_column(String(60), default="")
    reason: Mapped[str] = mapped_column(String(200), default="")


class KeyHandover(SyncMixin, Base):
    """The key of a booked room: handed over and returned, with the room's condition."""

    __tablename__ = "key_handover"
    __audited__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id"), unique=True)
    handed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    handed_to: Mapped[str] = mapped_column(String(40), default="")
    handed_by: Mapped[str] = mapped_column(String(60), default="")
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    returned_by: Mapped[str] = mapped_column(String(60), default="")
    condition: Mapped[str] = mapped_column(String(4), default="")  # KeyCondition
    remarks: Mapped[str] = mapped_column(String(200), default="")
