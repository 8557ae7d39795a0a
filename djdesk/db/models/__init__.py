"""All ORM models; importing this package registers every table on ``Base.metadata``."""

from __future__ import annotations

from djdesk.db.models.accounts import UserAccount
from djdesk.db.models.audit import AuditEntry
from djdesk.db.models.checkin import CheckIn, Grid, Member, ServicePost, Unit
from djdesk.db.models.rooms import (
    Booker,
    BookerSuspension,
    Booking,
    BookingEvent,
    BookingSeries,
    KeyHandover,
    Room,
    RoomClosure,
    RoomDayHours,
    RoomHours,
    RoomRules,
)
from djdesk.db.models.serials import IssuedSerial, SerialCounter
from djdesk.db.models.site import Site

__all__ = [
    "AuditEntry",
    "Booker",
    "BookerSuspension",
    "Booking",
    "BookingEvent",
    "BookingSeries",
    "CheckIn",
    "Grid",
    "IssuedSerial",
    "KeyHandover",
    "Member",
    "Room",
    "RoomClosure",
    "RoomDayHours",
    "RoomHours",
    "RoomRules",
    "SerialCounter",
    "ServicePost",
    "Site",
    "Unit",
    "UserAccount",
]
