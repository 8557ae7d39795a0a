"""Table model of record counts for the 概览 page (one row per counted table)."""

from __future__ import annotations

from djdesk.services.overview import RecordCount
from djdesk.ui.common.record_table import RIGHT, Column, RecordTableModel


class RecordCountsModel(RecordTableModel[RecordCount]):
    """Columns 类别 and 记录数 over a list of :class:`RecordCount` (its key in ``KeyRole``)."""

    COL_LABEL = 0
    COL_COUNT = 1
    COLUMNS: tuple[Column[RecordCount], ...] = (
        Column("类别", lambda c: c.label),
        Column("记录数", lambda c: f"{c.count:,}", RIGHT),
    )

    def __init__(self, counts: list[RecordCount] | None = None) -> None:
        super().__init__(self.COLUMNS, counts or [], key=lambda c: c.key)

    def set_counts(self, counts: list[RecordCount]) -> None:
        self.set_records(counts)

    def counts(self) -> list[RecordCount]:
        return self.records()
