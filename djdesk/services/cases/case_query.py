"""The case list (paged, filtered) and one case with its certificate, for the case page.

The list is paged by the database: a table model asks for one page at a time, newest first
(or by one of :data:`SORT_KEYS`). The filter narrows by catalogue, category, item, handler,
result and a date range (a month on the case page); the search text matches an applicant's name
(prefix), a full ID number or mobile, an item code or a certificate serial. ID numbers and
phones come back masked.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select

from djdesk.db.models.cases import Certificate, ServiceCase
from djdesk.db.session import Database
from djdesk.errors import NotFoundError
from djdesk.services.cases.print_counts import renderings
from djdesk.validation.masking import mask_id_number, mask_phone


@dataclass(frozen=True)
class CaseFilter:
    text: str = ""
    catalog: str = ""  # a CatalogKind value; '' for all
    category: str = ""
    item_code: str = ""
    result: str = ""  # a CaseResult value; '' for all
    handler: str = ""
    date_from: date | None = None
    date_to: date | None = None


#: The orders the case list offers: key -> column.
SORT_KEYS: dict[str, Any] = {
    "handled_on": ServiceCase.handled_on,
    "item_code": ServiceCase.item_code,
    "handler": ServiceCase.handler,
    "result": ServiceCase.result,
}


@dataclass(frozen=True)
class CaseRow:
    id: int
    handled_on: date
    catalog: str
    item_code: str
    item_name: str
    applicant_name: str
    applicant_id_masked: str
    handler: str
    result: str
    certificate_serial: str
    certificate_status: str


@dataclass(frozen=True)
class CasePage:
    rows: tuple[CaseRow, ...]
    total: int


@dataclass(frozen=True)
class CaseDetail:
    """One case as the detail pane shows it (masked personal data)."""

    row: CaseRow
    catalog_version: int | None
    category: str
    applicant_phone_masked: str
    applicant_address: str
    materials: tuple[str, ...]
    transferred_to: str
    refusal_reason: str
    minutes_spent: int
    remarks: str
    requesting_department: str
    request_reason: str
    certificate_title: str = ""
    certificate_prints: int = 0
    void_reason: str = ""


def _filtered(flt: CaseFilter) -> Select[ServiceCase, Certificate]:
    stmt = (
        select(ServiceCase, Certificate)
        .join(Certificate, Certificate.case_id == ServiceCase.id, isouter=True)
        .where(ServiceCase.deleted_at.is_(None))
    )
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", flt.text))
    if text:
        upper = text.upper()
        stmt = stmt.where(
            or_(
                ServiceCase.applicant_name.startswith(text, autoescape=True),
                ServiceCase.applicant_id_number == upper,
                ServiceCase.applicant_phone == text,
                ServiceCase.item_code == upper,
                Certificate.serial == text,
            )
        )
    if flt.catalog:
        stmt = stmt.where(ServiceCase.catalog == flt.catalog)
    if flt.category:
        stmt = stmt.where(ServiceCase.category == flt.category)
    if flt.item_code:
        stmt = stmt.where(ServiceCase.item_code == flt.item_code)
    if flt.result:
        stmt = stmt.where(ServiceCase.result == flt.result)
    if flt.handler:
        stmt = stmt.where(ServiceCase.handler == flt.handler)
    if flt.date_from:
        stmt = stmt.where(ServiceCase.handled_on >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(ServiceCase.handled_on <= flt.date_to)
    return stmt


def _row(case: ServiceCase, cert: Certificate | None) -> CaseRow:
    return CaseRow(
        id=case.id,
        handled_on=case.handled_on,
        catalog=case.catalog,
        item_code=case.item_code,
        item_name=case.item_name,
        applicant_name=case.applicant_name,
        applicant_id_masked=mask_id_number(case.applicant_id_number)
        if case.applicant_id_number
        else "",
        handler=case.handler,
        result=case.result,
        certificate_serial=cert.serial if cert else "",
        certificate_status=cert.status if cert else "",
    )


def count_cases(db: Database, flt: CaseFilter) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(_filtered(flt).subquery())) or 0)


def case_page(
    db: Database,
    flt: CaseFilter,
    *,
    offset: int = 0,
    limit: int = 100,
    sort: str = "handled_on",
    descending: bool = True,
) -> CasePage:
    """One page of cases matching ``flt`` in the order ``sort`` (newest first by default),
    with the total count. Ties keep the newest first."""
    column = SORT_KEYS.get(sort)
    if column is None:
        raise ValueError(f"unknown sort key {sort!r}")
    with db.reading() as session:
        stmt = _filtered(flt)
        total = int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
        order = column.desc() if descending else column.asc()
        page = stmt.order_by(order, ServiceCase.handled_on.desc(), ServiceCase.id.desc())
        rows = session.execute(page.offset(max(offset, 0)).limit(max(limit, 0))).all()
        return CasePage(tuple(_row(case, cert) for case, cert in rows), total)


def case_handlers(db: Database) -> list[str]:
    """Everyone who has handled a case here, for the case list's filter."""
    with db.reading() as session:
        stmt = (
            select(ServiceCase.handler)
            .where(ServiceCase.deleted_at.is_(None), ServiceCase.handler != "")
            .distinct()
            .order_by(ServiceCase.handler)
        )
        return list(session.scalars(stmt))


def case_detail(db: Database, case_id: int) -> CaseDetail:
    with db.reading() as session:
        found = session.execute(_filtered(CaseFilter()).where(ServiceCase.id == case_id)).first()
        if found is None:
            raise NotFoundError(f"找不到编号为 {case_id} 的办件。")
        case, cert = found
        return CaseDetail(
            row=_row(case, cert),
            catalog_version=case.catalog_version,
            category=case.category,
            applicant_phone_masked=mask_phone(case.applicant_phone) if case.applicant_phone else "",
            applicant_address=case.applicant_address,
            materials=tuple(json.loads(case.materials or "[]")),
            transferred_to=case.transferred_to,
            refusal_reason=case.refusal_reason,
            minutes_spent=case.minutes_spent,
            remarks=case.remarks,
            requesting_department=case.requesting_department,
            request_reason=case.request_reason,
            certificate_title=cert.title if cert else "",
            certificate_prints=renderings(session, cert) if cert else 0,
            void_reason=cert.void_reason if cert else "",
        )
