"""The document register: plan a rendering, register it with its output, add outputs, search.

Inside a caller's unit of work, :func:`plan_copy` says whether a numbered document's next
rendering is its original or the n-th reprint (a reprint needs a reason and carries 补打 or
副本), and :func:`register_output` records the rendering and where it went. Outside, screens
and commands add outputs of an already registered rendering (:func:`record_output`: printed
again from the preview, saved as PDF), look a serial up (:func:`find_by_serial`) and page
through the register (:func:`register_page`).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from djdesk.actor import WRITERS, Actor
from djdesk.db.audit import current_actor
from djdesk.db.models.documents import DocumentOutput, DocumentRecord
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, ValidationError
from djdesk.services.documents.types import (
    ORIGINAL,
    CopyPlan,
    Destination,
    DocumentFormat,
    DocumentSpec,
    OutputInfo,
    OutputKind,
    RegisteredDocument,
    RegisterPage,
    RegisterQuery,
    ReprintMark,
    ReprintReasonRequiredError,
)
from djdesk.services.origin import site_origin

MAX_COPIES = 99


def _copies(copies: int) -> int:
    if not 1 <= copies <= MAX_COPIES:
        raise ValidationError("copies", f"应为 1–{MAX_COPIES} 份", label="份数")
    return copies


def plan_copy(
    session: Session,
    serial: str,
    file_format: DocumentFormat = DocumentFormat.PDF,
    *,
    reason: str = "",
    mark: ReprintMark = ReprintMark.REPRINT,
) -> CopyPlan:
    """The original, or the next reprint of ``serial`` in this format (a reason is required).

    Documents without a serial (blank forms, previews) are always originals.
    """
    if not serial:
        return ORIGINAL
    origin = site_origin(session)
    last = session.scalar(
        select(func.max(DocumentRecord.copy_number)).where(
            DocumentRecord.origin == origin,
            DocumentRecord.serial == serial,
            DocumentRecord.file_format == file_format.value,
            DocumentRecord.deleted_at.is_(None),
        )
    )
    if last is None:
        return ORIGINAL
    previous = int(last) + 1
    reason = " ".join(reason.split())
    if not reason:
        raise ReprintReasonRequiredError(serial, previous)
    if len(reason) > 200:
        raise ValidationError("reason", "不能超过 200 个字", label="补打原因")
    return CopyPlan(number=previous, mark=ReprintMark(mark).value, reason=reason, previous=previous)


def _info(row: DocumentRecord) -> RegisteredDocument:
    return RegisteredDocument(
        id=row.id,
        uid=row.uid,
        kind=row.kind,
        title=row.title,
        serial=row.serial,
        subject_table=row.subject_table,
        subject_uid=row.subject_uid,
        subject_label=row.subject_label,
        template_version=row.template_version,
        file_format=DocumentFormat(row.file_format),
        copy_number=row.copy_number,
        mark=row.mark,
        reason=row.reason,
        reprintable=row.reprintable,
        pages=row.pages,
        sha256=row.sha256,
        created_by=row.created_by_name or row.created_by,
        created_at=row.created_at,
        outputs=tuple(
            OutputInfo(OutputKind(o.target_kind), o.target, o.copies, o.by_name or o.by, o.at)
            for o in row.outputs
            if o.deleted_at is None
        ),
    )


def _add_output(session: Session, row: DocumentRecord, destination: Destination) -> None:
    actor = current_actor(session)
    if actor is None:
        raise RuntimeError("registering a document output needs an actor")
    session.add(
        DocumentOutput(
            document_id=row.id,
            target_kind=destination.kind.value,
            target=destination.target[:400],
            copies=_copies(destination.copies),
            by=actor.username,
            by_name=actor.display_name,
            origin=row.origin,
        )
    )
    session.flush()
    session.refresh(row, ["outputs"])


def register_output(
    session: Session,
    spec: DocumentSpec,
    content: bytes,
    destination: Destination,
    *,
    copy: CopyPlan = ORIGINAL,
    pages: int = 0,
) -> RegisteredDocument:
    """Record one rendering (``content``) and where it went, in the caller's unit of work."""
    actor = current_actor(session)
    if actor is None:
        raise RuntimeError("registering a document needs an actor")
    subject = spec.subject
    row = DocumentRecord(
        kind=spec.kind,
        title=spec.title[:120],
        serial=spec.serial,
        subject_table=subject.table if subject else "",
        subject_uid=subject.uid if subject else "",
        subject_label=(subject.label if subject else "")[:120],
        template_version=spec.template_version,
        file_format=spec.file_format.value,
        copy_number=copy.number,
        mark=copy.mark,
        reason=copy.reason,
        reprintable=bool(spec.payload),
        payload=spec.payload,
        pages=pages,
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        created_by=actor.username,
        created_by_name=actor.display_name,
        origin=site_origin(session),
    )
    session.add(row)
    session.flush()
    _add_output(session, row, destination)
    return _info(row)


def record_output(
    db: Database, document_id: int, destination: Destination, *, actor: Actor
) -> RegisteredDocument:
    """The same rendering went out once more (printed from the preview, saved as PDF)."""
    with db.unit_of_work(actor, roles=WRITERS, what="登记文书输出") as session:
        row = session.get(DocumentRecord, document_id)
        if row is None or row.deleted_at is not None:
            raise NotFoundError("文书登记中找不到该文书。")
        _add_output(session, row, destination)
        return _info(row)


def get_document(db: Database, document_id: int) -> RegisteredDocument:
    with db.reading() as session:
        row = session.get(DocumentRecord, document_id)
        if row is None or row.deleted_at is not None:
            raise NotFoundError("文书登记中找不到该文书。")
        return _info(row)


def find_by_serial(db: Database, serial: str) -> list[RegisteredDocument]:
    """Every rendering of the document numbered ``serial`` (as typed; spaces ignored), oldest
    first; empty when the serial was never registered."""
    key = "".join(serial.split())
    if not key:
        return []
    with db.reading() as session:
        rows = session.scalars(
            select(DocumentRecord)
            .where(DocumentRecord.serial == key, DocumentRecord.deleted_at.is_(None))
            .order_by(DocumentRecord.file_format, DocumentRecord.copy_number)
        )
        return [_info(row) for row in rows]


def reprint_count(db: Database, serial: str) -> int:
    """How many reprints (补打 and 副本, every format) of ``serial`` were made."""
    return sum(1 for doc in find_by_serial(db, serial) if doc.copy_number > 0)


def _bounds(query: RegisterQuery, tz: str) -> tuple[datetime | None, datetime | None]:
    zone = ZoneInfo(tz)
    since = datetime.combine(query.since, time.min, zone).astimezone(UTC) if query.since else None
    until = datetime.combine(query.until, time.max, zone).astimezone(UTC) if query.until else None
    return since, until


def _filtered(query: RegisterQuery, tz: str) -> Select[DocumentRecord]:
    stmt = select(DocumentRecord).where(DocumentRecord.deleted_at.is_(None))
    text = query.text.strip()
    if text:
        like = f"%{text}%"
        stmt = stmt.where(
            or_(DocumentRecord.serial.like(like), DocumentRecord.subject_label.like(like))
        )
    if query.kind:
        stmt = stmt.where(DocumentRecord.kind == query.kind)
    since, until = _bounds(query, tz)
    if since is not None:
        stmt = stmt.where(DocumentRecord.created_at >= since)
    if until is not None:
        stmt = stmt.where(DocumentRecord.created_at <= until)
    if query.reprints_only:
        stmt = stmt.where(DocumentRecord.copy_number > 0)
    return stmt


def register_page(
    db: Database,
    query: RegisterQuery | None = None,
    *,
    offset: int = 0,
    limit: int = 200,
    tz: str = "Asia/Shanghai",
) -> RegisterPage:
    """One page of the register, newest first (the 文书登记 page's table model)."""
    query = query or RegisterQuery()
    stmt = _filtered(query, tz)
    with db.reading() as session:
        total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        rows = session.scalars(
            stmt.order_by(DocumentRecord.created_at.desc(), DocumentRecord.id.desc())
            .offset(max(0, offset))
            .limit(max(1, limit))
        )
        return RegisterPage(tuple(_info(r) for r in rows), int(total), offset)


def register_kinds(db: Database) -> list[tuple[str, str]]:
    """The kinds of document the register holds, as (kind, title), by title: the 文书登记
    page's kind filter offers what was actually issued, whatever area issued it."""
    with db.reading() as session:
        rows = session.execute(
            select(DocumentRecord.kind, func.min(DocumentRecord.title))
            .where(DocumentRecord.deleted_at.is_(None))
            .group_by(DocumentRecord.kind)
        )
        return sorted(((kind, title) for kind, title in rows), key=lambda pair: pair[1])
