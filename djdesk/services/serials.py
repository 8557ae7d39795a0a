"""Serial-number allocation: per document kind and year, atomic, never reused.

One statement (``INSERT … ON CONFLICT DO UPDATE … RETURNING``) increments the counter inside the
caller's transaction, so two writers can never read the same value, and every issued number is
also written to a register with a unique constraint. A rolled-back transaction gives its number
back together with everything else it did, so no gap and no duplicate appear.

The counter is this site's own state; the register's numbers are unique per ``origin``, so a
street database can hold every community's 第001号 side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.base import insert_records, utc_now
from djdesk.db.models.serials import IssuedSerial, SerialCounter
from djdesk.db.session import Database
from djdesk.documents.base.serials import document_kind, format_serial
from djdesk.errors import SiteNotConfiguredError
from djdesk.services.origin import load_site


@dataclass(frozen=True)
class Serial:
    kind: str
    year: int
    number: int
    text: str


def _next_number(session: Session, kind: str, year: int, count: int = 1) -> int:
    """Reserve ``count`` numbers; returns the last one (the first is ``last - count + 1``)."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = (
        insert(SerialCounter)
        .values(kind=kind, year=year, last_number=count)
        .on_conflict_do_update(
            index_elements=["kind", "year"],
            set_={"last_number": SerialCounter.last_number + count},
        )
        .returning(SerialCounter.last_number)
    )
    return int(session.execute(stmt).scalar_one())


def allocate_serial(session: Session, kind: str, *, year: int, subject: str = "") -> Serial:
    """Take the next number for ``kind`` in ``year`` within the caller's unit of work."""
    site = load_site(session)
    if site is None:
        raise SiteNotConfiguredError()
    doc_kind = document_kind(kind)
    number = _next_number(session, kind, year)
    text = format_serial(site.serial_prefix, doc_kind, year, number)
    session.add(
        IssuedSerial(
            kind=kind,
            year=year,
            number=number,
            serial=text,
            subject=subject[:200],
            origin=site.code,
        )
    )
    session.flush()
    return Serial(kind=kind, year=year, number=number, text=text)


def allocate_serials(
    session: Session, kind: str, *, year: int, subjects: list[str]
) -> list[Serial]:
    """A block of consecutive numbers in one statement (bulk check-ins from an import)."""
    if not subjects:
        return []
    site = load_site(session)
    if site is None:
        raise SiteNotConfiguredError()
    doc_kind = document_kind(kind)
    last = _next_number(session, kind, year, len(subjects))
    first = last - len(subjects) + 1
    serials = [
        Serial(kind, year, n, format_serial(site.serial_prefix, doc_kind, year, n))
        for n in range(first, last + 1)
    ]
    now = utc_now()
    rows = [
        {
            "kind": kind,
            "year": year,
            "number": s.number,
            "serial": s.text,
            "subject": subject[:200],
            "issued_at": now,
        }
        for s, subject in zip(serials, subjects, strict=True)
    ]
    insert_records(session, IssuedSerial, rows, origin=site.code)
    return serials


def issue_serial(
    db: Database, kind: str, *, actor: Actor, subject: str = "", on: date | None = None
) -> Serial:
    """Allocate and commit one number on its own (for documents with no other writes)."""
    year = (on or date.today()).year
    with db.unit_of_work(actor, what="编号文书") as session:
        return allocate_serial(session, kind, year=year, subject=subject)


def issued_count(db: Database, kind: str | None = None) -> int:
    """Numbers this site issued (of ``kind``, or of every kind)."""
    with db.reading() as session:
        site = load_site(session)
        if site is None:
            return 0
        stmt = select(func.count()).where(IssuedSerial.origin == site.code)
        if kind:
            stmt = stmt.where(IssuedSerial.kind == kind)
        return int(session.scalar(stmt) or 0)
