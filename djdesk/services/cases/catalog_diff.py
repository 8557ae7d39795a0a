"""The difference between two catalogue versions, item by item, by stable code.

An item is 新增 when the newer version lists a code the older did not, 停用 when the newer
version keeps it only as retired, 恢复 when a retired code is listed again, and 修改 when any of
its wording changed (the fields that changed are named).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from djdesk.services.cases.catalog_store import CatalogItemInfo
from djdesk.services.cases.types import DiffChange

#: Fields compared, with the Chinese label a diff names them by.
FIELD_LABELS = {
    "name": "名称",
    "catalog": "所属目录",
    "category": "类别",
    "legal_basis": "依据",
    "lead_department": "牵头部门",
    "materials": "申请材料",
    "time_limit": "办理时限",
    "certificate": "证明模板",
}


@dataclass(frozen=True)
class DiffEntry:
    """One changed item between two versions."""

    code: str
    name: str  # the newer wording (the older one for an item that disappeared)
    change: DiffChange
    fields: tuple[str, ...] = ()  # Chinese labels of changed fields (修改 only)
    old_name: str = ""

    @property
    def text(self) -> str:
        detail = f"：{'、'.join(self.fields)}" if self.fields else ""
        renamed = (
            f"（原名“{self.old_name}”）" if self.old_name and self.old_name != self.name else ""
        )
        return f"{self.change} {self.code} {self.name}{renamed}{detail}"


def diff_items(old: Sequence[CatalogItemInfo], new: Sequence[CatalogItemInfo]) -> list[DiffEntry]:
    """Entries for every code that differs, in code order."""
    before = {item.code: item for item in old}
    after = {item.code: item for item in new}
    entries: list[DiffEntry] = []
    for code in sorted(before.keys() | after.keys()):
        a, b = before.get(code), after.get(code)
        if b is None:
            assert a is not None
            if not a.retired:  # a version that drops a code outright still retires it
                entries.append(DiffEntry(code, a.name, DiffChange.RETIRED))
            continue
        if a is None or (a.retired and not b.retired):
            change = DiffChange.ADDED if a is None else DiffChange.RESTORED
            entries.append(DiffEntry(code, b.name, change))
            continue
        if b.retired and not a.retired:
            entries.append(DiffEntry(code, b.name, DiffChange.RETIRED))
            continue
        if a.retired and b.retired:
            continue
        changed = tuple(
            label for name, label in FIELD_LABELS.items() if getattr(a, name) != getattr(b, name)
        )
        if changed:
            entries.append(DiffEntry(code, b.name, DiffChange.CHANGED, changed, old_name=a.name))
    return entries


def diff_summary(entries: Sequence[DiffEntry]) -> str:
    """e.g. 新增 2 项、停用 1 项、修改 3 项 (无变化 when nothing differs)."""
    parts = [
        f"{change} {n} 项"
        for change in DiffChange
        if (n := sum(1 for e in entries if e.change == change))
    ]
    return "、".join(parts) or "无变化"
