"""The 党员名册 table: a paged model that asks the members service for rows as the view scrolls.

The row count comes from ``count_members`` once per filter; rows are read by ``member_page`` a
page at a time, only for the pages the clerk scrolls past (see
:class:`~djdesk.ui.common.paged_table.PagedTableModel`), so 100,000 members cost the same to
open as 200. Header sorting re-queries through the service's ``SORT_KEYS``.
:class:`HistoryModel` lists one member's check-ins on the member card.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt

from djdesk.services.checkin.members import (
    SORT_KEYS,
    CheckInRecord,
    MemberFilter,
    MemberRow,
    count_members,
    member_page,
)
from djdesk.services.checkin.types import CheckinStatus
from djdesk.services.store import Database
from djdesk.ui.common.paged_table import PAGE_SIZE, PagedTableModel, PageRequest
from djdesk.ui.common.record_table import CENTER, LEFT, Column, RecordTableModel, tip_when_long


def day_text(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def _column(
    title: str,
    text: Callable[[MemberRow], str],
    align: Qt.AlignmentFlag = LEFT,
    sort_key: str | None = None,
) -> Column[MemberRow]:
    """A register column; long cell texts repeat in the tooltip."""
    return Column(title, text, align, tooltip=tip_when_long(text), sort_key=sort_key)


COLUMNS: tuple[Column[MemberRow], ...] = (
    _column("姓名", lambda r: r.name, sort_key="name"),
    _column("性别", lambda r: r.gender, CENTER),
    _column("状态", lambda r: r.status, CENTER, "status"),
    _column("工作单位", lambda r: r.unit_name or "—", sort_key="unit"),
    _column("网格", lambda r: r.grid_name or "—", sort_key="grid"),
    _column("认领岗位", lambda r: r.posts or "—"),
    _column("报到日期", lambda r: day_text(r.checked_in_on) or "—", CENTER, "checked_in_on"),
    _column("手机", lambda r: r.mobile_masked or "—"),
    _column("公民身份号码", lambda r: r.id_masked),
    Column("报到编号", lambda r: r.serial or "—", tooltip=lambda r: r.serial or None, serial=True),
    _column("所在党支部", lambda r: r.branch or "—"),
)
assert all(c.sort_key is None or c.sort_key in SORT_KEYS for c in COLUMNS)


class MemberListModel(PagedTableModel[MemberRow]):
    """Rows of :class:`MemberRow` for a :class:`MemberFilter`, read a page at a time."""

    COL_NAME = 0
    COL_STATUS = 2
    COL_UNIT = 3
    COL_GRID = 4
    COL_CHECKED_IN_ON = 6

    def __init__(
        self, db: Database, flt: MemberFilter | None = None, *, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(
            COLUMNS,
            page_size=page_size,
            sort_column=self.COL_NAME,
            status=lambda r: r.status,
            key=lambda r: r.member_id,
        )
        self._db = db
        self._filter = flt or MemberFilter()
        self.reload()

    @property
    def member_filter(self) -> MemberFilter:
        return self._filter

    def set_filter(self, flt: MemberFilter) -> None:
        """Show the members matching ``flt`` (counted now; rows read as they are shown)."""
        self._filter = flt
        self.reload()

    def count(self) -> int:
        return count_members(self._db, self._filter)

    def fetch(self, request: PageRequest) -> Sequence[MemberRow]:
        return member_page(
            self._db,
            self._filter,
            sort=request.sort_key,
            descending=request.descending,
            offset=request.offset,
            limit=request.limit,
        )

    def row_at(self, row: int) -> MemberRow | None:
        """The row's data, reading its page if needed; ``None`` past the end."""
        return self.record(row)

    def member_id(self, row: int) -> int | None:
        key = self.key_at(row)
        return int(key) if key is not None else None


class HistoryModel(RecordTableModel[CheckInRecord]):
    """One member's check-ins on the card: 报到日期, 报到编号, 状态, 迁出日期, 迁出原因."""

    COL_STATUS = 2
    COLUMNS: tuple[Column[CheckInRecord], ...] = (
        Column("报到日期", lambda c: day_text(c.checked_in_on), CENTER),
        Column("报到编号", lambda c: c.serial, tooltip=lambda c: c.serial, serial=True),
        Column("状态", lambda c: c.status, CENTER),
        Column("迁出日期", lambda c: day_text(c.moved_out_on) or "—", CENTER),
        Column(
            "迁出原因", lambda c: c.moved_out_reason or "—", tooltip=lambda c: c.moved_out_reason
        ),
    )

    def __init__(self) -> None:
        super().__init__(
            self.COLUMNS,
            muted=lambda c: c.status != CheckinStatus.ACTIVE,
            status=lambda c: c.status,
        )
