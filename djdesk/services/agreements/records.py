"""Agreement records: create and edit drafts, sign, terminate, renew, list, find expiring ones.

An agreement starts as a 草稿. Its first print takes the number and freezes the text (see
:mod:`.printing`); from then on it cannot be edited. Registering the signing makes it 已签订;
once its term has passed it reads as 已到期 (derived from the dates, so it is never stale);
终止 ends it early with a reason. 续签 copies an agreement into a new draft whose term starts
the day after the old one ends. Agreements ending within 30 days are listed for renewal.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.models.agreements import Agreement, AgreementTask
from djdesk.db.models.checkin import Unit
from djdesk.db.session import Database
from djdesk.errors import DjdeskError, NotFoundError, ValidationError, ValidationErrors
from djdesk.services.agreements.rules import MAX_TERM_YEARS, validate_agreement, years_later
from djdesk.services.agreements.types import (
    AgreementFilter,
    AgreementInfo,
    AgreementInput,
    AgreementKind,
    AgreementStatus,
    TaskInput,
)
from djdesk.services.origin import site_origin

RENEWAL_WINDOW_DAYS = 30
_COLUMNS = [f.name for f in fields(AgreementInput) if f.name not in ("kind", "tasks")]


def effective_status(row: Agreement, today: date) -> AgreementStatus:
    if row.status == AgreementStatus.SIGNED and row.ends_on < today:
        return AgreementStatus.EXPIRED
    return AgreementStatus(row.status)


def to_info(row: Agreement, today: date | None = None) -> AgreementInfo:
    today = today or date.today()
    values = {name: getattr(row, name) for name in _COLUMNS}
    values["content_items"] = tuple(i for i in row.content_items.split("、") if i)
    return AgreementInfo(
        **values,
        kind=AgreementKind(row.kind),
        tasks=tuple(
            TaskInput(t.category, t.task, t.target, t.deadline, t.score)
            for t in row.tasks
            if t.deleted_at is None
        ),
        id=row.id,
        uid=row.uid,
        serial=row.serial,
        status=effective_status(row, today),
        unit_name=row.unit.name,
        unit_party_org=row.unit.party_org,
        signed_on=row.signed_on,
        terminated_on=row.terminated_on,
        termination_reason=row.termination_reason,
        template_version=row.template_version,
        issued_on=row.issued_on,
        issued_document_id=row.issued_document_id,
        scan_name=row.scan_name,
        scan_size=row.scan_size,
        renewed_from_id=row.renewed_from_id,
        days_left=(row.ends_on - today).days,
    )


def load_agreement(session: Session, agreement_id: int) -> Agreement:
    row = session.get(Agreement, agreement_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(f"找不到编号为 {agreement_id} 的协议记录。")
    return row


def _apply(session: Session, row: Agreement, data: AgreementInput) -> None:
    for name in _COLUMNS:
        value = getattr(data, name)
        setattr(row, name, "、".join(value) if name == "content_items" else value)
    row.kind = data.kind.value
    for old in row.tasks:
        session.delete(old)
    row.tasks.clear()
    session.flush()
    for position, task in enumerate(data.tasks, start=1):
        row.tasks.append(
            AgreementTask(
                position=position,
                category=task.category,
                task=task.task,
                target=task.target,
                deadline=task.deadline,
                score=task.score,
                origin=row.origin,
            )
        )


def _validated(session: Session, data: AgreementInput) -> AgreementInput:
    return validate_agreement(data, session.get(Unit, data.unit_id))


def create_agreement(
    db: Database, data: AgreementInput, *, actor: Actor, today: date | None = None
) -> AgreementInfo:
    """Save a new 草稿 (the number comes with the first print)."""
    with db.unit_of_work(actor, what="新建协议") as session:
        clean = _validated(session, data)
        row = Agreement(status=AgreementStatus.DRAFT.value, origin=site_origin(session))
        row.unit_id = clean.unit_id
        session.add(row)
        _apply(session, row, clean)
        session.flush()
        session.refresh(row)
        return to_info(row, today)


def update_agreement(
    db: Database, agreement_id: int, data: AgreementInput, *, actor: Actor
) -> AgreementInfo:
    """Change a draft that was not printed yet."""
    with db.unit_of_work(actor, what="修改协议") as session:
        row = load_agreement(session, agreement_id)
        if row.serial or row.status != AgreementStatus.DRAFT:
            raise DjdeskError(
                f"{row.kind}{row.serial and f'（{row.serial}）'}已打印编号或已签订，文本已固定，"
                "不能再修改；如需调整，请终止后重新拟定，或办理续签。"
            )
        if AgreementKind(data.kind).value != row.kind:
            raise ValidationError("kind", "不能改变文书类型", label="文书类型")
        _apply(session, row, _validated(session, data))
        session.flush()
        session.refresh(row)
        return to_info(row)


def get_agreement(db: Database, agreement_id: int, *, today: date | None = None) -> AgreementInfo:
    with db.reading() as session:
        return to_info(load_agreement(session, agreement_id), today)


def _query(flt: AgreementFilter, today: date) -> Select[Agreement]:
    stmt = select(Agreement).join(Unit).where(Agreement.deleted_at.is_(None))
    if flt.kind is not None:
        stmt = stmt.where(Agreement.kind == flt.kind.value)
    if flt.unit_id is not None:
        stmt = stmt.where(Agreement.unit_id == flt.unit_id)
    if flt.status is AgreementStatus.EXPIRED:
        stmt = stmt.where(Agreement.status == AgreementStatus.SIGNED, Agreement.ends_on < today)
    elif flt.status is AgreementStatus.SIGNED:
        stmt = stmt.where(Agreement.status == AgreementStatus.SIGNED, Agreement.ends_on >= today)
    elif flt.status is not None:
        stmt = stmt.where(Agreement.status == flt.status.value)
    if flt.expiring_within_days is not None:
        last = today + timedelta(days=flt.expiring_within_days)
        stmt = stmt.where(
            Agreement.status == AgreementStatus.SIGNED,
            Agreement.ends_on >= today,
            Agreement.ends_on <= last,
        )
    if text := flt.text.strip():
        like = f"%{text}%"
        stmt = stmt.where(or_(Unit.name.like(like), Agreement.serial.like(like)))
    return stmt


def list_agreements(
    db: Database, flt: AgreementFilter | None = None, *, today: date | None = None
) -> list[AgreementInfo]:
    """Agreements matching ``flt``, those ending soonest first."""
    today = today or date.today()
    with db.reading() as session:
        stmt = _query(flt or AgreementFilter(), today).order_by(Agreement.ends_on, Agreement.id)
        return [to_info(row, today) for row in session.scalars(stmt).unique()]


def expiring_agreements(
    db: Database, *, within_days: int = RENEWAL_WINDOW_DAYS, today: date | None = None
) -> list[AgreementInfo]:
    """已签订 agreements whose term ends within ``within_days`` days: to be renewed."""
    return list_agreements(db, AgreementFilter(expiring_within_days=within_days), today=today)


def sign_agreement(
    db: Database, agreement_id: int, signed_on: date, *, actor: Actor, today: date | None = None
) -> AgreementInfo:
    """Both parties signed and sealed the printed text on ``signed_on``: 已签订."""
    today = today or date.today()
    with db.unit_of_work(actor, what="登记协议签订") as session:
        row = load_agreement(session, agreement_id)
        if row.status != AgreementStatus.DRAFT:
            raise DjdeskError(f"该{row.kind}已{row.status}，不能再登记签订。")
        if not row.serial:
            raise DjdeskError("请先打印协议文本（打印时取得编号），双方签字盖章后再登记签订。")
        if signed_on > today:
            raise ValidationError("signed_on", "不能晚于今天", label="签订日期")
        if row.issued_on is not None and signed_on < row.issued_on:
            raise ValidationError(
                "signed_on", f"不能早于文本打印日期 {row.issued_on:%Y-%m-%d}", label="签订日期"
            )
        row.status = AgreementStatus.SIGNED.value
        row.signed_on = signed_on
        session.flush()
        return to_info(row, today)


def terminate_agreement(
    db: Database, agreement_id: int, on: date, reason: str, *, actor: Actor
) -> AgreementInfo:
    """End an agreement early (or abandon a draft): 已终止, with the reason."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError("termination_reason", "不能为空", label="终止原因")
    if len(reason) > 200:
        raise ValidationError("termination_reason", "不能超过 200 个字", label="终止原因")
    with db.unit_of_work(actor, what="终止协议") as session:
        row = load_agreement(session, agreement_id)
        if row.status == AgreementStatus.TERMINATED:
            raise DjdeskError(f"该{row.kind}已于 {row.terminated_on:%Y-%m-%d} 终止。")
        row.status = AgreementStatus.TERMINATED.value
        row.terminated_on = on
        row.termination_reason = reason
        session.flush()
        return to_info(row)


def renewal_term(starts_on: date, ends_on: date) -> tuple[date, date]:
    """The next term: from the day after ``ends_on``, as long as the old one (whole years stay
    whole years, e.g. 2024-01-01…2026-12-31 → 2027-01-01…2029-12-31)."""
    start = ends_on + timedelta(days=1)
    for years in range(1, MAX_TERM_YEARS + 1):
        if years_later(starts_on, years) == start:
            return start, years_later(start, years) - timedelta(days=1)
    return start, start + (ends_on - starts_on)


def renew_agreement(
    db: Database, agreement_id: int, *, actor: Actor, today: date | None = None
) -> AgreementInfo:
    """A new 草稿 copied from the agreement, for the next term (the current template)."""
    with db.unit_of_work(actor, what="续签协议") as session:
        row = load_agreement(session, agreement_id)
        return to_info(_renew(session, row, today), today)


def _renewal_of(session: Session, row: Agreement) -> Agreement | None:
    """The draft or agreement that already renews ``row`` (a terminated one does not count)."""
    return session.scalar(
        select(Agreement).where(
            Agreement.renewed_from_id == row.id,
            Agreement.status != AgreementStatus.TERMINATED,
            Agreement.deleted_at.is_(None),
        )
    )


def _renew(session: Session, row: Agreement, today: date | None) -> Agreement:
    if row.status not in (AgreementStatus.SIGNED, AgreementStatus.EXPIRED):
        raise DjdeskError(f"只有已签订的协议可以续签，该{row.kind}为{row.status}。")
    if (renewal := _renewal_of(session, row)) is not None:
        raise DjdeskError(
            f"该{row.kind}已续签（第 {renewal.id} 号记录，{renewal.status}），不能重复续签。"
        )
    old = to_info(row, today)
    starts_on, ends_on = renewal_term(old.starts_on, old.ends_on)
    data = replace(old.as_input(), starts_on=starts_on, ends_on=ends_on)
    clean = _validated(session, data)
    new = Agreement(
        status=AgreementStatus.DRAFT.value,
        origin=site_origin(session),
        unit_id=clean.unit_id,
        renewed_from_id=row.id,
    )
    session.add(new)
    _apply(session, new, clean)
    session.flush()
    session.refresh(new)
    return new


@dataclass(frozen=True)
class RenewalBatch:
    """Drafts made by :func:`renew_expiring`, and agreements that could not be renewed (why)."""

    drafts: tuple[AgreementInfo, ...]
    skipped: tuple[tuple[str, str], ...] = ()


def renew_expiring(db: Database, *, actor: Actor, today: date | None = None) -> RenewalBatch:
    """A renewal draft for every agreement ending within 30 days that has none yet (the batch
    the clerk prints for the units to sign); one whose unit lacks data is skipped, with why."""
    today = today or date.today()
    with db.unit_of_work(actor, what="批量续签协议") as session:
        due = _query(AgreementFilter(expiring_within_days=RENEWAL_WINDOW_DAYS), today)
        rows = list(session.scalars(due.order_by(Agreement.ends_on, Agreement.id)).unique())
        drafts: list[Agreement] = []
        skipped: list[tuple[str, str]] = []
        for row in rows:
            if _renewal_of(session, row) is not None:
                continue
            try:
                drafts.append(_renew(session, row, today))
            except ValidationErrors as exc:  # checked before anything is written
                skipped.append((row.unit.name, exc.message))
        return RenewalBatch(tuple(to_info(d, today) for d in drafts), tuple(skipped))
