"""Agreement templates (共驻共建协议书, 目标责任书, 党群连心卡) as downward reference data.

A street publishes the newest version of each template kind it has saved; a community that
has not installed that published version yet, and whose current text differs, stores it as
its own next version (its numbering is its own), noting the 上级's version number in the note
(``上级第 N 版``) so a re-sent or older published version is recognised and left alone. The text
is checked with the agreements area's own rules first; the new row is written with the ORM, so
it is audited like a version an administrator saved.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from djdesk.db.audit import current_actor, record_event
from djdesk.db.models.agreements import AgreementTemplate
from djdesk.errors import DjdeskError
from djdesk.formats.agreements.template_file import dump_template, parse_template
from djdesk.services.agreements.template_rules import check_template
from djdesk.services.agreements.templates import ensure_template
from djdesk.services.agreements.types import TemplateKind
from djdesk.services.exchange.types import Applied, Published, RecordOutcome

_MARK = re.compile(r"上级第 (\d+) 版")


def key_of(kind: TemplateKind) -> str:
    return "template_" + kind.value.replace("-", "_")


def _rows(session: Session, kind: TemplateKind, origin: str) -> list[AgreementTemplate]:
    stmt = (
        select(AgreementTemplate)
        .where(
            AgreementTemplate.kind == kind.value,
            AgreementTemplate.origin == origin,
            AgreementTemplate.deleted_at.is_(None),
        )
        .order_by(AgreementTemplate.version_number)
    )
    return list(session.scalars(stmt))


def in_use(kind: TemplateKind, session: Session, origin: str) -> int | None:
    rows = _rows(session, kind, origin)
    return rows[-1].version_number if rows else None


def published(kind: TemplateKind, session: Session, origin: str) -> list[Published]:
    rows = _rows(session, kind, origin)
    if not rows:
        return []
    row = rows[-1]
    title = f"{kind.label}模板第 {row.version_number} 版{('：' + row.note) if row.note else ''}"
    return [Published(row.version_number, title[:200], row.body.encode("utf-8"))]


def check(kind: TemplateKind, data: bytes, version: int) -> str | None:
    try:
        doc = parse_template(data.decode("utf-8"), source=f"{kind.label}模板第 {version} 版")
        if doc.kind != kind.value:
            return f"模板种类是“{doc.kind}”，不是“{kind.value}”"
        check_template(doc, kind)
    except UnicodeDecodeError:
        return "不是 UTF-8 文字"
    except DjdeskError as exc:
        return exc.message
    return None


def apply(
    kind: TemplateKind, session: Session, data: bytes, version: int, origin: str, source: str
) -> Applied:
    problem = check(kind, data, version)
    if problem is not None:
        return Applied(RecordOutcome.REFUSED, problem)
    doc = check_template(parse_template(data.decode("utf-8")), kind)
    marks = [int(m.group(1)) for r in _rows(session, kind, origin) if (m := _MARK.search(r.note))]
    if marks and max(marks) >= version:
        return Applied(RecordOutcome.UNCHANGED, f"已安装上级第 {max(marks)} 版")
    current, current_doc = ensure_template(session, kind)
    if dump_template(current_doc) == dump_template(doc):
        return Applied(RecordOutcome.UNCHANGED, f"与本机第 {current} 版相同")
    last = session.scalar(
        select(func.max(AgreementTemplate.version_number)).where(
            AgreementTemplate.kind == kind.value, AgreementTemplate.origin == origin
        )
    )
    number = int(last or 0) + 1
    actor = current_actor(session)
    row = AgreementTemplate(
        kind=kind.value,
        version_number=number,
        body=dump_template(doc),
        note=f"{source}（上级第 {version} 版）"[:200],
        created_by=actor.username if actor else "",
        origin=origin,
    )
    session.add(row)
    session.flush()
    record_event(
        session,
        "create",
        table="agreement_template",
        uid=row.uid,
        summary=f"载入{source}的{kind.label}模板（存为第 {number} 版）",
    )
    return Applied(RecordOutcome.NEW, f"已存为本机第 {number} 版（上级第 {version} 版）")
