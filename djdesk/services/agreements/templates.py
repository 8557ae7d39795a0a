"""Clause templates: the shipped defaults, saved versions, export and import.

Default texts ship in ``resources/templates/<kind>.json``. The first time a kind is used for a
printed document, or an administrator saves a change, the default is stored as version 1, so
what was printed never depends on the program's files; every save adds the next version and
nothing is changed in place. An agreement records the version it was printed with (and the
register keeps the very text), so old agreements print as they were signed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from djdesk.actor import ADMINS, Actor
from djdesk.db.audit import current_actor
from djdesk.db.models.agreements import AgreementTemplate
from djdesk.db.session import Database
from djdesk.errors import DjdeskError, NotFoundError
from djdesk.formats.agreements.template_file import (
    MAX_FILE_BYTES,
    TemplateDoc,
    dump_template,
    parse_template,
)
from djdesk.resources import resource_path
from djdesk.services.agreements.placeholders import placeholders_in
from djdesk.services.agreements.template_rules import check_template
from djdesk.services.agreements.types import TemplateKind, TemplateVersion
from djdesk.services.origin import load_site, site_origin
from djdesk.services.printing import write_atomically

DEFAULT_NOTE = "默认模板（随程序提供）"


def default_template(kind: TemplateKind) -> TemplateDoc:
    """The shipped default of ``kind`` (a broken resource file is a broken installation)."""
    path = resource_path("templates", f"{kind.value}.json")
    return check_template(parse_template(path.read_text("utf-8"), source=path.name), kind)


def _own(session: Session, origin: str | None = None) -> ColumnElement[bool]:
    """This site's versions (or ``origin``'s): a street also holds its communities' templates,
    which arrive with their records and keep their own numbering."""
    if origin is None:
        site = load_site(session)
        if site is None:
            return true()
        origin = site.code
    return AgreementTemplate.origin == origin


def _latest_row(session: Session, kind: TemplateKind) -> AgreementTemplate | None:
    return session.scalar(
        select(AgreementTemplate)
        .where(
            AgreementTemplate.kind == kind.value,
            AgreementTemplate.deleted_at.is_(None),
            _own(session),
        )
        .order_by(AgreementTemplate.version_number.desc())
        .limit(1)
    )


def _add(session: Session, kind: TemplateKind, doc: TemplateDoc, number: int) -> None:
    actor = current_actor(session)
    session.add(
        AgreementTemplate(
            kind=kind.value,
            version_number=number,
            body=dump_template(doc),
            note=doc.note[:200],
            created_by=actor.username if actor else "",
            origin=site_origin(session),
        )
    )
    session.flush()


def ensure_template(session: Session, kind: TemplateKind) -> tuple[int, TemplateDoc]:
    """The current version of ``kind`` inside a unit of work, storing the default as 1 first."""
    row = _latest_row(session, kind)
    if row is None:
        doc = default_template(kind)
        _add(session, kind, doc, 1)
        return 1, doc
    return row.version_number, parse_template(row.body)


def current_template(db: Database, kind: TemplateKind) -> tuple[int, TemplateDoc]:
    """The version new documents use (read only: the default counts as version 1)."""
    with db.reading() as session:
        row = _latest_row(session, kind)
        if row is None:
            return 1, default_template(kind)
        return row.version_number, parse_template(row.body)


def template_in(
    session: Session, kind: TemplateKind, version: int, *, origin: str | None = None
) -> TemplateDoc:
    """Version ``version`` of ``kind`` in an open session: this site's, or ``origin``'s (the
    site that numbered an agreement from elsewhere)."""
    row = session.scalar(
        select(AgreementTemplate).where(
            AgreementTemplate.kind == kind.value,
            AgreementTemplate.version_number == version,
            _own(session, origin),
        )
    )
    if row is None:
        if version == 1 and (origin is not None or _latest_row(session, kind) is None):
            return default_template(kind)
        raise NotFoundError(f"{kind.label}模板没有第 {version} 版。")
    return parse_template(row.body)


def template_version(db: Database, kind: TemplateKind, version: int) -> TemplateDoc:
    with db.reading() as session:
        return template_in(session, kind, version)


def template_versions(
    db: Database, kind: TemplateKind, *, tz: str = "Asia/Shanghai"
) -> list[TemplateVersion]:
    """Saved versions, newest first (just the default, as 1, while none was saved)."""
    zone = ZoneInfo(tz)
    with db.reading() as session:
        rows = list(
            session.scalars(
                select(AgreementTemplate)
                .where(AgreementTemplate.kind == kind.value, _own(session))
                .order_by(AgreementTemplate.version_number.desc())
            )
        )
        if not rows:
            return [TemplateVersion(kind, 1, DEFAULT_NOTE, "", "")]
        return [
            TemplateVersion(
                kind,
                row.version_number,
                row.note,
                row.created_by,
                f"{row.created_at.astimezone(zone):%Y-%m-%d %H:%M}",
                tuple(
                    dict.fromkeys(
                        name
                        for s in parse_template(row.body).sections
                        for clause in s.clauses
                        for name in placeholders_in(clause)
                    )
                ),
            )
            for row in rows
        ]


def _text_of(doc: TemplateDoc) -> str:
    return dump_template(replace(doc, note=""))


def save_template(
    db: Database, kind: TemplateKind, doc: TemplateDoc, *, actor: Actor, note: str = ""
) -> int:
    """Check ``doc`` and store it as the next version of ``kind`` (管理员 only); returns it.

    Unknown placeholders, an empty required section and the like are refused with the reason
    (:class:`~djdesk.errors.ValidationErrors`); the same text as the current version is refused.
    """
    doc = check_template(doc, kind)
    if note:
        doc = TemplateDoc(doc.kind, doc.title, doc.sections, note.strip()[:200])
    with db.unit_of_work(actor, roles=ADMINS, what="修改文书模板") as session:
        current, current_doc = ensure_template(session, kind)
        if _text_of(current_doc) == _text_of(doc):  # a new note alone is no new version
            raise DjdeskError(f"模板与当前第 {current} 版完全相同，未保存新版本。")
        last = session.scalar(
            select(func.max(AgreementTemplate.version_number)).where(
                AgreementTemplate.kind == kind.value, _own(session)
            )
        )
        number = int(last or 0) + 1
        _add(session, kind, doc, number)
        return number


def export_template(
    db: Database, kind: TemplateKind, path: Path, *, version: int | None = None
) -> Path:
    """Write a version (the current one by default) as a JSON file."""
    doc = current_template(db, kind)[1] if version is None else template_version(db, kind, version)
    write_atomically(path, dump_template(doc).encode("utf-8"))
    return path


def read_template_file(path: Path) -> TemplateDoc:
    """A template file's content, with every way it can be unreadable said plainly."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DjdeskError(f"文件“{path.name}”过大（{size // 1024} KB），不是模板文件。")
        data = path.read_bytes()
    except FileNotFoundError:
        raise DjdeskError(f"找不到文件“{path}”。") from None
    except OSError as exc:
        raise DjdeskError(f"无法读取文件“{path}”：{exc.strerror or exc}。") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DjdeskError(f"文件“{path.name}”不是 UTF-8 编码的文字文件，不是模板文件。") from None
    return parse_template(text, source=f"文件“{path.name}”")


def import_template(
    db: Database, kind: TemplateKind, path: Path, *, actor: Actor, note: str = ""
) -> int:
    """Read a JSON template file and save it as the next version of ``kind``."""
    doc = read_template_file(path)
    return save_template(db, kind, doc, actor=actor, note=note or f"导入自 {path.name}")
