"""Reading the records a package carries: one query per travelling table, as JSON lines.

A table's query selects its columns in the order a line writes them, and for each reference the
referenced row's ``uid`` through an outer join; it keeps the origins the package may carry and,
for an incremental package, only rows whose version differs from the one last sent
(``exchange_sent``), so the next package holds exactly what changed or was received since,
whatever the clocks say. The rows' ids and versions are collected so the caller can record
them as sent once the package is safely written.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from sqlalchemy.orm import Session

from djdesk.formats.exchange.columns import encoder, ordered_keys
from djdesk.services.exchange.storage import marks, quote, to_package, to_package_sql
from djdesk.services.exchange.tables import Travelling

Step = Callable[[int], None]
#: SQLite's ``json_object`` takes at most 127 arguments (``SQLITE_MAX_FUNCTION_ARG``).
MAX_JSON_KEYS = 63


@dataclass
class Sent:
    """Ids and versions of the rows of one table written into a package."""

    ids: array[int] = field(default_factory=lambda: array("q"))
    versions: array[int] = field(default_factory=lambda: array("q"))


def _picked(t: Travelling) -> list[tuple[str, str]]:
    """Each key of a line with the SQL of its stored value (a reference: the target's uid)."""
    refs = {r.key: f"r{i}.uid" for i, r in enumerate(t.references)}
    return [(key, refs.get(key) or f"t.{quote(key)}") for key in ordered_keys(t.spec)]


def _source(t: Travelling, origins: Sequence[str], *, incremental: bool) -> str:
    """``FROM … WHERE … ORDER BY`` of a table's query (``?`` stands for each origin)."""
    joins = [
        f"LEFT JOIN {quote(r.target)} AS r{i} ON r{i}.id = t.{quote(r.column)}"
        for i, r in enumerate(t.references)
    ]
    where = f"t.origin IN ({marks(len(origins))})"
    if incremental:
        joins.append("LEFT JOIN exchange_sent AS s ON s.uid = t.uid")
        where += " AND (s.version IS NULL OR s.version != t.version)"
    return f"FROM {quote(t.name)} AS t {' '.join(joins)} WHERE {where} ORDER BY t.id"


def table_select(t: Travelling, origins: Sequence[str], *, incremental: bool) -> str:
    """The query of one table: its values in line order, then the row id."""
    picked = ", ".join(sql for _, sql in _picked(t))
    return f"SELECT {picked}, t.id {_source(t, origins, incremental=incremental)}"


def json_select(t: Travelling, origins: Sequence[str], *, incremental: bool) -> str | None:
    """The query of one table giving each record's line made by SQLite (UTF-8 bytes), its
    version and row id; ``None`` when SQLite cannot write the table's lines.

    SQLite's ``json_object`` writes keys in the order given, no spaces, text escaped exactly
    as Python's ``json`` does with ``ensure_ascii=False`` (the same bytes as
    :func:`~djdesk.formats.exchange.columns.encoder`, which the tests check value by value),
    in C and without a Python object per value.
    """
    by_key = {c.key: c for c in t.spec.columns}
    refs = {r.key for r in t.references}
    picked = _picked(t)
    if len(picked) > MAX_JSON_KEYS:
        return None
    pairs = []
    for key, sql in picked:
        value = sql if key in refs else to_package_sql(by_key[key], sql)
        if value is None:
            return None
        literal = "'" + key.replace("'", "''") + "'"
        pairs.append(f"{literal}, {value}")
    line = f"CAST(json_object({', '.join(pairs)}) AS BLOB)"
    return f"SELECT {line}, t.version, t.id {_source(t, origins, incremental=incremental)}"


def count_rows(session: Session, t: Travelling, origins: Sequence[str]) -> int:
    """Rows of the origins in the table (an upper bound of what an increment holds)."""
    sql = f"SELECT count(*) FROM {quote(t.name)} WHERE origin IN ({marks(len(origins))})"
    return int(session.connection().exec_driver_sql(sql, tuple(origins)).scalar() or 0)


def table_lines(
    session: Session,
    t: Travelling,
    origins: Sequence[str],
    *,
    incremental: bool,
    sent: Sent,
    step: Step,
) -> Iterator[list[bytes]]:
    """The table's records as JSON lines (UTF-8, without newlines), a few thousand at a time;
    each row's id and version go into ``sent``. SQLite writes the lines when it can
    (:func:`json_select`), Python otherwise."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    sql = json_select(t, origins, incremental=incremental) if sqlite else None
    if sql is None:
        yield from encoded_lines(session, t, origins, incremental=incremental, sent=sent, step=step)
        return
    line, version, row_id = itemgetter(0), itemgetter(1), itemgetter(2)
    result = session.connection().exec_driver_sql(sql, tuple(origins))
    for rows in result.partitions(5000):
        sent.ids.extend(map(row_id, rows))
        sent.versions.extend(map(version, rows))
        yield list(map(line, rows))
        step(len(rows))


def encoded_lines(
    session: Session,
    t: Travelling,
    origins: Sequence[str],
    *,
    incremental: bool,
    sent: Sent,
    step: Step,
) -> Iterator[list[bytes]]:
    """:func:`table_lines` with the values read by Python and encoded by the format's encoder."""
    keys = ordered_keys(t.spec)
    by_key = {c.key: c for c in t.spec.columns}
    convert = {key: fn for key in keys if (fn := to_package(by_key[key])) is not None}
    encode = encoder(t.spec, convert)
    version = itemgetter(keys.index("version"))
    row_id = itemgetter(len(keys))
    sql = table_select(t, origins, incremental=incremental)
    result = session.connection().exec_driver_sql(sql, tuple(origins))
    for rows in result.partitions(5000):
        sent.ids.extend(map(row_id, rows))
        sent.versions.extend(map(version, rows))
        yield list(map(encode, rows))
        step(len(rows))
