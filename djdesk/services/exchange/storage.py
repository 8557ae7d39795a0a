"""How the database stores the values a package carries, and the SQL the exchange runs.

Packages hold dates and timestamps as text (``2026-11-27``, ``2026-11-27T08:00:00.000000Z``);
djdesk's columns store them on SQLite as text too (SQLAlchemy's ``DATE`` and ``DATETIME``
formats: ``2026-11-27``, ``2026-11-27 08:00:00.000000``, UTC) and booleans as 0/1. Turning one
into the other is a string step, so export and import move a million records through plain
``SELECT`` and ``executemany`` statements (run through SQLAlchemy's connection, so its error
translation — damaged file, full disk — still applies) without building a date object or
running SQLAlchemy's per-value processing. This module is the one place that knows those
storage formats; the round-trip tests compare every record against an independent reading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from djdesk.formats.exchange.columns import ColumnSpec, ValueKind

Convert = Callable[[Any], Any]


def _datetime_out(value: str) -> str:
    text = value.replace(" ", "T", 1)
    if len(text) == 19:  # stored without a fraction
        text += ".000000"
    return text + "Z"


def _datetime_in(value: str) -> str:
    text = value[:-1].replace("T", " ", 1)
    if len(text) == 19:
        return text + ".000000"
    if len(text) < 26:
        return text.ljust(26, "0")
    return text


def _boolean_out(value: Any) -> bool:
    return bool(value)


def to_package(column: ColumnSpec) -> Convert | None:
    """Stored value → package value (``None`` when they are the same)."""
    if column.kind == ValueKind.DATETIME:
        return _datetime_out
    if column.kind == ValueKind.BOOLEAN:
        return _boolean_out
    return None


def from_package(column: ColumnSpec) -> Convert | None:
    """Package value → stored value (``None`` when they are the same)."""
    if column.kind == ValueKind.DATETIME:
        return _datetime_in
    if column.kind == ValueKind.REAL:
        return float
    return None


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def marks(count: int) -> str:
    return ",".join("?" * count)
