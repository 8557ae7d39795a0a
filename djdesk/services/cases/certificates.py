"""Printing, reprinting and voiding certificates (the 出具证明登记簿 keeps every number).

The first print of a certificate is its 正本; every later print is a 补打, which needs a reason
and carries its count on the page; a voided certificate keeps its number and prints crossed
with 作废 (to file with the stub). Each print is a :class:`CertificatePrint` row, written in
the unit of work that writes the file, so the register never records a print that did not
happen. Voiding is refused twice and needs a reason; the number is never given out again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.audit import record_event
from djdesk.db.base import utc_now
from djdesk.db.models.cases import Certificate, CertificatePrint
from djdesk.db.models.site import Site
from djdesk.db.session import Database
from djdesk.documents.cases.certificate import CertificateDoc, build_certificate
from djdesk.errors import DjdeskError, NotFoundError, ValidationError, ValidationErrors
from djdesk.services.cases.check_code import CheckLine, make_line, site_secret
from djdesk.services.cases.types import CertificateStatus, PrintKind
from djdesk.services.origin import load_site
from djdesk.services.printing import write_atomically
from djdesk.validation.masking import mask_id_number, mask_phone


@dataclass(frozen=True)
class PrintedCertificate:
    path: Path
    serial: str
    kind: PrintKind
    sequence: int  # the how-many-th print of this certificate
    reprint: int  # the how-many-th 补打 (0 for the 正本 and for a voided copy)


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


def _reprints(session: Session, certificate_id: int) -> int:
    stmt = select(func.count()).where(
        CertificatePrint.certificate_id == certificate_id,
        CertificatePrint.kind == PrintKind.REPRINT,
    )
    return int(session.scalar(stmt) or 0)


def next_print_kind(row: Certificate) -> PrintKind:
    if row.status == CertificateStatus.VOID:
        return PrintKind.VOID_COPY
    return PrintKind.ORIGINAL if row.print_count == 0 else PrintKind.REPRINT


def _doc(session: Session, row: Certificate, kind: PrintKind, reason: str) -> CertificateDoc:
    case = row.case
    reprint = _reprints(session, row.id) + 1 if kind == PrintKind.REPRINT else 0
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
        reprint=reprint,
        reprint_reason=reason if reprint else "",
        void_reason=row.void_reason if row.status == CertificateStatus.VOID else "",
    )


def _reason(kind: PrintKind, reason: str) -> str:
    text = " ".join(reason.split())
    if kind == PrintKind.REPRINT and not text:
        raise ValidationErrors(
            [ValidationError("reason", "该证明已打印过，补打须写明原因", label="补打原因")]
        )
    if len(text) > 200:
        raise ValidationErrors([ValidationError("reason", "不能超过 200 个字", label="补打原因")])
    return text


def certificate_pdf(
    db: Database, case_id: int, *, reason: str = "", invariant: bool = False
) -> tuple[PrintKind, bytes]:
    """The PDF the next print of the case's certificate would give (a preview writes nothing)."""
    with db.reading() as session:
        row = _certificate(session, case_id)
        kind = next_print_kind(row)
        text = reason if kind != PrintKind.REPRINT else " ".join(reason.split()) or "（待填写）"
        return kind, build_certificate(_doc(session, row, kind, text), invariant=invariant)


def print_certificate(
    db: Database,
    case_id: int,
    out_path: Path,
    *,
    actor: Actor,
    reason: str = "",
    invariant: bool = False,
) -> PrintedCertificate:
    """Write the certificate PDF and record the print (正本, 补打 with ``reason``, or 作废件)."""
    with db.unit_of_work(actor, what="打印证明") as session:
        row = _certificate(session, case_id)
        kind = next_print_kind(row)
        text = _reason(kind, reason)
        doc = _doc(session, row, kind, text)
        pdf = build_certificate(doc, invariant=invariant)
        row.print_count += 1
        session.add(
            CertificatePrint(
                origin=row.origin,
                certificate_id=row.id,
                sequence=row.print_count,
                kind=kind.value,
                reason=text,
                printed_by=actor.display_name[:40],
            )
        )
        write_atomically(out_path, pdf)
        what = f"第 {doc.reprint} 次补打" if doc.reprint else kind.value
        record_event(
            session,
            "print",
            table="certificate",
            uid=row.uid,
            summary=f"打印证明 {row.serial}（{what}）",
        )
        return PrintedCertificate(out_path, row.serial, kind, row.print_count, doc.reprint)


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
