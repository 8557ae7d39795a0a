"""Printing agreements and responsibility books (PDF or Word), and previewing them.

The first print issues the agreement: it takes the number, stores the current template as a
version if needed, composes the text from the record and both parties and freezes it — the
outline goes into the document register and the agreement records the template version. Every
later print or Word copy is built from that frozen outline, so it says exactly what was signed;
printing it again is a 补打 (or 副本) and needs a reason. A terminated or expired agreement
prints with a watermark saying so. A preview is never registered: a draft that was not printed
yet shows the current (or an edited, unsaved) template with a 草稿 watermark.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.models.agreements import Agreement
from djdesk.db.models.checkin import Unit
from djdesk.db.models.documents import DocumentRecord
from djdesk.db.session import Database
from djdesk.documents.agreements.outline_pdf import build_outline_pdf
from djdesk.documents.base.marks import PageMarks
from djdesk.errors import DjdeskError
from djdesk.formats.agreements.docx_writer import build_outline_docx
from djdesk.formats.agreements.template_file import TemplateDoc
from djdesk.outline import Outline
from djdesk.services.agreements.compose import (
    AnnexList,
    PartyInfo,
    compose,
    copies_texts,
    term_text,
)
from djdesk.services.agreements.records import effective_status, load_agreement, to_info
from djdesk.services.agreements.rules import validate_agreement
from djdesk.services.agreements.templates import current_template, ensure_template, template_in
from djdesk.services.agreements.types import AgreementInfo, AgreementKind, AgreementStatus
from djdesk.services.documents import (
    CopyPlan,
    Destination,
    DocumentFormat,
    DocumentSpec,
    ReprintMark,
    SendToPrinter,
    Subject,
    from_payload,
    issue_document,
    marks_for,
    to_payload,
)
from djdesk.services.serials import allocate_serial
from djdesk.services.site.identity import SiteInfo, require_site

PREVIEW_WATERMARK = "草稿"


@dataclass(frozen=True)
class PrintedAgreement:
    """What a print produced: where it went, the number, the register entry, the bytes' size."""

    agreement_id: int
    serial: str
    document_id: int
    copy_number: int
    path: Path | None
    file_format: DocumentFormat


def parties(site: SiteInfo, row: Agreement) -> tuple[PartyInfo, PartyInfo]:
    unit: Unit = row.unit
    first = PartyInfo(
        org=site.party_org,
        unit=site.name,
        address=site.address,
        leader=row.first_leader,
        liaison=row.first_liaison,
        phone=row.first_phone or site.phone,
    )
    second = PartyInfo(
        org=unit.party_org,
        unit=unit.name,
        address=unit.address,
        leader=unit.secretary,
        liaison=unit.liaison_name,
        phone=unit.liaison_phone,
        uscc=unit.uscc,
    )
    return first, second


def placeholder_values(
    info: AgreementInfo, site: SiteInfo, first: PartyInfo, second: PartyInfo, serial: str
) -> dict[str, str]:
    street = site.street_name or "所属街道"
    count, share = copies_texts(info.copies, street)
    total = sum(t.score for t in info.tasks)
    years = sorted({info.starts_on.year, info.ends_on.year})
    return {
        "甲方名称": first.org,
        "甲方单位": first.unit,
        "甲方地址": first.address,
        "甲方负责人": first.leader,
        "甲方联络员": first.liaison,
        "甲方电话": first.phone,
        "乙方名称": second.org,
        "乙方单位": second.unit,
        "乙方地址": second.address,
        "乙方负责人": second.leader,
        "乙方联络员": second.liaison,
        "乙方电话": second.phone,
        "街道名称": street,
        "份数": count,
        "份数分配": share,
        "协议编号": serial or "（打印时编号）",
        "责任书编号": serial or "（打印时编号）",
        "协议期限": term_text(info.starts_on, info.ends_on),
        "责任期限": f"{_day(info.starts_on)}至{_day(info.ends_on)}",
        "起始日期": _day(info.starts_on),
        "终止日期": _day(info.ends_on),
        "年度": "—".join(str(y) for y in years),
        "联席会议频次": info.meeting_frequency,
        "认领项目数": str(info.projects_per_year),
        "活动次数": str(info.activities_per_year),
        "开放设施": info.open_facilities or "双方商定的场地和设施",
        "年度目标": info.goal,
        "任务数": str(len(info.tasks)),
        "总分": str(total),
    }


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def three_lists(session: Session, row: Agreement) -> tuple[AnnexList, ...]:
    """The unit's 三张清单 for the annex. No area keeps 三张清单 yet (the participation area
    will), so there are none and the annex is left out, never printed blank."""
    return ()


def _compose(
    session: Session, row: Agreement, site: SiteInfo, doc: TemplateDoc, serial: str
) -> Outline:
    info = to_info(row)
    first, second = parties(site, row)
    values = placeholder_values(info, site, first, second, serial)
    return compose(
        doc,
        info,
        first=first,
        second=second,
        values=values,
        serial=serial,
        lists=three_lists(session, row),
    )


def _numbered_outline(session: Session, row: Agreement, site: SiteInfo) -> Outline:
    """The text of a numbered agreement: as first printed (the register keeps it); for one
    numbered without a printed text (demo data, a record from elsewhere), composed from its
    template version — its first print then freezes that."""
    if row.issued_document_id is None:
        kind = AgreementKind(row.kind)
        if row.template_version is None:
            row.template_version = ensure_template(session, kind.template_kind)[0]
        doc = template_in(session, kind.template_kind, row.template_version, origin=row.origin)
        return _compose(session, row, site, doc, row.serial)
    record = session.get(DocumentRecord, row.issued_document_id)
    if record is None or not record.payload:
        raise DjdeskError(f"{row.kind}（{row.serial}）的打印文本在文书登记中找不到，无法重印。")
    return from_payload(Outline, record.payload)


def _watermark(row: Agreement, today: date) -> str:
    status = effective_status(row, today)
    return status.value if status in (AgreementStatus.TERMINATED, AgreementStatus.EXPIRED) else ""


def agreement_outline(
    db: Database, agreement_id: int, *, template: TemplateDoc | None = None
) -> Outline:
    """The text as it prints: the frozen outline once issued, else composed from the current
    template (or ``template``, an edited one not saved yet)."""
    site = require_site(db)
    with db.reading() as session:
        row = load_agreement(session, agreement_id)
        if row.serial and (row.issued_document_id or row.template_version):
            return _numbered_outline(session, row, site)
        kind = AgreementKind(row.kind)
        doc = template if template is not None else current_template(db, kind.template_kind)[1]
        return _compose(session, row, site, doc, row.serial)


def preview_agreement(
    db: Database,
    agreement_id: int,
    *,
    template: TemplateDoc | None = None,
    today: date | None = None,
) -> bytes:
    """A PDF to look at (not registered): 草稿 watermark until the agreement is printed."""
    outline = agreement_outline(db, agreement_id, template=template)
    with db.reading() as session:
        row = load_agreement(session, agreement_id)
        mark = PREVIEW_WATERMARK if not row.serial else _watermark(row, today or date.today())
    return build_outline_pdf(outline, marks=PageMarks(watermark=mark))


def render_outline(
    outline: Outline, file_format: DocumentFormat, marks: PageMarks, invariant: bool = False
) -> bytes:
    if file_format == DocumentFormat.DOCX:
        return build_outline_docx(
            outline, stamp=marks.stamp, stamp_detail=marks.stamp_detail, watermark=marks.watermark
        )
    return build_outline_pdf(outline, invariant=invariant, marks=marks)


def _issue_text(session: Session, row: Agreement, site: SiteInfo, today: date) -> Outline:
    """Number the agreement and freeze its text (the first print)."""
    if row.status != AgreementStatus.DRAFT:
        raise DjdeskError(f"该{row.kind}已{row.status}，不能再打印正式文本。")
    info = to_info(row, today)
    validate_agreement(info.as_input(), row.unit)  # the unit may have changed since saving
    kind = AgreementKind(row.kind)
    version, doc = ensure_template(session, kind.template_kind)
    serial = allocate_serial(session, kind.document_kind, year=today.year, subject=row.unit.name)
    outline = _compose(session, row, site, doc, serial.text)
    row.serial, row.template_version, row.issued_on = serial.text, version, today
    return outline


def print_agreement(
    db: Database,
    agreement_id: int,
    destination: Destination,
    *,
    actor: Actor,
    file_format: DocumentFormat = DocumentFormat.PDF,
    reason: str = "",
    mark: ReprintMark = ReprintMark.REPRINT,
    send: SendToPrinter | None = None,
    invariant: bool = False,
    today: date | None = None,
) -> PrintedAgreement:
    """Print (or save as PDF or .docx) an agreement or responsibility book, registered."""
    today = today or date.today()
    site = require_site(db)
    with db.unit_of_work(actor, what="打印协议") as session:
        row = load_agreement(session, agreement_id)
        if row.serial:
            outline = _numbered_outline(session, row, site)
        else:
            outline = _issue_text(session, row, site, today)
        watermark = _watermark(row, today)
        spec = DocumentSpec(
            kind=AgreementKind(row.kind).document_kind,
            title=row.kind,
            serial=row.serial,
            subject=Subject("agreement", row.uid, row.unit.name),
            template_version=str(row.template_version or ""),
            file_format=file_format,
            payload=to_payload(outline),
        )

        def build(copy: CopyPlan) -> bytes:
            return render_outline(outline, file_format, marks_for(copy, watermark), invariant)

        issued = issue_document(
            session, spec, build, destination, send=send, reason=reason, mark=mark
        )
        if row.issued_document_id is None:
            row.issued_document_id = issued.document.id
        session.flush()
        return PrintedAgreement(
            agreement_id=row.id,
            serial=row.serial,
            document_id=issued.document.id,
            copy_number=issued.document.copy_number,
            path=destination.path,
            file_format=file_format,
        )
