"""What a record line holds: the columns of one travelling table and their JSON encoding.

The services describe each travelling table as a :class:`TableSpec` (built from the database
models); this module turns values into one JSON line (:mod:`.decoding` turns a line back into
values, checking every value against its column: kind, length, null). A reference to another
travelling record is written as that record's ``uid`` under the key ``<name>_uid``
(``member_id`` → ``member_uid``), never as a row number.

Encoding (docs/sync-format.md, "Values"): integers and booleans as JSON numbers and
``true``/``false``; text as JSON strings; dates as ``"YYYY-MM-DD"``; timestamps in UTC as
``"YYYY-MM-DDTHH:MM:SS.ffffffZ"``; ``null`` only where the column allows it. Keys are sorted and
the line has no spaces, so the same record always gives the same bytes. Values are handled in
this *package form* on both sides (dates and timestamps as their text), so turning them into
what a database stores is one string step for the service, with no date objects in between.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import orjson

#: Largest magnitude an integer column holds (SQLite's 64-bit integers).
INT_LIMIT = 2**63
UID_LENGTH = 36


class ValueKind(StrEnum):
    INTEGER = "integer"
    REAL = "real"
    TEXT = "text"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True)
class ColumnSpec:
    """One key of a record line.

    ``column`` is the database column behind it (``member_id`` for the key ``member_uid``);
    ``references`` names the travelling table a uid reference points into.
    """

    key: str
    kind: ValueKind
    nullable: bool = False
    max_length: int | None = None
    references: str | None = None
    column: str = ""

    @property
    def db_column(self) -> str:
        return self.column or self.key

    def describe(self) -> dict[str, Any]:
        """The column as the manifest lists it."""
        data: dict[str, Any] = {"key": self.key, "kind": self.kind.value, "null": self.nullable}
        if self.max_length is not None:
            data["max_length"] = self.max_length
        if self.references is not None:
            data["references"] = self.references
        return data


#: The sync columns every travelling record carries (db/base.py ``SyncMixin``).
SYNC_COLUMNS = (
    ColumnSpec("uid", ValueKind.TEXT, max_length=UID_LENGTH),
    ColumnSpec("origin", ValueKind.TEXT, max_length=12),
    ColumnSpec("version", ValueKind.INTEGER),
    ColumnSpec("updated_at", ValueKind.DATETIME),
    ColumnSpec("deleted_at", ValueKind.DATETIME, nullable=True),
)
SYNC_KEYS = frozenset(c.key for c in SYNC_COLUMNS)


@dataclass(frozen=True)
class TableSpec:
    """A travelling table as packages carry it: its name, Chinese label and columns."""

    name: str
    label: str
    columns: tuple[ColumnSpec, ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(c.key for c in self.columns)

    @property
    def references(self) -> tuple[ColumnSpec, ...]:
        return tuple(c for c in self.columns if c.references is not None)

    @property
    def file_name(self) -> str:
        return f"tables/{self.name}.jsonl"


def format_datetime(value: datetime) -> str:
    """A timestamp as packages write it: UTC, microseconds, ``Z``."""
    if value.tzinfo is None:
        raise ValueError("naive datetime in a travelling record")
    if value.utcoffset():
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def ordered_keys(spec: TableSpec) -> tuple[str, ...]:
    """The keys of a record line in the order they are written (sorted)."""
    return tuple(sorted(spec.keys))


def encoder(
    spec: TableSpec, convert: Mapping[str, Callable[[Any], Any]] | None = None
) -> Callable[[Sequence[Any]], bytes]:
    """A function turning a record's values into its JSON line (UTF-8, no newline).

    The values come in :func:`ordered_keys` order (a row may hold more values after them, which
    are ignored), in package form: dates and timestamps as their text, or turned into it by
    ``convert`` (a function per key, applied to values that are not ``None``). The function is
    generated for the table (one dict display, no loop per value), since a package may hold
    millions of records.

    orjson writes exactly what ``json`` does with ``ensure_ascii=False`` and
    ``separators=(",", ":")`` for strings, integers, booleans and ``null`` (the keys come in
    sorted order already), several times faster. Only floats may be spelt differently
    (``1e-7``), and orjson writes ``NaN`` as ``null``, so a table with a ``real`` column keeps
    the standard library's encoder.
    """
    convert = convert or {}
    namespace: dict[str, Any] = {"_dumps": orjson.dumps}
    if any(c.kind == ValueKind.REAL for c in spec.columns):
        slow = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        namespace["_dumps"] = lambda record: slow(record).encode("utf-8")
    items = []
    for i, key in enumerate(ordered_keys(spec)):
        if key in convert:
            namespace[f"_c{i}"] = convert[key]
            items.append(f"{key!r}: None if (v := row[{i}]) is None else _c{i}(v)")
        else:
            items.append(f"{key!r}: row[{i}]")
    source = "def encode(row):\n    return _dumps({" + ", ".join(items) + "})"
    exec(source, namespace)  # the source is built above from the column list
    encode: Callable[[Sequence[Any]], bytes] = namespace["encode"]
    return encode
