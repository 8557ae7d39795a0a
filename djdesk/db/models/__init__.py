"""All ORM models; importing this package registers every table on ``Base.metadata``."""

from __future__ import annotations

from djdesk.db.models.accounts import AuditEntry, UserAccount
from djdesk.db.models.cases import (
    CaseSecret,
    CatalogItem,
    CatalogVersion,
    Certificate,
    CertificatePrint,
    ServiceCase,
)
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
    "CaseSecret",
    "CatalogItem",
    "CatalogVersion",
    "Certificate",
    "CertificatePrint",
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
    "ServiceCase",
    "ServicePost",
    "Site",
    "Unit",
    "UserAccount",
]
