"""Reprinting from the register: a serial typed at the counter finds the document and prints it
again — from the data it was issued with, marked 补打 or 副本, counted, with a reason.

Each area says how to rebuild its kinds in ``djdesk/services/<area>/reprints.py``::

    REPRINTS: Mapping[str, Reproducer] = {"checkin-receipt": rebuild_receipt}

A :data:`Reproducer` turns the stored payload back into bytes with the given marks; it calls the
same pure builder the first print used, so the reprint says exactly what the original said.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from functools import cache

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


@cache
def reproducers() -> dict[str, Reproducer]:
    """Every area's reproducers, by document kind (a kind registered twice is a bug)."""
    import djdesk.services as package

    found: dict[str, Reproducer] = {}
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
        table: Mapping[str, Reproducer] = module.REPRINTS
        for kind, fn in table.items():
            if kind in found:
                raise RuntimeError(f"document kind {kind!r} has two reproducers")
            found[kind] = fn
    return found


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
