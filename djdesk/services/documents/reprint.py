"""Reprinting from the register: a serial typed at the counter finds the document and prints it
again — from the data it was issued with, marked 补打 or 副本, counted, with a reason.

Each area says how to rebuild its kinds in ``djdesk/services/<area>/reprints.py``::

    REPRINTS: Mapping[str, Reproducer] = {"checkin-receipt": rebuild_receipt}

A :data:`Reproducer` turns the stored payload back into bytes with the given marks; it calls the
same pure builder the first print used, so the reprint says exactly what the original said.
A kind whose record can stop being printable (a certificate that was voided) also lists a
:data:`ReprintCheck` in ``REPRINT_CHECKS``; it refuses the reprint with the reason.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from djdesk.actor import WRITERS, Actor
from djdesk.db.models.documents import DocumentRecord
from djdesk.db.session import Database
from djdesk.documents.base.marks import NO_MARKS, PageMarks
from djdesk.errors import DjdeskError, NotFoundError
from djdesk.services.documents.issue import issue_document, marks_for
from djdesk.services.documents.register import find_by_serial
from djdesk.services.documents.types import (
    Destination,
    DocumentFormat,
    DocumentSpec,
    IssuedDocument,
    ReprintMark,
    SendToPrinter,
    Subject,
)

#: ``(payload, file_format, marks, invariant) -> bytes``
Reproducer = Callable[[str, DocumentFormat, PageMarks, bool], bytes]
#: ``(db, serial) -> None``: raises a :class:`~djdesk.errors.DjdeskError` saying why the
#: registered document may not be printed again as it was issued (say, it was voided since).
ReprintCheck = Callable[[Database, str], None]


def _area_tables(attribute: str) -> dict[str, Any]:
    """The ``attribute`` mappings of every area's ``reprints`` module, merged by document kind
    (a kind listed twice is a bug)."""
    import djdesk.services as package

    found: dict[str, Any] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if not info.ispkg:
            continue
        name = f"{package.__name__}.{info.name}.reprints"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        table: Mapping[str, Any] = getattr(module, attribute, {})
        for kind, fn in table.items():
            if kind in found:
                raise RuntimeError(f"document kind {kind!r} is listed twice in {attribute}")
            found[kind] = fn
    return found


@cache
def reproducers() -> dict[str, Reproducer]:
    """Every area's reproducers, by document kind."""
    return _area_tables("REPRINTS")


@cache
def reprint_checks() -> dict[str, ReprintCheck]:
    """Every area's reprint checks, by document kind."""
    return _area_tables("REPRINT_CHECKS")


def _reproducer(kind: str, title: str) -> Reproducer:
    fn = reproducers().get(kind)
    if fn is None:
        raise DjdeskError(f"“{title}”不能从文书登记补打，请回到原业务页面重新打印。")
    return fn


def _row(db: Database, document_id: int) -> DocumentRecord:
    with db.reading() as session:
        row = session.get(DocumentRecord, document_id)
        if row is None or row.deleted_at is not None:
            raise NotFoundError("文书登记中找不到该文书。")
        session.expunge(row)
        return row


def reproduce(
    db: Database, document_id: int, *, invariant: bool = False, marks: PageMarks = NO_MARKS
) -> bytes:
    """The registered rendering built again from its payload (unregistered: a check or preview).

    In invariant mode an original issued in invariant mode comes back byte for byte.
    """
    row = _row(db, document_id)
    if not row.reprintable:
        raise DjdeskError(f"“{row.title}”没有保存可重建的内容，不能重新生成。")
    fn = _reproducer(row.kind, row.title)
    return fn(row.payload, DocumentFormat(row.file_format), marks, invariant)


def reprint(
    db: Database,
    document_id: int,
    destination: Destination,
    *,
    actor: Actor,
    reason: str,
    mark: ReprintMark = ReprintMark.REPRINT,
    send: SendToPrinter | None = None,
    invariant: bool = False,
) -> IssuedDocument:
    """Print a registered numbered document again, marked and counted; ``reason`` is required."""
    row = _row(db, document_id)
    if not row.serial:
        raise DjdeskError(f"“{row.title}”没有编号，不需要补打，请直接重新打印。")
    if not row.reprintable:
        raise DjdeskError(f"“{row.title}”没有保存可重建的内容，请回到原业务页面重新打印。")
    fn = _reproducer(row.kind, row.title)
    if (check := reprint_checks().get(row.kind)) is not None:
        check(db, row.serial)
    file_format = DocumentFormat(row.file_format)
    spec = DocumentSpec(
        kind=row.kind,
        title=row.title,
        serial=row.serial,
        subject=Subject(row.subject_table, row.subject_uid, row.subject_label)
        if row.subject_table
        else None,
        template_version=row.template_version,
        file_format=file_format,
        payload=row.payload,
    )
    with db.unit_of_work(actor, roles=WRITERS, what="补打文书") as session:
        return issue_document(
            session,
            spec,
            lambda copy: fn(row.payload, file_format, marks_for(copy), invariant),
            destination,
            send=send,
            reason=reason,  # blank: plan_copy refuses it, naming the field
            mark=mark,
        )


def reprint_serial(
    db: Database,
    serial: str,
    destination: Destination,
    *,
    actor: Actor,
    reason: str,
    mark: ReprintMark = ReprintMark.REPRINT,
    send: SendToPrinter | None = None,
) -> IssuedDocument:
    """The counter's way: the serial as typed, its original PDF reprinted."""
    found = [d for d in find_by_serial(db, serial) if d.file_format == DocumentFormat.PDF]
    if not found:
        raise NotFoundError(f"文书登记中没有编号为“{serial.strip()}”的文书。")
    return reprint(db, found[0].id, destination, actor=actor, reason=reason, mark=mark, send=send)
