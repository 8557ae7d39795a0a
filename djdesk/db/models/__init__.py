"""All ORM models; importing this package registers every table on ``Base.metadata``."""

from __future__ import annotations

from djdesk.db.models.accounts import UserAccount
from djdesk.db.models.agreements import Agreement, AgreementTask, AgreementTemplate
from djdesk.db.models.audit import AuditEntry
from djdesk.db.models.checkin import CheckIn, Grid, Member, ServicePost, Unit
from djdesk.db.models.documents import DocumentOutput, DocumentRecord
from djdesk.db.models.serials import IssuedSerial, SerialCounter
from djdesk.db.models.site import Site

__all__ = [
    "Agreement",
    "AgreementTask",
    "AgreementTemplate",
    "AuditEntry",
    "CheckIn",
    "DocumentOutput",
    "DocumentRecord",
    "Grid",
    "IssuedSerial",
    "Member",
    "SerialCounter",
    "ServicePost",
    "Site",
    "Unit",
    "UserAccount",
]
