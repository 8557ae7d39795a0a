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
"""

from __future__ import annotations

from sqlalchemy.orm import Session


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def begin_snapshot(session: Session) -> None:
    if _sqlite(session):
        session.connection().exec_driver_sql("BEGIN")


def begin_write(session: Session) -> None:
    if _sqlite(session):
        session.connection().exec_driver_sql("BEGIN IMMEDIATE")
