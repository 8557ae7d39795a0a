"""The table-model base: declared columns answer every role; the in-memory, paged (random
access, sorted by the source) and fetching (appended, never twice) variants pass the tester."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from djdesk.ui.common.paged_table import FetchingTableModel, PagedTableModel, PageRequest
from djdesk.ui.common.record_table import (
    CENTER,
    MUTED,
    RIGHT,
    Column,
    ColumnTableModel,
    RecordTableModel,
    tip_when_long,
)
from djdesk.ui.common.theme import ERROR


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    count: int
    active: bool = True


COLUMNS: tuple[Column[Item], ...] = (
    Column("名称", lambda i: i.name, tooltip=tip_when_long(lambda i: i.name, 4), sort_key="name"),
    Column(
        "数量", lambda i: str(i.count), RIGHT, foreground=lambda i: ERROR if i.count < 0 else None
    ),
    Column("状态", lambda i: "启用" if i.active else "停用", CENTER, sort_key="active"),
)
ITEMS = [Item(1, "甲", 3), Item(2, "乙单位名称很长", -1), Item(3, "丙", 0, active=False)]


def in_memory() -> RecordTableModel[Item]:
    return RecordTableModel(
        COLUMNS,
        ITEMS,
        muted=lambda i: not i.active,
        status=lambda i: "启用" if i.active else "停用",
        key=lambda i: i.id,
    )


def test_columns_answer_every_role(qtmodeltester: Any) -> None:
    model = in_memory()
    qtmodeltester.check(model)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "数量"
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole) == int(
        RIGHT
    )
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(0, 0).data() == "甲"
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None  # short: no tooltip
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "乙单位名称很长"
    assert model.index(1, 1).data(Qt.ItemDataRole.ForegroundRole) == QColor(ERROR)
    assert model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) == MUTED
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(2, 2).data(ColumnTableModel.StatusRole) == "停用"
    assert model.index(1, 0).data(ColumnTableModel.RecordRole) == ITEMS[1]
    assert model.index(1, 0).data(ColumnTableModel.KeyRole) == 2
    assert model.row_of(3) == 2 and model.row_of(9) == -1
    assert model.key_at(0) == 1 and model.key_at(5) is None
    model.set_records([])
    qtmodeltester.check(model)


class Source:
    """A fake service: 1,000 items, counted and read in pages, sorted on request."""

    def __init__(self, n: int) -> None:
        self.items = [Item(i, f"第{i:04d}项", n - i) for i in range(n)]
        self.requests: list[PageRequest] = []

    def page(self, request: PageRequest) -> list[Item]:
        self.requests.append(request)
        key = {"name": lambda i: i.name, "active": lambda i: (i.active, i.id)}[request.sort_key]
        ordered = sorted(self.items, key=key, reverse=request.descending)
        return ordered[request.offset : request.offset + request.limit]


class PagedItems(PagedTableModel[Item]):
    def __init__(self, source: Source) -> None:
        super().__init__(COLUMNS, page_size=50, max_pages=3, key=lambda i: i.id)
        self.source = source
        self.reload()

    def count(self) -> int:
        return len(self.source.items)

    def fetch(self, request: PageRequest) -> Sequence[Item]:
        return self.source.page(request)


def test_paged_model_reads_only_the_pages_asked_for(qtmodeltester: Any, qtbot: Any) -> None:
    source = Source(1000)
    model = PagedItems(source)
    assert model.rowCount() == 1000 and model.pages_loaded == 0
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    assert model.pages_loaded == 0  # alignment needs no row
    assert model.index(999, 0).data() == "第0999项"
    assert model.cached_pages() == [19] and source.requests[-1].offset == 950
    for row in (0, 100, 200, 300):
        model.record(row)
    assert len(model.cached_pages()) == 3  # the oldest page was dropped
    qtmodeltester.check(model)


def test_paged_model_sorts_through_the_source(qtbot: Any) -> None:
    source = Source(120)
    model = PagedItems(source)
    assert model.sortable() and model.is_sortable(0) and not model.is_sortable(1)
    tip = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "点击按此列排序"
    model.sort(1, Qt.SortOrder.DescendingOrder)  # not sortable: nothing happens
    assert model.sort_key() == "name" and model.sort_order() == Qt.SortOrder.AscendingOrder
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "第0119项"
    assert source.requests[-1] == PageRequest(0, 50, "name", True)
    with qtbot.waitSignal(model.total_changed) as changed:
        source.items = source.items[:10]
        model.reload()
    assert changed.args == [10] and model.rowCount() == 10


class Log:
    """Newest first; entries written later shift the offsets of older ones."""

    def __init__(self, n: int) -> None:
        self.items = [Item(i, f"记录{i}", i) for i in range(n, 0, -1)]

    def write(self, n: int) -> None:
        top = self.items[0].id
        self.items[:0] = [Item(top + k, f"记录{top + k}", 0) for k in range(n, 0, -1)]

    def page(self, offset: int, limit: int) -> list[Item]:
        return self.items[offset : offset + limit]


def test_fetching_model_appends_pages_and_never_shows_a_row_twice(qtmodeltester: Any) -> None:
    log = Log(450)
    model: FetchingTableModel[Item] = FetchingTableModel(COLUMNS, key=lambda i: i.id)
    model.set_source(lambda: len(log.items), log.page)
    assert model.rowCount() == model.PAGE_SIZE and model.total() == 450
    log.write(7)  # after the first page was read
    model.fetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    ids = [model.key_at(r) for r in range(model.rowCount())]
    assert len(ids) == len(set(ids)) == 450
    qtmodeltester.check(model)
    model.clear()
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())
