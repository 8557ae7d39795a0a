"""Reading the records a package carries: one query per travelling table, as JSON lines.

A table's query selects its plain columns and, through an outer join per reference, the
referenced row's ``uid``; it keeps the origins the package may carry and, for an incremental
package, only rows whose version differs from the one last sent (``exchange_sent``), so the
next package holds exactly what changed or was received since, whatever the clocks say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from djdesk.db.models.exchange import ExchangeSent
from djdesk.formats.exchange.columns import encoder
from djdesk.services.exchange.tables import Travelling

_SENT = ExchangeSent.__table__
Step = Callable[[int], None]


def table_query(t: Travelling, origins: Sequence[str], *, incremental: bool) -> Select[Any]:
    table = t.table
    columns: list[Any] = [table.c[name].label(name) for name in t.plain]
    stmt_from: Any = table
    for ref in t.references:
        target = table.metadata.tables[ref.target].alias(f"ref_{ref.key}")
        columns.append(target.c.uid.label(ref.key))
        stmt_from = stmt_from.outerjoin(target, target.c.id == table.c[ref.column])
    if incremental:
        stmt_from = stmt_from.outerjoin(_SENT, _SENT.c.uid == table.c.uid)
    stmt = select(*columns).select_from(stmt_from).where(table.c.origin.in_(list(origins)))
    if incremental:
        stmt = stmt.where(or_(_SENT.c.version.is_(None), _SENT.c.version != table.c.version))
    return stmt.order_by(table.c.id)


def count_rows(
    session: Session, t: Travelling, origins: Sequence[str], *, incremental: bool
) -> int:
    inner = table_query(t, origins, incremental=incremental).order_by(None).subquery()
    return int(session.scalar(select(func.count()).select_from(inner)) or 0)


def table_lines(
    session: Session,
    t: Travelling,
    origins: Sequence[str],
    *,
    incremental: bool,
    sent: list[tuple[str, int]],
    step: Step,
) -> Iterator[str]:
    """The table's records as JSON lines; each record's (uid, version) goes into ``sent``."""
    encode = encoder(t.spec)
    stmt = table_query(t, origins, incremental=incremental)
    result = session.execute(stmt, execution_options={"yield_per": 5000})
    done = 0
    for row in result:
        values = row._mapping
        sent.append((values["uid"], values["version"]))
        yield encode(values)
        done += 1
        if done % 5000 == 0:
            step(5000)
    step(done % 5000)
