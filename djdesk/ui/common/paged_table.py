"""Table models over lists too big to read at once; rows come from a service a page at a time.

Two reading strategies, both declaring their columns as
:class:`~djdesk.ui.common.record_table.Column`:

* :class:`PagedTableModel` — the row count is asked once; a row's data is read from a cached
  page of ``page_size`` rows the first time the view asks for any row of it, so 100,000 rows
  cost the same to open as 200 (the view may jump to the end). Header clicks sort through the
  service (a column's ``sort_key``), never in memory. A subclass says how to count and how to
  fetch one page (:meth:`PagedTableModel.count`, :meth:`PagedTableModel.fetch`).
* :class:`FetchingTableModel` — rows are appended a page at a time as the view scrolls down
  (``canFetchMore`` / ``fetchMore``), for logs read newest first: records written after the
  first page shift the offsets, so rows already shown are skipped by key, never shown twice.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt, Signal

from djdesk.ui.common.record_table import Column, ColumnTableModel, ModelIndex, RecordTableModel

log = logging.getLogger(__name__)

T = TypeVar("T")

PAGE_SIZE = 200
MAX_CACHED_PAGES = 50


@dataclass(frozen=True)
class PageRequest:
    """One page to read: where it starts, how long it is, and the order."""

    offset: int
    limit: int
    sort_key: str
    descending: bool


class PagedTableModel(ColumnTableModel[T]):
    """Rows read on demand in pages (random access), sorted by the service."""

    #: Emitted after the rows were counted again (new filter, changed data), with the total.
    total_changed = Signal(int)

    def __init__(
        self,
        columns: Sequence[Column[T]],
        *,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_CACHED_PAGES,
        sort_column: int = 0,
        status: Callable[[T], str] | None = None,
        key: Callable[[T], Hashable] | None = None,
    ) -> None:
        super().__init__(columns, status=status, key=key)
        self._page_size = page_size
        self._max_pages = max_pages
        self._sort_column = sort_column
        self._order = Qt.SortOrder.AscendingOrder
        self._pages: OrderedDict[int, list[T]] = OrderedDict()
        self._total = 0
        #: How many pages were read since the model was made (for tests).
        self.pages_loaded = 0

    # -- what subclasses provide ----------------------------------------------------------------

    def count(self) -> int:
        """How many rows the source holds now."""
        raise NotImplementedError

    def fetch(self, request: PageRequest) -> Sequence[T]:
        """One page of rows in the requested order."""
        raise NotImplementedError

    # -- reading --------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    def record_count(self) -> int:
        return self._total

    def record(self, row: int) -> T | None:
        """The row's record, reading its page if needed; ``None`` past the end."""
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

    def cached_pages(self) -> list[int]:
        return list(self._pages)

    def _load_page(self, number: int) -> list[T]:
        request = PageRequest(
            offset=number * self._page_size,
            limit=self._page_size,
            sort_key=self.sort_key(),
            descending=self._order == Qt.SortOrder.DescendingOrder,
        )
        page = list(self.fetch(request))
        self.pages_loaded += 1
        self._pages[number] = page
        while len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)
        log.debug("%s: page %d read (%d rows)", type(self).__name__, number, len(page))
        return page

    def reload(self) -> None:
        """Count again and forget the cached pages (after a filter or the data changed)."""
        self.beginResetModel()
        self._pages.clear()
        self._total = max(0, self.count())
        self.endResetModel()
        self.total_changed.emit(self._total)

    # -- sorting --------------------------------------------------------------------------------

    def sortable(self) -> bool:
        return True

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._order

    def sort_key(self) -> str:
        return self.columns[self._sort_column].sort_key or ""

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self.columns) and self.columns[column].sort_key is not None

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


CountFn = Callable[[], int]
PageFn = Callable[[int, int], Sequence[T]]


class FetchingTableModel(RecordTableModel[T]):
    """Rows appended a page at a time as the view scrolls; see the module docstring."""

    PAGE_SIZE = PAGE_SIZE

    def __init__(
        self,
        columns: Sequence[Column[T]],
        *,
        key: Callable[[T], Hashable],
        status: Callable[[T], str] | None = None,
    ) -> None:
        super().__init__(columns, status=status, key=key)
        self._keys: set[Hashable] = set()
        self._total = 0
        self._page: PageFn[T] | None = None

    def set_source(self, count: CountFn, page: PageFn[T]) -> None:
        """Start over on a new source: ask for the total and fetch the first page."""
        self.beginResetModel()
        self._records = []
        self._keys = set()
        self._page = page
        self._total = max(0, count())
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def clear(self) -> None:
        self.beginResetModel()
        self._records, self._keys, self._total, self._page = [], set(), 0, None
        self.endResetModel()

    def total(self) -> int:
        """How many records the source holds (loaded or not)."""
        return self._total

    def loaded(self) -> int:
        return len(self._records)

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return not parent.isValid() and self._page is not None and len(self._records) < self._total

    def fetchMore(self, parent: ModelIndex) -> None:
        if not self.canFetchMore(parent) or self._page is None:
            return
        batch = list(self._page(len(self._records), self.PAGE_SIZE))
        # Records written since the first page shift the offsets: skip the ones already shown.
        fresh = [r for r in batch if self.key_of(r) not in self._keys]
        if not fresh:
            self._total = len(self._records)
            return
        start = len(self._records)
        self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
        self._records.extend(fresh)
        self._keys.update(self.key_of(r) for r in fresh)
        self.endInsertRows()
        if len(batch) < self.PAGE_SIZE:
            self._total = len(self._records)
