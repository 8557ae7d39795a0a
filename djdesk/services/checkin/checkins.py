"""The counter check-in: register (or re-admit) a member, assign grid and posts, number the
报到回执, and move members out (迁出) keeping their history.

Members are found by ID number among this site's records only (natural keys are unique per
origin). Rows are written through :mod:`djdesk.services.checkin.writes`, the same functions the
roster import uses. Every public call takes ``today`` from its caller (default: the system
date), and passes that one date to every rule that needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.models.checkin import CheckIn, Grid, Member, ServicePost, Unit
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
from djdesk.services.checkin.writes import Arrival, CheckInInput, apply_member, create_checkins
from djdesk.services.origin import site_origin

__all__ = [
    "MOVE_OUT_REASON_LIMIT",
    "CheckInInput",
    "CheckInResult",
    "active_checkin",
    "active_posts",
    "check_in",
    "check_in_in",
    "member_by_id_number",
    "move_out",
    "update_assignment",
    "update_member",
]

#: Longest 迁出原因 the register keeps (the column's size).
MOVE_OUT_REASON_LIMIT = 200


@dataclass(frozen=True)
class CheckInResult:
    member_id: int
    checkin_id: int
    serial: str
    returning: bool  # True when a member who had moved out checked in again


def _error(field: str, message: str, label: str | None = None) -> ValidationErrors:
    return ValidationErrors([ValidationError(field, message, label=label or FIELD_LABELS[field])])


def active_posts(session: Session) -> list[str]:
    stmt = select(ServicePost.name).where(ServicePost.active).order_by(ServicePost.sort_order)
    return list(session.scalars(stmt))


def _check_refs(
    session: Session,
    member: MemberInput,
    checkin: CheckInInput | None,
    *,
    today: date | None,
    arrival: bool = False,
) -> None:
    """Unit, grid, posts and channel must be known and in use; an ``arrival`` (a check-in)
    needs a unit; ``today`` bounds the date."""
    errors: list[ValidationError] = []
    if arrival and member.unit_id is None:  # 在职党员报到 is through the employer unit
        errors.append(
            ValidationError(
                "unit_id",
                "不能为空：在职党员报到须填写工作单位（未登记的单位请先登记）",
                label="工作单位",
            )
        )
    if member.unit_id is not None:
        unit = session.get(Unit, member.unit_id)
        if unit is None or unit.deleted_at is not None or unit.status != UnitStatus.ACTIVE:
            errors.append(ValidationError("unit_id", "所选单位未登记或已撤销", label="工作单位"))
    if checkin is not None:
        if checkin.grid_id is not None:
            grid = session.get(Grid, checkin.grid_id)
            if grid is None or not grid.active or grid.deleted_at is not None:
                errors.append(ValidationError("grid_id", "所选网格不存在或已停用", label="网格"))
        if checkin.posts:
            known = set(active_posts(session))
            unknown = [p for p in checkin.posts if p not in known]
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
        if today is not None and checkin.checked_in_on > today:
            errors.append(ValidationError("checked_in_on", "不能晚于今天", label="报到日期"))
    if errors:
        raise ValidationErrors(errors)


def member_by_id_number(
    session: Session, id_number: str, *, origin: str | None = None
) -> Member | None:
    """This site's member with that ID number (deleted ones too); ``origin`` defaults to ours."""
    origin = origin or site_origin(session)
    stmt = select(Member).where(Member.origin == origin, Member.id_number == id_number)
    return session.scalar(stmt)


def active_checkin(session: Session, member_id: int) -> CheckIn | None:
    stmt = select(CheckIn).where(
        CheckIn.member_id == member_id,
        CheckIn.status == CheckinStatus.ACTIVE,
        CheckIn.deleted_at.is_(None),
    )
    return session.scalar(stmt)


def check_in_in(
    session: Session, member: MemberInput, checkin: CheckInInput, *, today: date
) -> CheckInResult:
    """The check-in of validated data inside the caller's unit of work."""
    origin = site_origin(session)
    _check_refs(session, member, checkin, today=today, arrival=True)
    row = member_by_id_number(session, member.id_number, origin=origin)
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
        row = Member(origin=origin)
        session.add(row)
    apply_member(row, member)
    session.flush()
    arrival = Arrival(row.id, member.name, checkin)
    created = create_checkins(session, [arrival], origin=origin, audit_each=True)[0]
    session.expire(row, ["latest_checkin_id"])  # set by a bulk statement
    return CheckInResult(row.id, created.checkin_id, created.serial, returning)


def check_in(
    db: Database,
    member: MemberInput,
    checkin: CheckInInput,
    *,
    actor: Actor,
    today: date | None = None,
) -> CheckInResult:
    """Register a member's arrival (new, or back after moving out) and number the receipt."""
    today = today or date.today()
    clean = validate_member(member, today=today)
    with db.unit_of_work(actor, what="办理报到") as session:
        return check_in_in(session, clean, checkin, today=today)


def update_member(
    db: Database,
    member_id: int,
    member: MemberInput,
    *,
    actor: Actor,
    today: date | None = None,
) -> None:
    """Correct a member's registration data (the ID number may not collide with another of the
    same site)."""
    today = today or date.today()
    clean = validate_member(member, today=today)
    with db.unit_of_work(actor, what="修改党员信息") as session:
        row = session.get(Member, member_id)
        if row is None:
            raise NotFoundError("找不到该党员。")
        other = member_by_id_number(session, clean.id_number, origin=row.origin)
        if other is not None and other.id != member_id:
            raise _error("id_number", f"与已登记的党员“{other.name}”的号码相同")
        _check_refs(session, clean, None, today=None)
        apply_member(row, clean)


def update_assignment(
    db: Database,
    member_id: int,
    *,
    grid_id: int | None,
    posts: tuple[str, ...],
    actor: Actor,
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
        _check_refs(session, MemberInput(), probe, today=None)  # the date is not changed
        current.grid_id = grid_id
        current.posts = join_list(posts)


def move_out(
    db: Database,
    member_id: int,
    *,
    on: date,
    reason: str,
    actor: Actor,
    today: date | None = None,
) -> None:
    """迁出: end the current check-in; the member and the history stay.

    Errors name the dialog's fields: ``moved_out_on`` (迁出日期) and ``reason`` (迁出原因).
    """
    today = today or date.today()
    reason = clean_text(reason)
    if not reason:
        raise _error("reason", "请填写迁出原因", "迁出原因")
    if len(reason) > MOVE_OUT_REASON_LIMIT:
        raise _error(
            "reason",
            f"不能超过 {MOVE_OUT_REASON_LIMIT} 个字（现有 {len(reason)} 个字）",
            "迁出原因",
        )
    if on > today:
        raise _error("moved_out_on", "不能晚于今天", "迁出日期")
    with db.unit_of_work(actor, what="办理迁出") as session:
        current = active_checkin(session, member_id)
        if current is None:
            raise NotFoundError("该党员当前不在册，无需迁出。")
        if on < current.checked_in_on:
            raise _error(
                "moved_out_on",
                f"不能早于报到日期（{current.checked_in_on:%Y-%m-%d}）",
                "迁出日期",
            )
        current.status = CheckinStatus.MOVED_OUT
        current.moved_out_on = on
        current.moved_out_reason = reason
