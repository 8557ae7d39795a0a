"""The 党员名册 table: a lazy model that asks the members service for pages as the view scrolls.

The row count comes from ``count_members`` once per filter; a row's data is read from a cached
page of :data:`PAGE_SIZE` rows fetched by ``member_page`` the first time the view asks for any
row of it. Only the pages the clerk actually scrolls past are ever read, so 100,000 members
cost the same to open as 200. Header sorting re-queries through the service's ``SORT_KEYS``
(nothing is sorted in memory); the cache keeps the most recent :data:`MAX_CACHED_PAGES` pages.
:class:`HistoryModel` lists one member's check-ins on the member card.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

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
from djdesk.ui.common.record_table import CENTER, LEFT, Column, RecordTableModel

log = logging.getLogger(__name__)

ModelIndex = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
MAX_CACHED_PAGES = 50


def _date(row: MemberRow) -> str:
    return day_text(row.checked_in_on) or "—"


#: (header, cell text, alignment, service sort key or None when the column does not sort).
COLUMNS: tuple[tuple[str, Any, Qt.AlignmentFlag, str | None], ...] = (
    ("姓名", lambda r: r.name, LEFT, "name"),
    ("性别", lambda r: r.gender, CENTER, None),
    ("状态", lambda r: r.status, CENTER, "status"),
    ("工作单位", lambda r: r.unit_name or "—", LEFT, "unit"),
    ("网格", lambda r: r.grid_name or "—", LEFT, "grid"),
    ("认领岗位", lambda r: r.posts or "—", LEFT, None),
    ("报到日期", _date, CENTER, "checked_in_on"),
    ("手机", lambda r: r.mobile_masked or "—", LEFT, None),
    ("公民身份号码", lambda r: r.id_masked, LEFT, None),
    ("报到编号", lambda r: r.serial or "—", LEFT, None),
    ("所在党支部", lambda r: r.branch or "—", LEFT, None),
)
assert all(key is None or key in SORT_KEYS for *_, key in COLUMNS)


class MemberListModel(QAbstractTableModel):
    """Rows of :class:`MemberRow` for a :class:`MemberFilter`, loaded a page at a time."""

    COL_NAME = 0
    COL_STATUS = 2
    COL_UNIT = 3
    COL_GRID = 4
    COL_CHECKED_IN_ON = 6
    MemberIdRole = Qt.ItemDataRole.UserRole + 1
    StatusRole = RecordTableModel.StatusRole

    #: Emitted after the filter or the data changed, with the new total.
    total_changed = Signal(int)

    def __init__(
        self,
        db: Database,
        flt: MemberFilter | None = None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__()
        self._db = db
        self._filter = flt or MemberFilter()
        self._page_size = page_size
        self._sort_column = self.COL_NAME
        self._order = Qt.SortOrder.AscendingOrder
        self._pages: OrderedDict[int, list[MemberRow]] = OrderedDict()
        self._total = count_members(db, self._filter)
        #: How many pages were read from the database since the model was made (for tests).
        self.pages_loaded = 0

    # -- queries --------------------------------------------------------------------------------

    @property
    def member_filter(self) -> MemberFilter:
        return self._filter

    @property
    def total(self) -> int:
        return self._total

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._order

    def sort_key(self) -> str:
        return str(COLUMNS[self._sort_column][3])

    @staticmethod
    def is_sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column][3] is not None

    def cached_pages(self) -> list[int]:
        return list(self._pages)

    def row_at(self, row: int) -> MemberRow | None:
        """The row's data, reading its page if needed; ``None`` past the end."""
        if not 0 <= row < self._total:
            return None
        number = row // self._page_size
        page = self._pages.get(number)
        if page is None:
            page = self._load_page(number)
        else:
            self._pages.move_to_end(number)
        offset = row - number * self._page_size
        return page[offset] if offset < len(page) else None

    def member_id(self, row: int) -> int | None:
        found = self.row_at(row)
        return found.member_id if found is not None else None

    def _load_page(self, number: int) -> list[MemberRow]:
        page = member_page(
            self._db,
            self._filter,
            sort=self.sort_key(),
            descending=self._order == Qt.SortOrder.DescendingOrder,
            offset=number * self._page_size,
            limit=self._page_size,
        )
        self.pages_loaded += 1
        self._pages[number] = page
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        log.debug("member list page %d loaded (%d rows)", number, len(page))
        return page

    # -- changes --------------------------------------------------------------------------------

    def set_filter(self, flt: MemberFilter) -> None:
        """Show the members matching ``flt`` (counted now; rows read as they are shown)."""
        self.beginResetModel()
        self._filter = flt
        self._pages.clear()
        self._total = count_members(self._db, flt)
        self.endResetModel()
        self.total_changed.emit(self._total)

    def reload(self) -> None:
        """Read again after the data changed (same filter and order)."""
        self.set_filter(self._filter)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by a sortable column (a fresh query); other columns are ignored."""
        if not self.is_sortable(column):
            return
        if column == self._sort_column and order == self._order:
            return
        self.beginResetModel()
        self._sort_column = column
        self._order = order
        self._pages.clear()
        self.endResetModel()

    # -- Qt model -------------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(COLUMNS[index.column()][2])
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            self.MemberIdRole,
            self.StatusRole,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == self.MemberIdRole:
            return row.member_id
        if role == self.StatusRole:
            return row.status
        text = str(COLUMNS[index.column()][1](row))
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 12 else None
        return text

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "点击按此列排序" if COLUMNS[section][3] else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(COLUMNS[section][2])
        return None


def day_text(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


class HistoryModel(RecordTableModel[CheckInRecord]):
    """One member's check-ins on the card: 报到日期, 报到编号, 状态, 迁出日期, 迁出原因."""

    COLUMNS: tuple[Column[CheckInRecord], ...] = (
        Column("报到日期", lambda c: day_text(c.checked_in_on), CENTER),
        Column("报到编号", lambda c: c.serial, tooltip=lambda c: c.serial),
        Column("状态", lambda c: c.status, CENTER),
        Column("迁出日期", lambda c: day_text(c.moved_out_on) or "—", CENTER),
        Column(
            "迁出原因", lambda c: c.moved_out_reason or "—", tooltip=lambda c: c.moved_out_reason
        ),
    )

    def __init__(self) -> None:
        super().__init__(self.COLUMNS, muted=lambda c: c.status != CheckinStatus.ACTIVE)

    def status_of(self, record: CheckInRecord) -> str:
        return record.status
