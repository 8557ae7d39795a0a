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

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from djdesk.formats.exchange.columns import ColumnSpec, TableSpec, ValueKind
from djdesk.formats.exchange.decoding import row_decoder

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


def to_package_sql(column: ColumnSpec, stored: str) -> str | None:
    """The SQL turning the stored value ``stored`` (an SQL expression) into its package value
    inside SQLite's ``json_object`` — the same as :func:`to_package` (booleans become JSON
    ``true``/``false``) — or ``None`` for numbers with a fraction, which SQLite spells
    differently from Python."""
    if column.kind == ValueKind.DATETIME:
        space = f"instr({stored}, ' ')"
        first_space_to_t = (
            f"CASE WHEN {space} THEN substr({stored}, 1, {space} - 1) || 'T' || "
            f"substr({stored}, {space} + 1) ELSE {stored} END"
        )
        suffix = f"CASE WHEN length({stored}) = 19 THEN '.000000Z' ELSE 'Z' END"
        return f"CASE WHEN {stored} IS NULL THEN NULL ELSE ({first_space_to_t}) || {suffix} END"
    if column.kind == ValueKind.BOOLEAN:
        return (
            f"CASE WHEN {stored} IS NULL THEN NULL "
            f"WHEN {stored} THEN json('true') ELSE json('false') END"
        )
    if column.kind == ValueKind.REAL:
        return None
    return stored


def from_package(column: ColumnSpec) -> Convert | None:
    """Package value → stored value (``None`` when they are the same)."""
    if column.kind == ValueKind.DATETIME:
        return _datetime_in
    if column.kind == ValueKind.REAL:
        return float
    return None


def _repeats(column: ColumnSpec) -> bool:
    """Whether the column's values often repeat from record to record (a catalogue item, a
    handler, a day), so equal values are worth sharing; uids and timestamps rarely do."""
    return (
        column.kind in (ValueKind.TEXT, ValueKind.DATE)
        and column.references is None
        and column.key != "uid"
    )


def _namespace(shared: dict[Any, Any] | None) -> dict[str, Any]:
    return {
        "_s": shared.setdefault if shared is not None else None,
        "_datetime_in": _datetime_in,
    }


def _stored_expressions(
    keys: Sequence[str],
    columns: Sequence[ColumnSpec],
    names: Mapping[str, str],
    namespace: dict[str, Any],
    *,
    share: bool,
) -> list[str]:
    """One Python expression per item of the row: the values under ``keys`` as they are (but
    shared, see :func:`stored_rows`), then the stored value of each column. ``names`` gives
    the Python name holding each key's value; converters go into ``namespace``."""
    repeats = {c.key for c in columns if _repeats(c)}
    items = [
        f"_s({names[key]}, {names[key]})" if share and key in repeats else names[key]
        for key in keys
    ]
    for i, column in enumerate(columns):
        v = names[column.key]
        convert = from_package(column)
        if convert is None:
            items.append(f"_s({v}, {v})" if share and _repeats(column) else v)
        elif convert is _datetime_in:  # the usual case inline, the same result
            items.append(
                f"None if {v} is None else "
                f'({v}[:-1].replace("T", " ", 1) if len({v}) == 27 else _datetime_in({v}))'
            )
        else:
            namespace[f"_c{i}"] = convert
            items.append(f"None if {v} is None else _c{i}({v})")
    return items


def stored_rows(
    keys: Sequence[str], columns: Sequence[ColumnSpec], shared: dict[Any, Any] | None = None
) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function taking a record (package form, by key) to a tuple: its values under ``keys``
    as they are (uid, origin, version, references …), then the stored values of ``columns``
    (:func:`from_package` applied to every value that is not ``None``).

    Generated for the table (one tuple display, no call per value for the usual timestamp,
    which packages write with six fraction digits: 27 characters), since an import turns
    millions of records.

    With ``shared``, equal values of the columns whose values repeat (text and dates, not uids)
    become one object, kept in ``shared`` until the caller clears it: a batch of rows then
    holds each such value once, which sending the batch to another process and binding it to
    SQLite's statements each do once instead of once per record.
    """
    namespace = _namespace(shared)
    wanted = list(dict.fromkeys([*keys, *(c.key for c in columns)]))
    names = {key: f"v{i}" for i, key in enumerate(wanted)}
    items = _stored_expressions(keys, columns, names, namespace, share=shared is not None)
    source = "\n".join(
        [
            "def row(r):",
            *(f"    {names[key]} = r[{key!r}]" for key in wanted),
            "    return (" + ", ".join(items) + ",)",
        ]
    )
    exec(source, namespace)  # the source is built above from the key and column lists
    row: Callable[[dict[str, Any]], tuple[Any, ...]] = namespace["row"]
    return row


def stored_row_decoder(
    spec: TableSpec,
    keys: Sequence[str],
    columns: Sequence[ColumnSpec],
    shared: dict[Any, Any] | None = None,
) -> Callable[[bytes | str], tuple[Any, ...]]:
    """The line of a record straight to the tuple :func:`stored_rows` makes of it, checked as
    :func:`~djdesk.formats.exchange.decoding.decoder` checks it (same refusals, same words)."""
    namespace = _namespace(shared)
    share = shared is not None

    def items(names: Mapping[str, str]) -> list[str]:
        return _stored_expressions(keys, columns, names, namespace, share=share)

    return row_decoder(spec, items, namespace, stored_rows(keys, columns, shared))


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def marks(count: int) -> str:
    return ",".join("?" * count)
