"""Figures for the 概览 page and ``djdesk info``: record counts and each area's tiles.

The counted tables and the tiles come from the areas (:mod:`djdesk.services.areas`);
tombstoned records are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from djdesk.db.base import SyncMixin
from djdesk.db.session import Database
from djdesk.services.areas import OverviewTile, area_specs, counted_tables


@dataclass(frozen=True)
class RecordCount:
    key: str
    label: str
    count: int


def count_labels() -> dict[str, str]:
    """Chinese label of every counted table, by key, in display order."""
    return {table.key: table.label for table in counted_tables()}


def record_counts(db: Database) -> list[RecordCount]:
    """Live (not deleted) records per counted table."""
    counts: list[RecordCount] = []
    with db.reading() as session:
        for table in counted_tables():
            model = table.model
            stmt = select(func.count()).select_from(model)
            if issubclass(model, SyncMixin):
                stmt = stmt.where(model.deleted_at.is_(None))
            counts.append(RecordCount(table.key, table.label, int(session.scalar(stmt) or 0)))
    return counts


def overview_tiles(db: Database) -> list[OverviewTile]:
    """Every area's tiles for the 概览 page, in area order."""
    return [tile for spec in area_specs() if spec.tiles for tile in spec.tiles(db)]
