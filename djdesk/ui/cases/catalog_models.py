"""Table models of the catalogue: search hits at the counter, a catalogue's items, the versions
and the difference between two versions.

All are short lists held in memory (about a hundred items, a handful of versions); their
columns are declared (:class:`~djdesk.ui.common.record_table.Column`), and each row's status
word — 现行 / 已停用 / 不予出具, 新增 / 停用 / 修改 — is drawn as a badge.
"""

from __future__ import annotations

from collections.abc import Sequence

from djdesk.services.cases.catalog_diff import DiffEntry
from djdesk.services.cases.catalog_search import ItemMatch
from djdesk.services.cases.catalog_store import CatalogHeader, CatalogItemInfo
from djdesk.services.cases.types import ItemState
from djdesk.ui.common.record_table import CENTER, RIGHT, Column, RecordTableModel, tip_when_long


def item_state(item: CatalogItemInfo) -> str:
    return ItemState.RETIRED if item.retired else ItemState.ACTIVE


class ItemResultsModel(RecordTableModel[ItemMatch]):
    """The counter's search hits: 编号, 事项, 清单, 类别, 状态 (blocked certificates last)."""

    COL_CODE = 0
    COL_STATE = 4
    COLUMNS: tuple[Column[ItemMatch], ...] = (
        Column("编号", lambda m: m.code),
        Column("事项", lambda m: m.name, tooltip=lambda m: m.reason or m.name),
        Column("清单", lambda m: m.catalog.value if m.catalog else "民发〔2020〕20号"),
        Column("类别", lambda m: m.category or "—"),
        Column("状态", lambda m: m.state.value, CENTER, tooltip=lambda m: m.reason or None),
    )

    def __init__(self, matches: Sequence[ItemMatch] = ()) -> None:
        super().__init__(
            self.COLUMNS,
            matches,
            muted=lambda m: m.state != ItemState.ACTIVE,
            status=lambda m: m.state.value,
            key=lambda m: m.code,
        )


class CatalogItemsModel(RecordTableModel[CatalogItemInfo]):
    """One catalogue's items: 编号, 名称, 类别, 牵头部门, 办理时限, 状态."""

    COL_STATE = 5
    COLUMNS: tuple[Column[CatalogItemInfo], ...] = (
        Column("编号", lambda i: i.code),
        Column("名称", lambda i: i.name, tooltip=tip_when_long(lambda i: i.name, 16)),
        Column("类别", lambda i: i.category or "—"),
        Column(
            "牵头部门",
            lambda i: i.lead_department or "—",
            tooltip=tip_when_long(lambda i: i.lead_department),
        ),
        Column("办理时限", lambda i: i.time_limit or "—"),
        Column("状态", item_state, CENTER),
    )

    def __init__(self, items: Sequence[CatalogItemInfo] = ()) -> None:
        super().__init__(
            self.COLUMNS, items, muted=lambda i: i.retired, status=item_state, key=lambda i: i.code
        )


def _source(header: CatalogHeader) -> str:
    sample = header.sample and "示例" not in header.source
    return header.source + ("（示例）" if sample else "")


class VersionsModel(RecordTableModel[CatalogHeader]):
    """The stored catalogue versions, newest first."""

    COLUMNS: tuple[Column[CatalogHeader], ...] = (
        Column("版本", lambda h: f"第 {h.version} 版", CENTER),
        Column("生效日期", lambda h: f"{h.effective_date:%Y-%m-%d}", CENTER),
        Column("发布机关", lambda h: h.issuer, tooltip=tip_when_long(lambda h: h.issuer)),
        Column("文号", lambda h: h.document or "—"),
        Column("事项数", lambda h: str(h.item_count), RIGHT),
        Column("来源", _source, tooltip=tip_when_long(_source)),
    )

    def __init__(self, headers: Sequence[CatalogHeader] = ()) -> None:
        super().__init__(self.COLUMNS, headers, key=lambda h: h.version)


class DiffModel(RecordTableModel[DiffEntry]):
    """What changed between two versions: 变化, 编号, 名称, 改动的内容."""

    COL_CHANGE = 0
    COLUMNS: tuple[Column[DiffEntry], ...] = (
        Column("变化", lambda e: e.change.value, CENTER),
        Column("编号", lambda e: e.code),
        Column(
            "名称",
            lambda e: (
                e.name + (f"（原名“{e.old_name}”）" if e.old_name != e.name and e.old_name else "")
            ),
            tooltip=lambda e: e.text,
        ),
        Column("改动的内容", lambda e: "、".join(e.fields) or "—"),
    )

    def __init__(self, entries: Sequence[DiffEntry] = ()) -> None:
        super().__init__(
            self.COLUMNS, entries, status=lambda e: e.change.value, key=lambda e: e.code
        )
