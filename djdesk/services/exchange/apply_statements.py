"""What applying a package's records works with, table by table: the SQL writing one table,
the records of a batch on their way (new, to compare or update), what is kept between batches,
the counts, and a database refusal in words. :mod:`.apply_records` does the applying.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import IntegrityError

from djdesk.services.exchange.inbound import TablePlan
from djdesk.services.exchange.prepared import TableJob
from djdesk.services.exchange.storage import marks, quote


@dataclass
class Tally:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0


@dataclass
class Pending:
    """A record already here, about to be compared or updated: its line, uid, origin and
    version, and the statement's parameters (the stored values in :attr:`Statements.columns`
    order, then what the statement adds)."""

    line: int
    uid: str
    origin: str
    version: int
    values: tuple[Any, ...]
    row_id: int | None = None


@dataclass
class Inserts:
    """The new records of a batch: where each is in the batch, and its INSERT parameters."""

    at: list[int] = field(default_factory=list)
    params: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class TableState:
    """What applying one table keeps between its batches."""

    #: The table held no rows when its turn came: no uid can be here already (the reader
    #: refuses a uid repeated in a table file), so batches are not looked up.
    fresh: bool
    #: The uids of the table file, when the table refers to itself.
    in_file: set[str] = field(default_factory=set)
    #: References to records of the same table further on: (uid, column, target uid).
    deferred: list[tuple[str, str, str]] = field(default_factory=list)


def table_job(plan: TablePlan) -> TableJob:
    """What reading the plan's table file into rows takes (see :mod:`.prepared`)."""
    t = plan.travelling
    by_key = {c.key: c for c in plan.decode.columns}
    plain = tuple(by_key[name] for name in t.plain if name in by_key)
    return TableJob(plan.entry, plan.decode, tuple(r.key for r in t.references), plain)


@dataclass(frozen=True)
class Statements:
    """The SQL writing one table, and the columns its values come in."""

    columns: tuple[str, ...]  # plain, references, filled (as the values list holds them)
    insert: str
    update: str
    compare: str  # ``{ids}`` is replaced by the placeholders of the ids

    @classmethod
    def of(cls, plan: TablePlan, job: TableJob) -> Statements:
        t = plan.travelling
        plain = [c.key for c in job.plain]
        refs = [r.column for r in t.references]
        filled = list(plan.filled)
        columns = (*plain, *refs, *filled)
        local = [name for name, _ in t.local_defaults]
        table = quote(t.name)
        inserted = (*columns, *local)
        insert = (
            f"INSERT INTO {table} ({', '.join(map(quote, inserted))}) "
            f"VALUES ({marks(len(inserted))})"
        )
        update = f"UPDATE {table} SET {', '.join(f'{quote(c)} = ?' for c in columns)} WHERE id = ?"
        compare = f"SELECT id, {', '.join(map(quote, columns))} FROM {table} WHERE id IN ({{ids}})"
        return cls(columns, insert, update, compare)


def constraint_text(exc: IntegrityError) -> str:
    """A database refusal in words: which rule of this database the record breaks."""
    text = str(getattr(exc, "orig", exc))
    for prefix, words in (
        ("UNIQUE constraint failed: ", "与本机已有的另一条记录重复（{}）"),
        ("NOT NULL constraint failed: ", "{} 不能为空"),
        ("CHECK constraint failed: ", "不符合本机的数据规则 {}"),
    ):
        if text.startswith(prefix):
            return words.format(text[len(prefix) :])
    if "FOREIGN KEY" in text:
        return "引用的记录在本机不存在"
    return f"数据库拒绝写入（{text[:120]}）"
