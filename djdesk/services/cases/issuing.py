"""Issuing a certificate for a case: its number, its wording and its line in the register.

The number comes from the shared allocator (:mod:`djdesk.services.serials`) inside the case's
unit of work, so a rolled-back registration gives it back and two counters never share one;
it is never reused, a voided certificate keeps it. The wording is the item's template filled
from the case and frozen in the register: a later catalogue version does not change what was
issued. The check code is computed with the site's key (:mod:`.check_code`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from djdesk.db.models.cases import Certificate, ServiceCase
from djdesk.db.models.site import Site
from djdesk.documents.cases.kinds import CERTIFICATE_KIND
from djdesk.formats.cases.catalog_file import CertificateTemplate
from djdesk.services.cases.case_input import CleanCase
from djdesk.services.cases.check_code import make_line, site_secret
from djdesk.services.cases.types import CertificateStatus
from djdesk.services.serials import allocate_serial

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class IssuedCertificate:
    certificate_id: int
    serial: str
    line: str


def fill_template(body: str, values: dict[str, str]) -> str:
    """The body with every ``{占位符}`` replaced; an empty value leaves a blank to write in."""
    blank = "\xa0" * 8
    text = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), "") or blank, body)
    return re.sub(r"。+", "。", text.replace("，。", "。"))


def certificate_body(template: CertificateTemplate, clean: CleanCase) -> str:
    data = clean.data
    name = data.subject_name or data.applicant_name
    gender = clean.subject_gender if data.subject_name else clean.applicant_gender
    id_number = data.subject_id_number or data.applicant_id_number
    address = data.subject_address if data.subject_name else data.applicant_address
    facts = data.facts.rstrip("。")
    values = {
        "姓名": name,
        "性别": gender,
        "身份证号": id_number,
        "住址": address,
        "事实": facts,
        "用途": data.purpose or template.purpose_hint,
    }
    return fill_template(template.body, values)


def issue_certificate(
    session: Session, case: ServiceCase, clean: CleanCase, site: Site
) -> IssuedCertificate:
    """Number the certificate of ``case`` and write its register line (caller's unit of work)."""
    assert clean.item is not None and clean.item.certificate is not None
    template = clean.item.certificate
    data = clean.data
    on = clean.handled_on
    name = data.subject_name or data.applicant_name
    serial = allocate_serial(session, CERTIFICATE_KIND, year=on.year, subject=name)
    secret = site_secret(session, site.code, create=True)
    assert secret is not None
    line = make_line(secret, site.code, serial.year, serial.number, on)
    row = Certificate(
        origin=site.code,
        case_id=case.id,
        serial=serial.text,
        year=serial.year,
        number=serial.number,
        check_code=line.code,
        issued_on=on,
        catalog_version=clean.item.version,
        item_code=clean.item.code,
        item_name=clean.item.name,
        title=template.title,
        body=certificate_body(template, clean),
        purpose=data.purpose or template.purpose_hint,
        legal_basis=clean.item.legal_basis,
        limitation=template.limitation,
        validity_months=template.validity_months,
        subject_name=name,
        subject_gender=clean.subject_gender if data.subject_name else clean.applicant_gender,
        subject_id_number=data.subject_id_number or data.applicant_id_number,
        subject_address=data.subject_address if data.subject_name else data.applicant_address,
        handler=data.handler,
        reviewer=data.reviewer,
        contact_phone=site.phone,
        community=site.name,
        verification=data.verification,
        sealed=data.sealed,
        status=CertificateStatus.VALID.value,
    )
    session.add(row)
    session.flush()
    return IssuedCertificate(row.id, serial.text, line.text)
