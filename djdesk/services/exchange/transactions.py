"""Real SQLite transactions where the exchange needs them (pysqlite's default mode has none).

Python's ``sqlite3`` module in its default (legacy) mode starts a transaction only before an
INSERT, UPDATE or DELETE: plain SELECTs each see the database as it is at that moment, and a
``SAVEPOINT`` issued before any write opens a transaction of its own that its ``RELEASE``
commits. The exchange needs both done right, so on SQLite it opens the transaction itself:

* :func:`begin_snapshot` — ``BEGIN`` before an export's first read, so every table is read from
  one snapshot (the counts match the lines; a check-in never travels without its member);
* :func:`begin_write` — ``BEGIN IMMEDIATE`` before an import's first read: the write lock is
  taken up front (waiting the busy timeout, never failing halfway on an upgrade), and the
  savepoints of the batch retries nest inside it, so the whole package commits or rolls back
  as one.

Other databases already behave this way; the functions do nothing there.

:func:`large_cache` gives the connection a bigger page cache (256 MB instead of SQLite's 2 MB)
while a package is read or written: a million records go into and out of indexes keyed by
random uids, and with the small cache almost every one of them misses.

:func:`plain_indexes_set_aside` drops a table's plain (not unique) indexes while a package
brings it many more records than it holds, and builds them again from their own ``CREATE
INDEX`` text once the records are in: building an index over sorted keys is several times
cheaper than inserting a million random keys one at a time. Unique indexes (the uid, the
tables' unique rules) stay, so every record is checked against them as it is written; the
drop and the build are part of the import's transaction, so a refused, cancelled or killed
import leaves the indexes as they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

#: Page cache while a package is read or written (negative: KiB).
LARGE_CACHE_KIB = 256 * 1024
#: Records of one table a package must bring before its plain indexes are set aside …
BULK_RECORDS = 50_000
#: … and how many times the rows the table already holds.
BULK_FACTOR = 4


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def begin_snapshot(session: Session) -> None:
    if _sqlite(session):
        session.connection().exec_driver_sql("BEGIN")


def begin_write(session: Session) -> None:
    if _sqlite(session):
        session.connection().exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def large_cache(session: Session) -> Iterator[None]:
    """A large page cache for this connection for the duration of the block."""
    if not _sqlite(session):
        yield
        return
    connection = session.connection()
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{LARGE_CACHE_KIB}")
    try:
        yield
    finally:
        with suppress(SQLAlchemyError):  # a broken connection is reported by the block itself
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


@contextmanager
def plain_indexes_set_aside(session: Session, table: str, incoming: int) -> Iterator[None]:
    """Drop ``table``'s plain indexes for the block when ``incoming`` records make it a bulk
    load (see the module docstring); build them again after it. Inside a transaction only."""
    if not _sqlite(session) or incoming < BULK_RECORDS:
        yield
        return
    connection = session.connection()
    name = '"' + table.replace('"', '""') + '"'
    rows = int(connection.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar() or 0)
    if rows * BULK_FACTOR > incoming:
        yield
        return
    indexes = [
        (index, sql)
        for index, sql in connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL ORDER BY name",
            (table,),
        )
        if not sql.lstrip().upper().startswith("CREATE UNIQUE")
    ]
    for index, _ in indexes:
        connection.exec_driver_sql('DROP INDEX "' + index.replace('"', '""') + '"')
    yield  # an exception rolls the whole transaction back, the dropped indexes with it
    for _, sql in indexes:
        connection.exec_driver_sql(sql)
