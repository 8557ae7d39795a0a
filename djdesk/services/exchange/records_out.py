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
from djdesk.services.exchange.storage import marks, quote, to_package
from djdesk.services.exchange.tables import Travelling

Step = Callable[[int], None]


@dataclass
class Sent:
    """Ids and versions of the rows of one table written into a package."""

    ids: array[int] = field(default_factory=lambda: array("q"))
    versions: array[int] = field(default_factory=lambda: array("q"))


def table_select(t: Travelling, origins: Sequence[str], *, incremental: bool) -> str:
    """The query of one table (``?`` stands for each origin); the row id comes last."""
    refs = {r.key: (f"r{i}", r) for i, r in enumerate(t.references)}
    picked = []
    for key in ordered_keys(t.spec):
        if key in refs:
            picked.append(f"{refs[key][0]}.uid")
        else:
            picked.append(f"t.{quote(key)}")
    joins = [
        f"LEFT JOIN {quote(r.target)} AS {alias} ON {alias}.id = t.{quote(r.column)}"
        for alias, r in refs.values()
    ]
    where = f"t.origin IN ({marks(len(origins))})"
    if incremental:
        joins.append("LEFT JOIN exchange_sent AS s ON s.uid = t.uid")
        where += " AND (s.version IS NULL OR s.version != t.version)"
    return (
        f"SELECT {', '.join(picked)}, t.id FROM {quote(t.name)} AS t {' '.join(joins)} "
        f"WHERE {where} ORDER BY t.id"
    )


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
    each row's id and version go into ``sent``."""
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
