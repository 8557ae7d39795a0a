"""Reading the catalogues: the version in use with its items, all versions, a version's items.

Before the first write installs the shipped sample into the database, these read the shipped
file, so the catalogue page and the counter search work on a fresh installation and on a
read-only handle alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from djdesk.db.models.cases import CatalogItem, CatalogVersion
from djdesk.db.session import Database
from djdesk.errors import NotFoundError
from djdesk.services.cases.catalog_diff import DiffEntry, diff_items
from djdesk.services.cases.catalog_store import (
    SHIPPED_SOURCE,
    CatalogHeader,
    CatalogItemInfo,
    current_version,
    file_header,
    file_items,
    header_of,
    item_info,
    shipped_catalog,
    version_items,
)
from djdesk.services.cases.types import CatalogKind
from djdesk.services.origin import load_site


@dataclass(frozen=True)
class CatalogView:
    """A catalogue version with its items (retired ones included, marked)."""

    header: CatalogHeader
    items: tuple[CatalogItemInfo, ...]

    def of(self, kind: CatalogKind, *, retired: bool = False) -> list[CatalogItemInfo]:
        """The items of one catalogue, in force only unless ``retired``."""
        return [i for i in self.items if i.catalog == kind and (retired or not i.retired)]

    def counts(self) -> dict[CatalogKind, int]:
        """Items in force per catalogue (34/37/22 in the sample)."""
        return {kind: len(self.of(kind)) for kind in CatalogKind if kind != CatalogKind.OUTSIDE}


def _origin(session: Session) -> str | None:
    site = load_site(session)
    return site.code if site else None


def _view(session: Session, row: CatalogVersion) -> CatalogView:
    items = tuple(item_info(i, row.version) for i in version_items(session, row))
    return CatalogView(header_of(row, len(items)), items)


def _shipped_view() -> CatalogView:
    catalog = shipped_catalog()
    return CatalogView(file_header(catalog, SHIPPED_SOURCE), file_items(catalog))


def current_catalog(db: Database) -> CatalogView:
    """The version cases are registered under now (the shipped sample until one is stored)."""
    with db.reading() as session:
        origin = _origin(session)
        row = current_version(session, origin) if origin else None
        return _view(session, row) if row is not None else _shipped_view()


def list_versions(db: Database) -> list[CatalogHeader]:
    """Every stored version of this site, newest first."""
    with db.reading() as session:
        origin = _origin(session)
        if origin is None:
            return []
        counts = (
            select(CatalogItem.version_id, func.count().label("n"))
            .group_by(CatalogItem.version_id)
            .subquery()
        )
        stmt = (
            select(CatalogVersion, counts.c.n)
            .join(counts, counts.c.version_id == CatalogVersion.id, isouter=True)
            .where(CatalogVersion.origin == origin, CatalogVersion.deleted_at.is_(None))
            .order_by(CatalogVersion.version.desc())
        )
        return [header_of(row, int(n or 0)) for row, n in session.execute(stmt)]


def catalog_version(db: Database, version: int) -> CatalogView:
    """One stored version (the shipped sample counts as version 1 until one is stored)."""
    with db.reading() as session:
        origin = _origin(session)
        row = None
        if origin is not None:
            row = session.scalar(
                select(CatalogVersion).where(
                    CatalogVersion.origin == origin,
                    CatalogVersion.version == version,
                    CatalogVersion.deleted_at.is_(None),
                )
            )
            if row is not None:
                return _view(session, row)
            stored = current_version(session, origin) is not None
        else:
            stored = False
    if not stored and version == shipped_catalog().version:
        return _shipped_view()
    raise NotFoundError(f"没有第 {version} 版目录。")


def catalog_diff(db: Database, v1: int, v2: int) -> list[DiffEntry]:
    """What changed from version ``v1`` to version ``v2`` (either order is allowed)."""
    return diff_items(catalog_version(db, v1).items, catalog_version(db, v2).items)
