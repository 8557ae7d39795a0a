"""The case list (办件记录, and today's cases on the counter page): a paged model over
:func:`~djdesk.services.cases.case_query.case_page`.

The rows are counted once per filter and read a page at a time as the view shows them, so a
year of 500,000 cases opens like a day's twenty. Header clicks order through the service's
``SORT_KEYS`` (newest first by default).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt

from djdesk.services.cases.case_query import (
    SORT_KEYS,
    CaseFilter,
    CaseRow,
    case_page,
    count_cases,
)
from djdesk.services.store import Database
from djdesk.ui.common.paged_table import PAGE_SIZE, PagedTableModel, PageRequest
from djdesk.ui.common.record_table import CENTER, Column, tip_when_long


def _item(row: CaseRow) -> str:
    return f"{row.item_code} {row.item_name}".strip()


def _certificate(row: CaseRow) -> str:
    if not row.certificate_serial:
        return "—"
    void = "（作废）" if row.certificate_status == "作废" else ""
    return row.certificate_serial + void


COLUMNS: tuple[Column[CaseRow], ...] = (
    Column("办理日期", lambda r: f"{r.handled_on:%Y-%m-%d}", CENTER, sort_key="handled_on"),
    Column("事项", _item, tooltip=tip_when_long(_item, 14), sort_key="item_code"),
    Column("申请人", lambda r: r.applicant_name or "—", tooltip=lambda r: r.applicant_id_masked),
    Column("经办人", lambda r: r.handler, sort_key="handler"),
    Column("结果", lambda r: r.result, CENTER, sort_key="result"),
    Column("证明编号", _certificate, tooltip=lambda r: r.certificate_serial or None, serial=True),
)
assert all(c.sort_key is None or c.sort_key in SORT_KEYS for c in COLUMNS)


class CaseListModel(PagedTableModel[CaseRow]):
    """Rows of :class:`CaseRow` for a :class:`CaseFilter`, read a page at a time."""

    COL_DATE = 0
    COL_RESULT = 4
    COL_SERIAL = 5

    def __init__(
        self, db: Database, flt: CaseFilter | None = None, *, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(
            COLUMNS,
            page_size=page_size,
            sort_column=self.COL_DATE,
            status=lambda r: r.result,
            key=lambda r: r.id,
        )
        self._db = db
        self._filter = flt or CaseFilter()
        self.sort(self.COL_DATE, Qt.SortOrder.DescendingOrder)  # newest first
        self.reload()

    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    def set_filter(self, flt: CaseFilter) -> None:
        self._filter = flt
        self.reload()

    def set_database(self, db: Database) -> None:
        self._db = db
        self.reload()

    def count(self) -> int:
        return count_cases(self._db, self._filter)

    def fetch(self, request: PageRequest) -> Sequence[CaseRow]:
        page = case_page(
            self._db,
            self._filter,
            offset=request.offset,
            limit=request.limit,
            sort=request.sort_key,
            descending=request.descending,
        )
        return page.rows

    def case_id(self, row: int) -> int | None:
        key = self.key_at(row)
        return int(key) if key is not None else None

    def row_of(self, case_id: int, within: int = PAGE_SIZE) -> int:
        """The row of ``case_id`` among the first ``within`` rows (a just-saved case is near
        the top of the newest-first list), or -1."""
        for row in range(min(self.total, within)):
            if self.key_at(row) == case_id:
                return row
        return -1
