"""Printing, reprinting and voiding certificates (the 出具证明登记簿 keeps every number).

Every print of a certificate goes through the shared document register
(:func:`djdesk.services.documents.issue_document`, kind ``cases-certificate``, the certificate's
serial): the first rendering is the original, every later one a numbered reprint — a 补打,
which needs a reason, or for a voided certificate a 副本 to file with the stub (its reason is
filled in) — stamped on both parts of the sheet. The register entry is written in the unit of
work that delivers the file or the print job, so nothing is counted that did not go out, and
the register is the one count of prints (:mod:`.print_counts`). The register keeps the
certificate's data as printed, so the 文书登记 page can reprint it too (:mod:`.reprints`),
except once it is void. Voiding is refused twice and needs a reason; the number is never given
out again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.audit import record_event
from djdesk.db.base import utc_now
from djdesk.db.models.cases import Certificate
from djdesk.db.models.site import Site
from djdesk.db.session import Database
from djdesk.documents.base.marks import NO_MARKS, PageMarks
from djdesk.documents.cases.certificate import CertificateDoc, build_certificate
from djdesk.documents.cases.kinds import CERTIFICATE_KIND
from djdesk.errors import DjdeskError, NotFoundError, ValidationError, ValidationErrors
from djdesk.services.cases.check_code import CheckLine, make_line, site_secret
from djdesk.services.cases.print_counts import renderings
from djdesk.services.cases.types import CertificateStatus, PrintKind
from djdesk.services.documents import (
    Destination,
    DocumentSpec,
    ReprintMark,
    SendToPrinter,
    Subject,
    issue_document,
    marks_for,
    to_payload,
)
from djdesk.services.origin import load_site
from djdesk.validation.masking import mask_id_number, mask_phone

#: The reason a filed copy of a voided certificate carries in the register.
VOID_COPY_REASON = "作废存档"


@dataclass(frozen=True)
class PrintedCertificate:
    """What one print did: the file (``None`` when sent to a printer), the serial, what kind of
    rendering it was, the how-many-th rendering (1 for the first), the reprint's number (0 for
    the first rendering) and its entry in the document register."""

    path: Path | None
    serial: str
    kind: PrintKind
    sequence: int
    reprint: int
    document_id: int = 0
    title: str = ""
    subject_name: str = ""


def _certificate(session: Session, case_id: int) -> Certificate:
    row = session.scalar(
        select(Certificate).where(Certificate.case_id == case_id, Certificate.deleted_at.is_(None))
    )
    if row is None:
        raise NotFoundError("该办件没有出具证明（只有办结的依法证明事项出具证明）。")
    return row


def _line(session: Session, row: Certificate) -> CheckLine:
    secret = site_secret(session, row.origin)
    if secret is None:
        raise DjdeskError("本机没有证明校验密钥，无法打印验证码；请从备份恢复后再打印。")
    return make_line(secret, row.origin, row.year, row.number, row.issued_on)


def print_kind(row: Certificate, printed_before: int) -> PrintKind:
    """What the next rendering of ``row`` is, given how often it was rendered before."""
    if row.status == CertificateStatus.VOID:
        return PrintKind.VOID_COPY
    return PrintKind.ORIGINAL if printed_before == 0 else PrintKind.REPRINT


def certificate_doc(session: Session, row: Certificate) -> CertificateDoc:
    """The certificate as printed now (the data the register keeps with each rendering)."""
    case = row.case
    return CertificateDoc(
        serial=row.serial,
        title=row.title,
        community=row.community,
        body=row.body,
        purpose=row.purpose,
        item_code=row.item_code,
        item_name=row.item_name,
        catalog_version=row.catalog_version,
        legal_basis=row.legal_basis,
        limitation=row.limitation,
        validity_months=row.validity_months,
        subject_name=row.subject_name,
        subject_id_masked=mask_id_number(row.subject_id_number) if row.subject_id_number else "",
        applicant_name=case.applicant_name,
        applicant_phone_masked=mask_phone(case.applicant_phone) if case.applicant_phone else "",
        materials=tuple(json.loads(case.materials or "[]")),
        verification=row.verification,
        handler=row.handler,
        reviewer=row.reviewer,
        contact_phone=row.contact_phone,
        issued_on=row.issued_on,
        check_line=_line(session, row).text,
        void_reason=row.void_reason if row.status == CertificateStatus.VOID else "",
    )


def _planned_marks(kind: PrintKind, printed_before: int) -> PageMarks:
    if printed_before == 0:
        return NO_MARKS
    word = ReprintMark.COPY if kind == PrintKind.VOID_COPY else ReprintMark.REPRINT
    return PageMarks(stamp=word, stamp_detail=f"第 {printed_before} 次{word}")


def certificate_pdf(
    db: Database, case_id: int, *, invariant: bool = False
) -> tuple[PrintKind, bytes]:
    """The PDF the next print of the case's certificate would give (a preview writes nothing)."""
    with db.reading() as session:
        row = _certificate(session, case_id)
        before = renderings(session, row)
        kind = print_kind(row, before)
        doc = certificate_doc(session, row)
        return kind, build_certificate(doc, marks=_planned_marks(kind, before), invariant=invariant)


def print_certificate(
    db: Database,
    case_id: int,
    out_path: Path | Destination,
    *,
    actor: Actor,
    reason: str = "",
    send: SendToPrinter | None = None,
    invariant: bool = False,
) -> PrintedCertificate:
    """Print the case's certificate to a file or, through ``send``, a printer; register it.

    A certificate printed before is a 补打 and needs ``reason`` (else
    :class:`~djdesk.services.documents.ReprintReasonRequiredError`, nothing printed); a voided
    one prints crossed out, as a 副本 to file if it was printed before.
    """
    destination = out_path if isinstance(out_path, Destination) else Destination.file(out_path)
    with db.unit_of_work(actor, what="打印证明") as session:
        row = _certificate(session, case_id)
        kind = print_kind(row, renderings(session, row))
        doc = certificate_doc(session, row)
        mark = ReprintMark.REPRINT
        if kind == PrintKind.VOID_COPY:
            mark = ReprintMark.COPY
            reason = " ".join(reason.split()) or f"{VOID_COPY_REASON}（{row.void_reason}）"[:200]
        spec = DocumentSpec(
            kind=CERTIFICATE_KIND,
            title=row.title,
            serial=row.serial,
            subject=Subject("certificate", row.uid, row.subject_name),
            template_version=f"第 {row.catalog_version} 版目录",
            payload=to_payload(doc),
        )
        issued = issue_document(
            session,
            spec,
            lambda copy: build_certificate(doc, marks=marks_for(copy), invariant=invariant),
            destination,
            send=send,
            reason=reason,
            mark=mark,
        )
        number = issued.document.copy_number
        what = f"第 {number} 次{issued.document.mark}" if number else kind.value
        record_event(
            session,
            "print",
            table="certificate",
            uid=row.uid,
            summary=f"打印证明 {row.serial}（{what}）",
        )
        return PrintedCertificate(
            destination.path,
            row.serial,
            kind,
            sequence=number + 1,
            reprint=number,
            document_id=issued.document.id,
            title=row.title,
            subject_name=row.subject_name,
        )


def void_certificate(db: Database, case_id: int, reason: str, *, actor: Actor) -> str:
    """Mark the case's certificate 作废 with ``reason``; its number stays taken. Returns it."""
    text = " ".join(reason.split())
    if not text:
        raise ValidationErrors([ValidationError("reason", "请写明作废原因", label="作废原因")])
    if len(text) > 200:
        raise ValidationErrors([ValidationError("reason", "不能超过 200 个字", label="作废原因")])
    with db.unit_of_work(actor, what="作废证明") as session:
        row = _certificate(session, case_id)
        if row.status == CertificateStatus.VOID:
            raise DjdeskError(f"{row.serial} 已于此前作废（{row.void_reason}），无需再次作废。")
        row.status = CertificateStatus.VOID.value
        row.void_reason = text
        row.voided_by = actor.display_name[:40]
        row.voided_at = utc_now()
        return row.serial


def certificate_case_id(db: Database, key: str) -> int:
    """The case of a certificate a clerk named by its serial (or the case id as digits)."""
    text = key.strip()
    with db.reading() as session:
        if text.isdigit():
            return _certificate(session, int(text)).case_id
        site: Site | None = load_site(session)
        origin = site.code if site else ""
        row = session.scalar(
            select(Certificate).where(Certificate.origin == origin, Certificate.serial == text)
        )
        if row is None:
            raise NotFoundError(f"找不到编号为“{text}”的证明。")
        return row.case_id
