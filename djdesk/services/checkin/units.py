"""驻区单位 and their Party organisations: the registry the check-in and import refer to.

A unit's name (among 在册 units) and its credit code are unique among this site's units; the
same unit reporting to several communities is one row per community (``origin``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.models.checkin import Member, Unit
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, ValidationError, ValidationErrors
from djdesk.services.checkin.types import CheckinStatus, UnitStatus
from djdesk.services.ordering import by_name
from djdesk.services.origin import site_origin
from djdesk.validation.phone import PHONE_HINT, normalize_phone
from djdesk.validation.text import clean_text, date_problem, text_problem
from djdesk.validation.uscc import UsccError, parse_uscc
from djdesk.validation.vocabulary import CIRCLED, UNIT_CATEGORIES, category_label

__all__ = ["CIRCLED", "UNIT_CATEGORIES", "category_label"]

FIELD_LABELS = {
    "name": "单位全称",
    "category": "党组织类别",
    "uscc": "统一社会信用代码",
    "address": "单位地址",
    "party_org": "党组织全称",
    "secretary": "党组织书记",
    "liaison_name": "联络员",
    "liaison_phone": "联络员电话",
    "declared_members": "在职党员数",
    "reported_on": "单位报到日期",
    "remarks": "备注",
}


#: Longest text each field may hold (the database columns allow this much).
MAX_LENGTHS = {
    "name": 120,
    "uscc": 18,
    "address": 200,
    "party_org": 150,
    "secretary": 40,
    "liaison_name": 40,
    "liaison_phone": 40,
    "remarks": 500,
}


@dataclass(frozen=True)
class UnitInput:
    name: str = ""
    category: int = 4
    uscc: str = ""
    address: str = ""
    party_org: str = ""
    secretary: str = ""
    liaison_name: str = ""
    liaison_phone: str = ""
    declared_members: int = 0
    reported_on: date | None = None
    remarks: str = ""


@dataclass(frozen=True)
class UnitInfo(UnitInput):
    id: int = 0
    uid: str = ""
    status: str = UnitStatus.ACTIVE
    reported_members: int = 0

    @property
    def category_label(self) -> str:
        return category_label(self.category)


def _text(value: str) -> str:
    return clean_text(value)


def validate_unit(data: UnitInput, *, today: date | None = None) -> UnitInput:
    """Normalise and check the form; raises :class:`ValidationErrors` naming every bad field."""
    today = today or date.today()
    errors: list[ValidationError] = []

    def bad(field: str, message: str) -> None:
        errors.append(ValidationError(field, message, label=FIELD_LABELS[field]))

    values = {f.name: getattr(data, f.name) for f in fields(UnitInput)}
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = _text(value)
            if problem := text_problem(values[key], max_length=MAX_LENGTHS.get(key)):
                bad(key, problem)
    refused = {e.field for e in errors}
    if not values["name"]:
        bad("name", "不能为空")
    if values["category"] not in UNIT_CATEGORIES:
        bad("category", "请从 ①–⑨ 中选择")
    if values["uscc"] and "uscc" not in refused:
        try:
            values["uscc"] = parse_uscc(values["uscc"])
        except UsccError as exc:
            bad("uscc", str(exc))
    if values["liaison_phone"] and "liaison_phone" not in refused:
        phone = normalize_phone(values["liaison_phone"])
        if phone is None:
            bad("liaison_phone", f"格式不正确，{PHONE_HINT}")
        else:
            values["liaison_phone"] = phone
    if not 0 <= int(values["declared_members"]) <= 100000:
        bad("declared_members", "应为 0–100000 之间的整数")
    reported = values["reported_on"]
    if reported is not None and (problem := date_problem("reported_on", reported, today=today)):
        bad("reported_on", problem)
    if errors:
        raise ValidationErrors(errors)
    return UnitInput(**values)


def _reported_counts(session: Session) -> dict[int, int]:
    from djdesk.db.models.checkin import CheckIn

    stmt = (
        select(Member.unit_id, func.count())
        .join(CheckIn, CheckIn.member_id == Member.id)
        .where(CheckIn.status == CheckinStatus.ACTIVE, CheckIn.deleted_at.is_(None))
        .group_by(Member.unit_id)
    )
    return {unit_id: int(n) for unit_id, n in session.execute(stmt) if unit_id is not None}


def _info(row: Unit, reported: int = 0) -> UnitInfo:
    values = {f.name: getattr(row, f.name) for f in fields(UnitInput)}
    return UnitInfo(**values, id=row.id, uid=row.uid, status=row.status, reported_members=reported)


def list_units(db: Database, *, query: str = "", include_revoked: bool = False) -> list[UnitInfo]:
    """Units in the natural order of their names (a substring match: unit names are long and
    typed from the middle)."""
    with db.reading() as session:
        stmt = select(Unit).where(Unit.deleted_at.is_(None))
        if not include_revoked:
            stmt = stmt.where(Unit.status == UnitStatus.ACTIVE)
        if query.strip():
            stmt = stmt.where(Unit.name.contains(_text(query)))
        counts = _reported_counts(session)
        units = [_info(row, counts.get(row.id, 0)) for row in session.scalars(stmt)]
        return by_name(units, lambda u: u.name)


def get_unit(db: Database, unit_id: int) -> UnitInfo:
    with db.reading() as session:
        row = session.get(Unit, unit_id)
        if row is None or row.deleted_at is not None:
            raise NotFoundError("找不到该单位。")
        return _info(row, _reported_counts(session).get(row.id, 0))


def find_unit_id(session: Session, name: str) -> int | None:
    """This site's registered (在册) unit with exactly this name, ignoring spaces and width."""
    stmt = select(Unit.id).where(
        Unit.origin == site_origin(session),
        Unit.name == _text(name),
        Unit.status == UnitStatus.ACTIVE,
        Unit.deleted_at.is_(None),
    )
    return session.scalar(stmt)


def _check_unique(session: Session, data: UnitInput, unit_id: int | None, origin: str) -> None:
    same_name = select(Unit.id).where(
        Unit.origin == origin,
        Unit.name == data.name,
        Unit.status == UnitStatus.ACTIVE,
        Unit.deleted_at.is_(None),
    )
    existing = session.scalar(same_name)
    if existing is not None and existing != unit_id:
        raise ValidationErrors([ValidationError("name", "已有同名的在册单位", label="单位全称")])
    if data.uscc:
        same_code = select(Unit.id).where(Unit.origin == origin, Unit.uscc == data.uscc)
        other = session.scalar(same_code)
        if other is not None and other != unit_id:
            raise ValidationErrors(
                [ValidationError("uscc", "已被另一个单位使用", label="统一社会信用代码")]
            )


def add_unit_in(session: Session, data: UnitInput) -> Unit:
    """Insert a validated unit inside the caller's unit of work (used by the roster import)."""
    origin = site_origin(session)
    _check_unique(session, data, None, origin)
    row = Unit(origin=origin, **{f.name: getattr(data, f.name) for f in fields(UnitInput)})
    session.add(row)
    session.flush()
    return row


def save_unit(
    db: Database,
    data: UnitInput,
    *,
    actor: Actor,
    unit_id: int | None = None,
    today: date | None = None,
) -> UnitInfo:
    """Create (``unit_id`` None) or update a unit."""
    clean = validate_unit(data, today=today)
    with db.unit_of_work(actor, what="登记单位") as session:
        if unit_id is None:
            row = add_unit_in(session, clean)
        else:
            found = session.get(Unit, unit_id)
            if found is None or found.deleted_at is not None:
                raise NotFoundError("找不到该单位。")
            _check_unique(session, clean, unit_id, found.origin)
            for f in fields(UnitInput):
                setattr(found, f.name, getattr(clean, f.name))
            row = found
        session.flush()
        return _info(row)


def set_unit_status(db: Database, unit_id: int, revoked: bool, *, actor: Actor) -> None:
    """撤销 (or restore) a unit; its members keep their records.

    A unit is restored only while no other 在册 unit of the site has taken its name.
    """
    with db.unit_of_work(actor, what="撤销单位") as session:
        row = session.get(Unit, unit_id)
        if row is None or row.deleted_at is not None:
            raise NotFoundError("找不到该单位。")
        if not revoked and row.status != UnitStatus.ACTIVE:
            data = UnitInput(**{f.name: getattr(row, f.name) for f in fields(UnitInput)})
            _check_unique(session, data, unit_id, row.origin)
        row.status = UnitStatus.REVOKED if revoked else UnitStatus.ACTIVE
