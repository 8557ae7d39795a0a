"""The service catalogue as downward reference data (the cases area's catalogue versions).

A street publishes every catalogue version it has installed (normally the district's files it
loaded with ``djdesk catalog load``); a community installs each version newer than the one it
uses, through the cases area's own path: the file is checked by the catalogue reader and the
national blocked list, then stored as this site's newest version (retiring the items it drops)
with the ORM, so every row is audited, plus one audit entry naming the package.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.db.audit import record_event
from djdesk.db.models.cases import CatalogVersion
from djdesk.errors import DjdeskError
from djdesk.formats.cases.catalog_file import (
    CATALOG_TITLES,
    CatalogData,
    CatalogFile,
    CatalogItemData,
    parse_catalog,
)
from djdesk.formats.exchange.catalog_out import catalog_file_bytes
from djdesk.services.cases.catalog_load import check_against_blocked_list
from djdesk.services.cases.catalog_store import (
    current_version,
    ensure_catalog,
    install_catalog,
    item_info,
    version_items,
)
from djdesk.services.exchange.types import Applied, Published, RecordOutcome


def catalog_in_use(session: Session, origin: str) -> int | None:
    row = current_version(session, origin)
    return row.version if row is not None else None


def _as_file(session: Session, row: CatalogVersion) -> CatalogFile:
    by_key: dict[str, list[CatalogItemData]] = {key: [] for key in CATALOG_TITLES}
    for item in version_items(session, row):
        if item.retired:
            continue
        info = item_info(item, row.version)
        by_key[info.catalog.key].append(
            CatalogItemData(
                code=info.code,
                name=info.name,
                category=info.category,
                legal_basis=info.legal_basis,
                lead_department=info.lead_department,
                materials=info.materials,
                time_limit=info.time_limit,
                certificate=info.certificate,
            )
        )
    return CatalogFile(
        version=row.version,
        effective_date=row.effective_date,
        issuer=row.issuer,
        catalogs=tuple(
            CatalogData(key, CATALOG_TITLES[key], len(items), tuple(items))
            for key, items in by_key.items()
        ),
        document=row.document,
        sample=row.sample,
        note=row.note,
    )


def published_catalogs(session: Session, origin: str) -> list[Published]:
    stmt = (
        select(CatalogVersion)
        .where(CatalogVersion.origin == origin, CatalogVersion.deleted_at.is_(None))
        .order_by(CatalogVersion.version)
    )
    out = []
    for row in session.scalars(stmt):
        title = f"第 {row.version} 版（{row.issuer}，{row.effective_date:%Y-%m-%d} 起施行）"
        out.append(Published(row.version, title, catalog_file_bytes(_as_file(session, row))))
    return out


def _read(data: bytes, version: int) -> CatalogFile:
    source = f"第 {version} 版目录"
    catalog = parse_catalog(data, source=source)
    check_against_blocked_list(catalog, source)
    if catalog.version != version:
        raise DjdeskError(f"清单写明第 {version} 版，文件内容却是第 {catalog.version} 版")
    return catalog


def check_catalog(data: bytes, version: int) -> str | None:
    try:
        _read(data, version)
    except DjdeskError as exc:
        return exc.message
    return None


def apply_catalog(session: Session, data: bytes, version: int, origin: str, source: str) -> Applied:
    """Install the catalogue in ``data`` for ``origin`` when it is newer than the one in use."""
    try:
        catalog = _read(data, version)
    except DjdeskError as exc:
        return Applied(RecordOutcome.REFUSED, exc.message)
    in_use = ensure_catalog(session, origin).version
    if catalog.version <= in_use:
        return Applied(RecordOutcome.UNCHANGED, f"本机已在使用第 {in_use} 版")
    row = install_catalog(session, catalog, origin=origin, source=source)
    record_event(
        session,
        "create",
        table="catalog_version",
        uid=row.uid,
        summary=f"载入{source}的服务事项目录第 {catalog.version} 版",
    )
    return Applied(RecordOutcome.NEW, f"已启用第 {catalog.version} 版（原第 {in_use} 版）")
