"""The catalogues in the database: the shipped sample, installing a version, the version in use.

A site starts with the sample catalogue shipped in ``resources/catalogs/`` (version 1, marked
as a sample to be replaced by the district's list); it is written to the database by the first
write that needs it (a case, a catalogue load, the demo), so a case always points at stored
rows. Until then screens read the shipped file. Installing a version copies every item; an
item of the previous version the new file no longer lists is copied as retired.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, cast

from sqlalchemy import CursorResult, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from djdesk.db.audit import record_event
from djdesk.db.base import new_uid, utc_now
from djdesk.db.models.cases import CatalogItem, CatalogVersion
from djdesk.formats.cases.blocked_list import BlockedList, parse_blocked_list
from djdesk.formats.cases.catalog_file import (
    CatalogFile,
    CatalogItemData,
    CertificateTemplate,
    parse_catalog,
)
from djdesk.resources import resource_path
from djdesk.services.cases.types import CatalogKind

SAMPLE_FILE = "catalog-sample-v1.json"
BLOCKED_FILE = "blocked-certificates.json"
SHIPPED_SOURCE = "内置示例目录"


@dataclass(frozen=True)
class CatalogHeader:
    """One catalogue version as lists show it."""

    version: int
    effective_date: date
    issuer: str
    document: str
    sample: bool
    note: str
    source: str
    installed: bool  # False: the shipped sample, not yet written to the database
    item_count: int = 0


@dataclass(frozen=True)
class CatalogItemInfo:
    """An item of one catalogue version."""

    code: str
    name: str
    catalog: CatalogKind
    category: str
    legal_basis: str
    lead_department: str
    materials: tuple[str, ...]
    time_limit: str
    certificate: CertificateTemplate | None
    retired: bool
    version: int


@cache
def shipped_catalog() -> CatalogFile:
    """The sample catalogue shipped with the program."""
    path = resource_path("catalogs", SAMPLE_FILE)
    return parse_catalog(path.read_bytes(), source=SAMPLE_FILE)


@cache
def blocked_list() -> BlockedList:
    """民发〔2020〕20号's list of certificates a community may not issue."""
    return parse_blocked_list(resource_path("catalogs", BLOCKED_FILE).read_bytes())


def header_of(row: CatalogVersion, item_count: int = 0) -> CatalogHeader:
    return CatalogHeader(
        version=row.version,
        effective_date=row.effective_date,
        issuer=row.issuer,
        document=row.document,
        sample=row.sample,
        note=row.note,
        source=row.source,
        installed=True,
        item_count=item_count,
    )


def file_header(catalog: CatalogFile, source: str) -> CatalogHeader:
    return CatalogHeader(
        version=catalog.version,
        effective_date=catalog.effective_date,
        issuer=catalog.issuer,
        document=catalog.document,
        sample=catalog.sample,
        note=catalog.note,
        source=source,
        installed=False,
        item_count=sum(len(c.items) for c in catalog.catalogs),
    )


def _template_json(template: CertificateTemplate | None) -> str:
    if template is None:
        return ""
    data = {
        "title": template.title,
        "body": template.body,
        "purpose_hint": template.purpose_hint,
        "validity_months": template.validity_months,
        "limitation": template.limitation,
    }
    return json.dumps(data, ensure_ascii=False)


def _template_of(text: str) -> CertificateTemplate | None:
    if not text:
        return None
    data = json.loads(text)
    return CertificateTemplate(
        title=data["title"],
        body=data["body"],
        purpose_hint=data.get("purpose_hint", ""),
        validity_months=data.get("validity_months"),
        limitation=data.get("limitation", ""),
    )


def item_info(row: CatalogItem, version: int) -> CatalogItemInfo:
    return CatalogItemInfo(
        code=row.code,
        name=row.name,
        catalog=CatalogKind(row.catalog),
        category=row.category,
        legal_basis=row.legal_basis,
        lead_department=row.lead_department,
        materials=tuple(json.loads(row.materials or "[]")),
        time_limit=row.time_limit,
        certificate=_template_of(row.certificate),
        retired=row.retired,
        version=version,
    )


def file_items(catalog: CatalogFile) -> tuple[CatalogItemInfo, ...]:
    """The items of a catalogue file, as infos (nothing retired: the file lists them all)."""
    return tuple(
        CatalogItemInfo(
            code=item.code,
            name=item.name,
            catalog=CatalogKind.of_key(key),
            category=item.category,
            legal_basis=item.legal_basis,
            lead_department=item.lead_department,
            materials=item.materials,
            time_limit=item.time_limit,
            certificate=item.certificate,
            retired=False,
            version=catalog.version,
        )
        for key, item in catalog.items()
    )


def current_version(session: Session, origin: str) -> CatalogVersion | None:
    """The newest catalogue version of ``origin`` (the one cases are registered under)."""
    stmt = (
        select(CatalogVersion)
        .where(CatalogVersion.origin == origin, CatalogVersion.deleted_at.is_(None))
        .order_by(CatalogVersion.version.desc())
        .limit(1)
    )
    return session.scalar(stmt)


def version_items(session: Session, version: CatalogVersion) -> list[CatalogItem]:
    stmt = (
        select(CatalogItem)
        .where(CatalogItem.version_id == version.id)
        .order_by(CatalogItem.sort_order, CatalogItem.id)
    )
    return list(session.scalars(stmt))


def _row(item: CatalogItemData, key: str, order: int, retired: bool) -> CatalogItem:
    return CatalogItem(
        catalog=CatalogKind.of_key(key).value,
        code=item.code,
        name=item.name,
        category=item.category,
        legal_basis=item.legal_basis,
        lead_department=item.lead_department,
        materials=json.dumps(list(item.materials), ensure_ascii=False),
        time_limit=item.time_limit,
        certificate=_template_json(item.certificate),
        retired=retired,
        sort_order=order,
    )


def _version_values(catalog: CatalogFile, origin: str, source: str) -> dict[str, object]:
    return {
        "origin": origin,
        "version": catalog.version,
        "effective_date": catalog.effective_date,
        "issuer": catalog.issuer,
        "document": catalog.document,
        "sample": catalog.sample,
        "note": catalog.note,
        "source": source[:200],
    }


def install_catalog(
    session: Session, catalog: CatalogFile, *, origin: str, source: str
) -> CatalogVersion:
    """Write ``catalog`` as the newest version of ``origin``; items it drops stay, retired."""
    previous = current_version(session, origin)
    version = CatalogVersion(**_version_values(catalog, origin, source))
    session.add(version)
    session.flush()
    _add_items(session, version, catalog, previous)
    return version


def _add_items(
    session: Session,
    version: CatalogVersion,
    catalog: CatalogFile,
    previous: CatalogVersion | None,
) -> None:
    origin = version.origin
    listed = set()
    order = 0
    for key, item in catalog.items():
        order += 1
        listed.add(item.code)
        row = _row(item, key, order, retired=False)
        row.version_id, row.origin = version.id, origin
        session.add(row)
    if previous is not None:
        for old in version_items(session, previous):
            if old.code in listed:
                continue
            order += 1
            session.add(
                CatalogItem(
                    version_id=version.id,
                    origin=origin,
                    catalog=old.catalog,
                    code=old.code,
                    name=old.name,
                    category=old.category,
                    legal_basis=old.legal_basis,
                    lead_department=old.lead_department,
                    materials=old.materials,
                    time_limit=old.time_limit,
                    certificate=old.certificate,
                    retired=True,
                    sort_order=order,
                )
            )
    session.flush()


def ensure_catalog(session: Session, origin: str) -> CatalogVersion:
    """The version in use, installing the shipped sample first when there is none.

    Two counters may register their first cases at the same moment: the version row is
    inserted with ``ON CONFLICT DO NOTHING`` (SQLite takes the write lock at that statement),
    and only the writer whose row went in adds the items; the other reads them.
    """
    version = current_version(session, origin)
    if version is not None:
        return version
    catalog = shipped_catalog()
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    values = {
        **_version_values(catalog, origin, SHIPPED_SOURCE),
        "uid": new_uid(),
        "version": catalog.version,
        "updated_at": utc_now(),
        "loaded_at": utc_now(),
    }
    stmt = (
        insert(CatalogVersion)
        .values(values)
        .on_conflict_do_nothing(index_elements=["origin", "version"])
    )
    result = cast("CursorResult[Any]", session.execute(stmt))
    inserted = result.rowcount == 1
    version = current_version(session, origin)
    assert version is not None
    if inserted:
        _add_items(session, version, catalog, None)
        record_event(
            session,
            "create",
            table="catalog_version",
            uid=version.uid,
            summary=f"启用内置示例目录（第 {catalog.version} 版，{version_count(catalog)} 项）",
        )
    return version


def version_count(catalog: CatalogFile) -> int:
    return sum(len(c.items) for c in catalog.catalogs)
