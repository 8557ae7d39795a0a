"""How often a certificate was printed, read from the one place that knows: the document register.

Every rendering of a certificate — its first print, each 补打, a filed copy of a voided one — is
an entry of the shared register (:mod:`djdesk.services.documents`) of kind
:data:`~djdesk.documents.cases.kinds.CERTIFICATE_KIND` under the certificate's serial, so the
case page, the 出具证明登记簿 and the statistics count prints here rather than keep their own
tally. Printing the same rendering again from the preview adds an output to its entry, not a
new rendering; it is not a reprint.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.orm import Session

from djdesk.db.models.cases import Certificate
from djdesk.db.models.documents import DocumentRecord
from djdesk.documents.cases.kinds import CERTIFICATE_KIND
from djdesk.services.documents import DocumentFormat


def _of_certificate() -> tuple[Any, ...]:
    return (
        DocumentRecord.kind == CERTIFICATE_KIND,
        DocumentRecord.origin == Certificate.origin,
        DocumentRecord.serial == Certificate.serial,
        DocumentRecord.file_format == DocumentFormat.PDF.value,
        DocumentRecord.deleted_at.is_(None),
    )


def renderings_column() -> ScalarSelect[int]:
    """A correlated count of a :class:`Certificate` row's renderings (walks the serial index)."""
    return (
        select(func.count())
        .select_from(DocumentRecord)
        .where(*_of_certificate())
        .correlate(Certificate)
        .scalar_subquery()
    )


def renderings(session: Session, certificate: Certificate) -> int:
    """How many times ``certificate`` was rendered (0: never printed)."""
    stmt = (
        select(func.count())
        .select_from(DocumentRecord)
        .where(
            DocumentRecord.kind == CERTIFICATE_KIND,
            DocumentRecord.origin == certificate.origin,
            DocumentRecord.serial == certificate.serial,
            DocumentRecord.file_format == DocumentFormat.PDF.value,
            DocumentRecord.deleted_at.is_(None),
        )
    )
    return int(session.scalar(stmt) or 0)


def reprints_between(session: Session, start: date, end: date) -> int:
    """Reprints (补打 and filed copies) of the certificates issued from ``start`` to ``end``."""
    stmt = (
        select(func.count())
        .select_from(DocumentRecord)
        .join(Certificate, Certificate.serial == DocumentRecord.serial)
        .where(
            *_of_certificate(),
            DocumentRecord.copy_number > 0,
            Certificate.issued_on >= start,
            Certificate.issued_on <= end,
            Certificate.deleted_at.is_(None),
        )
    )
    return int(session.scalar(stmt) or 0)
