"""Which tables travel, found from the models: every mapped class with the sync mixin.

A table travels when its model uses :class:`~djdesk.db.base.SyncMixin`, unless it is declared
local; so a table a later area adds travels without a change here. Its columns become the
record line's keys, except the primary key ``id`` and columns declared local; a foreign key to
another travelling table becomes a uid reference (``member_id`` → ``member_uid``). A model
declares local parts with ``__sync_local__ = True`` (the whole table) or
``__sync_local_columns__ = frozenset({...})``; the models written before this area declare them
here (:data:`LOCAL_TABLES`, :data:`LOCAL_COLUMNS`). Anything ambiguous fails loudly when the
tables are first described: a foreign key from a travelling table to a local one, an integer
``*_id`` column without a foreign key that is not declared local, a column type without a
package encoding.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Integer, Numeric, String, Table, Text

import djdesk.db.models  # noqa: F401  (registers every model)
from djdesk.db.base import Base, SyncMixin, UTCDateTime
from djdesk.formats.exchange.columns import SYNC_COLUMNS, ColumnSpec, TableSpec, ValueKind
from djdesk.services.areas import counted_tables

#: Travelling-mixin tables that stay local (each installation's own identity row).
LOCAL_TABLES = frozenset({"site"})
#: Local columns of travelling tables: denormalised row pointers and lock counters.
LOCAL_COLUMNS: Mapping[str, frozenset[str]] = {
    "member": frozenset({"latest_checkin_id"}),  # recomputed on import (see fixups)
    "room": frozenset({"lock_version"}),  # the room lock of docs/rooms.md
}
#: Chinese labels of travelling tables that no area counts (the counted ones use its label).
LABELS = {
    "catalog_item": "目录事项",
    "booker_suspension": "预约暂停",
    "booking_series": "周期预约",
    "booking_event": "预约历史",
    "key_handover": "钥匙交接",
    "issued_serial": "已编号文书",
    "agreement_task": "协议任务",
}


@dataclass(frozen=True)
class Reference:
    """A uid reference of a record line: its key, the database column, the target table."""

    key: str
    column: str
    target: str


@dataclass(frozen=True)
class Travelling:
    """One travelling table: its package description and what the database calls things."""

    spec: TableSpec
    table: Table
    references: tuple[Reference, ...]
    #: Database columns written as they are (sync columns and plain fields, no references).
    plain: tuple[str, ...]
    #: Local columns and the value a row received from a package starts with.
    local_defaults: tuple[tuple[str, Any], ...] = ()

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def label(self) -> str:
        return self.spec.label


def _kind(column: Column[Any]) -> tuple[ValueKind, int | None]:
    kind = column.type
    if isinstance(kind, UTCDateTime | DateTime):
        return ValueKind.DATETIME, None
    if isinstance(kind, Boolean):
        return ValueKind.BOOLEAN, None
    if isinstance(kind, Date):
        return ValueKind.DATE, None
    if isinstance(kind, Integer):
        return ValueKind.INTEGER, None
    if isinstance(kind, Float | Numeric):
        return ValueKind.REAL, None
    if isinstance(kind, Text):
        return ValueKind.TEXT, None
    if isinstance(kind, String):
        return ValueKind.TEXT, kind.length
    raise TypeError(f"{column.table.name}.{column.name}: no package encoding for {kind!r}")


def reference_key(column: str) -> str:
    """``member_id`` → ``member_uid``; another name gets ``_uid`` appended."""
    stem = column[:-3] if column.endswith("_id") else column
    return f"{stem}_uid"


def _models() -> dict[str, tuple[type, Table]]:
    found: dict[str, tuple[type, Table]] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        table = getattr(cls, "__table__", None)
        if isinstance(table, Table) and issubclass(cls, SyncMixin):
            found[table.name] = (cls, table)
    return found


def _is_local(name: str, model: type) -> bool:
    return name in LOCAL_TABLES or bool(getattr(model, "__sync_local__", False))


def _local_columns(name: str, model: type) -> frozenset[str]:
    declared: frozenset[str] = getattr(model, "__sync_local_columns__", frozenset())
    return LOCAL_COLUMNS.get(name, frozenset()) | frozenset(declared)


def _labels() -> dict[str, str]:
    return {getattr(t.model, "__tablename__", t.key): t.label for t in counted_tables()}


def _describe(table: Table, model: type, travelling: set[str], label: str) -> Travelling:
    local = _local_columns(table.name, model)
    sync = {c.key for c in SYNC_COLUMNS}
    columns: list[ColumnSpec] = list(SYNC_COLUMNS)
    references: list[Reference] = []
    plain: list[str] = [c.key for c in SYNC_COLUMNS]
    for column in table.columns:
        if column.primary_key or column.name in sync or column.name in local:
            continue
        targets = {fk.column.table.name for fk in column.foreign_keys}
        if targets:
            target = targets.pop()
            if target not in travelling:
                raise TypeError(f"{table.name}.{column.name} refers to local table {target}")
            key = reference_key(column.name)
            nullable = bool(column.nullable)
            columns.append(ColumnSpec(key, ValueKind.TEXT, nullable, 36, target, column.name))
            references.append(Reference(key, column.name, target))
            continue
        if column.name.endswith("_id") and isinstance(column.type, Integer):
            raise TypeError(
                f"{table.name}.{column.name}: a row pointer must be a foreign key or local"
            )
        kind, length = _kind(column)
        columns.append(ColumnSpec(column.name, kind, bool(column.nullable), length))
        plain.append(column.name)
    spec = TableSpec(table.name, label, tuple(columns))
    defaults = tuple((name, _local_default(table.c[name])) for name in sorted(local))
    return Travelling(spec, table, tuple(references), tuple(plain), defaults)


def _local_default(column: Column[Any]) -> Any:
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return getattr(default, "arg", None)
    if column.nullable:
        return None
    raise TypeError(f"local column {column.table.name}.{column.name} needs a scalar default")


def _ordered(described: dict[str, Travelling]) -> tuple[Travelling, ...]:
    """Parents before children (references to the same table do not count), then by name."""
    waiting = {
        name: {r.target for r in t.references if r.target != name} for name, t in described.items()
    }
    ordered: list[Travelling] = []
    while waiting:
        ready = sorted(name for name, needs in waiting.items() if not needs)
        if not ready:
            raise TypeError(f"travelling tables refer to each other in a cycle: {sorted(waiting)}")
        for name in ready:
            ordered.append(described[name])
            del waiting[name]
        for needs in waiting.values():
            needs.difference_update(ready)
    return tuple(ordered)


@cache
def travelling_tables() -> tuple[Travelling, ...]:
    """Every travelling table, parents before children."""
    models = {n: found for n, found in _models().items() if not _is_local(n, found[0])}
    labels = {**LABELS, **_labels()}
    described = {
        name: _describe(table, model, set(models), labels.get(name, name))
        for name, (model, table) in models.items()
    }
    return _ordered(described)


def travelling_by_name() -> dict[str, Travelling]:
    return {t.name: t for t in travelling_tables()}


def label_of(table: str) -> str:
    found = travelling_by_name().get(table)
    return found.label if found is not None else table
