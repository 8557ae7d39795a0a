"""The counter check-in: register (or re-admit) a member, assign grid and posts, number the
报到回执, and move members out (迁出) keeping their history."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.models import CheckIn, Grid, Member, ServicePost, Unit
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, ValidationError, ValidationErrors
from djdesk.services.checkin.member_rules import (
    CHANNELS,
    FIELD_LABELS,
    MemberInput,
    clean_text,
    join_list,
    validate_member,
)
from djdesk.services.checkin.types import CheckinStatus, UnitStatus
from djdesk.services.origin import site_origin
from djdesk.services.serials import allocate_serial
from djdesk.validation.pinyin import name_pinyin


@dataclass(frozen=True)
class CheckInInput:
    checked_in_on: date
    grid_id: int | None = None
    posts: tuple[str, ...] = ()
    channel: str = "线下"
    received_by: str = ""


@dataclass(frozen=True)
class CheckInResult:
    member_id: int
    checkin_id: int
    serial: str
    returning: bool  # True when a member who had moved out checked in again


def _error(field: str, message: str) -> ValidationErrors:
    return ValidationErrors([ValidationError(field, message, label=FIELD_LABELS[field])])


def active_posts(session: Session) -> list[str]:
    stmt = select(ServicePost.name).where(ServicePost.active).order_by(ServicePost.sort_order)
    return list(session.scalars(stmt))


def _check_refs(session: Session, member: MemberInput, checkin: CheckInInput | None) -> None:
    errors: list[ValidationError] = []
    if member.unit_id is not None:
        unit = session.get(Unit, member.unit_id)
        if unit is None or unit.deleted_at is not None or unit.status != UnitStatus.ACTIVE:
            errors.append(ValidationError("unit_id", "所选单位未登记或已撤销", label="工作单位"))
    if checkin is not None:
        if checkin.grid_id is not None:
            grid = session.get(Grid, checkin.grid_id)
            if grid is None or not grid.active or grid.deleted_at is not None:
                errors.append(ValidationError("grid_id", "所选网格不存在或已停用", label="网格"))
        unknown = [p for p in checkin.posts if p not in active_posts(session)]
        if unknown:
            errors.append(
                ValidationError(
                    "posts", f"“{'、'.join(unknown)}”不在服务岗位清单中", label="认领岗位"
                )
            )
        if checkin.channel not in CHANNELS:
            errors.append(
                ValidationError("channel", f"只能是 {'、'.join(CHANNELS)}", label="报到方式")
            )
        if checkin.checked_in_on > date.today():
            errors.append(ValidationError("checked_in_on", "不能晚于今天", label="报到日期"))
    if errors:
        raise ValidationErrors(errors)


def apply_member(row: Member, data: MemberInput) -> None:
    """Copy validated form data onto a member row, with the derived search columns."""
    for f in fields(MemberInput):
        value = getattr(data, f.name)
        setattr(row, f.name, join_list(value) if isinstance(value, tuple) else value)
    spelled = name_pinyin(data.name)
    row.name_pinyin, row.name_initials = spelled.full, spelled.initials
    row.id_reversed = data.id_number[::-1]


def member_by_id_number(session: Session, id_number: str) -> Member | None:
    return session.scalar(select(Member).where(Member.id_number == id_number))


def active_checkin(session: Session, member_id: int) -> CheckIn | None:
    stmt = select(CheckIn).where(
        CheckIn.member_id == member_id,
        CheckIn.status == CheckinStatus.ACTIVE,
        CheckIn.deleted_at.is_(None),
    )
    return session.scalar(stmt)


def check_in_in(
    session: Session, member: MemberInput, checkin: CheckInInput, *, year: int | None = None
) -> CheckInResult:
    """The check-in inside the caller's unit of work (the import reuses it)."""
    _check_refs(session, member, checkin)
    row = member_by_id_number(session, member.id_number)
    returning = row is not None
    if row is not None:
        current = active_checkin(session, row.id)
        if current is not None:
            raise _error(
                "id_number",
                f"该党员（{row.name}）已于 {current.checked_in_on:%Y-%m-%d} 在本社区报到"
                f"（编号 {current.serial}），仍在册，不能重复报到",
            )
        if row.deleted_at is not None:
            row.deleted_at = None
    else:
        row = Member(origin=site_origin(session))
        session.add(row)
    apply_member(row, member)
    session.flush()
    serial = allocate_serial(
        session, "checkin-receipt", year=year or checkin.checked_in_on.year, subject=member.name
    )
    record = CheckIn(
        origin=row.origin,
        member_id=row.id,
        serial=serial.text,
        checked_in_on=checkin.checked_in_on,
        status=CheckinStatus.ACTIVE,
        grid_id=checkin.grid_id,
        posts=join_list(checkin.posts),
        channel=checkin.channel,
        received_by=clean_text(checkin.received_by),
    )
    session.add(record)
    session.flush()
    row.latest_checkin_id = record.id
    return CheckInResult(row.id, record.id, serial.text, returning)


def check_in(
    db: Database, member: MemberInput, checkin: CheckInInput, *, actor: Actor
) -> CheckInResult:
    """Register a member's arrival (new, or back after moving out) and number the receipt."""
    clean = validate_member(member)
    with db.unit_of_work(actor, what="办理报到") as session:
        return check_in_in(session, clean, checkin)


def update_member(db: Database, member_id: int, member: MemberInput, *, actor: Actor) -> None:
    """Correct a member's registration data (the ID number may not collide with another)."""
    clean = validate_member(member)
    with db.unit_of_work(actor, what="修改党员信息") as session:
        row = session.get(Member, member_id)
        if row is None:
            raise NotFoundError("找不到该党员。")
        other = member_by_id_number(session, clean.id_number)
        if other is not None and other.id != member_id:
            raise _error("id_number", f"与已登记的党员“{other.name}”的号码相同")
        _check_refs(session, clean, None)
        apply_member(row, clean)


def update_assignment(
    db: Database, member_id: int, *, grid_id: int | None, posts: tuple[str, ...], actor: Actor
) -> None:
    """Change the grid and claimed posts of the member's current check-in."""
    with db.unit_of_work(actor, what="调整网格和岗位") as session:
        current = active_checkin(session, member_id)
        if current is None:
            raise NotFoundError("该党员当前不在册，不能调整网格和岗位。")
        probe = CheckInInput(
            checked_in_on=current.checked_in_on,
            grid_id=grid_id,
            posts=posts,
            channel=current.channel,
        )
        _check_refs(session, MemberInput(), probe)
        current.grid_id = grid_id
        current.posts = join_list(posts)


def move_out(db: Database, member_id: int, *, on: date, reason: str, actor: Actor) -> None:
    """迁出: end the current check-in; the member and the history stay."""
    reason = clean_text(reason)
    if not reason:
        raise _error("remarks", "请填写迁出原因")
    with db.unit_of_work(actor, what="办理迁出") as session:
        current = active_checkin(session, member_id)
        if current is None:
            raise NotFoundError("该党员当前不在册，无需迁出。")
        if on < current.checked_in_on:
            raise _error("checked_in_on", "迁出日期不能早于报到日期")
        current.status = CheckinStatus.MOVED_OUT
        current.moved_out_on = on
        current.moved_out_reason = reason[:200]
