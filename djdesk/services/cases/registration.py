"""Registering a case at the counter (办件登记), and the certificate it may issue.

One unit of work: the catalogue version in use is made sure of (the shipped sample is stored
on first use), the item is looked up by its stable code and refused at the field when it is
retired, unknown or a certificate of the national blocked list; the form is checked by
:func:`~djdesk.services.cases.case_input.validate_case`; the case is written; a 依法证明事项
handled to the end takes the next certificate number and writes its register line
(:mod:`~djdesk.services.cases.issuing`). Nothing is written unless all of it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.models.cases import CatalogItem, CatalogVersion, ServiceCase
from djdesk.db.session import Database
from djdesk.errors import SiteNotConfiguredError, ValidationError, ValidationErrors
from djdesk.services.cases.case_input import FIELD_LABELS, CaseInput, CleanCase, validate_case
from djdesk.services.cases.catalog_search import BLOCKED_PREFIX, code_key
from djdesk.services.cases.catalog_store import (
    CatalogItemInfo,
    blocked_list,
    ensure_catalog,
    item_info,
)
from djdesk.services.cases.issuing import issue_certificate
from djdesk.services.origin import load_site


@dataclass(frozen=True)
class RegisteredCase:
    """What registering did: the case, and the certificate when one was issued."""

    case_id: int
    item_code: str
    item_name: str
    result: str
    catalog_version: int | None
    certificate_serial: str = ""
    check_line: str = ""


def _item_error(message: str) -> ValidationErrors:
    return ValidationErrors([ValidationError("item", message, label=FIELD_LABELS["item"])])


def _blocked_refusal(code: str) -> ValidationErrors:
    listed = blocked_list()
    number = int(code.split("-", 1)[1]) if code.split("-", 1)[1].isdigit() else 0
    entry = next((e for e in listed.items if e.number == number), None)
    if entry is None:
        return _item_error(f"没有编号为“{code}”的事项。")
    return _item_error(listed.reason(entry) + "。")


def resolve_item(
    session: Session, version: CatalogVersion, code: str
) -> tuple[CatalogItem, CatalogItemInfo]:
    """The item ``code`` of ``version``, refused at the field when it may not be used."""
    key = code_key(code.strip()) or code.strip().upper()  # zm1, ZM 01 and ZM-01 alike
    if key.startswith(f"{BLOCKED_PREFIX}-"):
        raise _blocked_refusal(key)
    row = session.scalar(
        select(CatalogItem).where(CatalogItem.version_id == version.id, CatalogItem.code == key)
    )
    if row is None:
        raise _item_error(f"第 {version.version} 版目录中没有编号为“{code}”的事项。")
    info = item_info(row, version.version)
    if info.retired:
        raise _item_error(
            f"{info.code}“{info.name}”已在第 {version.version} 版目录中停用，不能再登记。"
        )
    template = info.certificate
    if template is not None:
        for name in (info.name, template.title):
            entry = blocked_list().match(name, template.limitation)
            if entry is not None:
                raise _item_error(blocked_list().reason(entry) + "。")
    return row, info


def _case_row(clean: CleanCase, origin: str, version: CatalogVersion | None) -> ServiceCase:
    data = clean.data
    return ServiceCase(
        origin=origin,
        handled_on=clean.handled_on,
        catalog=clean.kind.value,
        version_id=version.id if version is not None and clean.item is not None else None,
        catalog_version=clean.item.version if clean.item is not None else None,
        item_code=clean.item.code if clean.item is not None else "",
        item_name=clean.item.name if clean.item is not None else data.item_name,
        category=clean.item.category if clean.item is not None else "",
        applicant_name=data.applicant_name,
        applicant_id_number=data.applicant_id_number,
        applicant_phone=data.applicant_phone,
        applicant_address=data.applicant_address,
        materials=json.dumps(list(clean.materials), ensure_ascii=False),
        handler=data.handler,
        result=clean.result.value,
        transferred_to=data.transferred_to,
        refusal_reason=data.refusal_reason,
        minutes_spent=data.minutes_spent,
        remarks=data.remarks,
        requesting_department=data.requesting_department if clean.item is None else "",
        request_reason=data.request_reason if clean.item is None else "",
    )


def register_case(
    db: Database, data: CaseInput, *, actor: Actor, today: date | None = None
) -> RegisteredCase:
    """Check and store one case; a 依法证明事项 办结 also issues its numbered certificate."""
    today = today or date.today()
    with db.unit_of_work(actor, what="登记办件") as session:
        site = load_site(session)
        if site is None:
            raise SiteNotConfiguredError()
        version = ensure_catalog(session, site.code)
        item_row: CatalogItem | None = None
        info: CatalogItemInfo | None = None
        if not data.outside or data.item_code.strip():
            if not data.item_code.strip():
                raise _item_error("请选择事项；目录中没有的工作请登记为清单外事项。")
            item_row, info = resolve_item(session, version, data.item_code)
        clean = validate_case(data, info, today=today)
        case = _case_row(clean, site.code, version)
        case.item_id = item_row.id if item_row is not None else None
        session.add(case)
        session.flush()
        serial = line = ""
        if clean.issues_certificate:
            certificate = issue_certificate(session, case, clean, site)
            serial, line = certificate.serial, certificate.line
        return RegisteredCase(
            case_id=case.id,
            item_code=case.item_code,
            item_name=case.item_name,
            result=case.result,
            catalog_version=case.catalog_version,
            certificate_serial=serial,
            check_line=line,
        )
