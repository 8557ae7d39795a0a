"""How the register rebuilds the 服务事项 area's documents for a 补打 (see
:mod:`djdesk.services.documents.reprint`): a certificate from the data it was printed with.

A serial typed at the 文书登记 page reprints the certificate exactly as it was issued, stamped
with the reprint's count on both parts. A voided certificate is refused there
(:func:`refuse_void`): reprinting its original wording would hand out a certificate that is no
longer valid; the case page prints it crossed out instead.
"""

from __future__ import annotations

from sqlalchemy import select

from djdesk.db.models.cases import Certificate
from djdesk.db.session import Database
from djdesk.documents.base.marks import PageMarks
from djdesk.documents.cases.certificate import CertificateDoc, build_certificate
from djdesk.documents.cases.kinds import CERTIFICATE_KIND
from djdesk.errors import DjdeskError
from djdesk.services.cases.types import CertificateStatus
from djdesk.services.documents.payload import from_payload
from djdesk.services.documents.reprint import ReprintCheck, Reproducer
from djdesk.services.documents.types import DocumentFormat
from djdesk.services.origin import load_site


def rebuild_certificate(
    payload: str, file_format: DocumentFormat, marks: PageMarks, invariant: bool
) -> bytes:
    doc = from_payload(CertificateDoc, payload)
    return build_certificate(doc, marks=marks, invariant=invariant)


def refuse_void(db: Database, serial: str) -> None:
    """A voided certificate is not reprinted from the register (its number stays taken)."""
    with db.reading() as session:
        site = load_site(session)
        row = session.scalar(
            select(Certificate).where(
                Certificate.origin == (site.code if site else ""), Certificate.serial == serial
            )
        )
        if row is not None and row.status == CertificateStatus.VOID:
            raise DjdeskError(
                f"证明 {serial} 已作废（{row.void_reason}），不能再补打。"
                "如需存档，请在“办件记录”页打印作废件。"
            )


REPRINTS: dict[str, Reproducer] = {CERTIFICATE_KIND: rebuild_certificate}
REPRINT_CHECKS: dict[str, ReprintCheck] = {CERTIFICATE_KIND: refuse_void}
