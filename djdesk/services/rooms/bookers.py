"""Bookers (预约对象): residents, resident teams, social organisations, units from the unit
registry and Party organisations; walk-ins entered at the counter by name and phone.

A booker is found by category, name and phone (unique per origin); a walk-in is created on the
fly when a clerk books for someone not yet registered, so quotas, no-shows and suspensions
follow the person from the first booking on.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.models.checkin import Unit
from djdesk.db.models.rooms import Booker, BookerSuspension
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, ValidationError, ValidationErrors
from djdesk.services.origin import site_origin
from djdesk.services.rooms.types import BookerCategory
from djdesk.validation.phone import PHONE_HINT, normalize_phone

FIELD_LABELS = {
    "category": "预约对象类别",
    "name": "名称",
    "contact": "联系人",
    "phone": "联系电话",
    "unit_id": "驻区单位",
    "remarks": "备注",
}


@dataclass(frozen=True)
class BookerInput:
    category: str = BookerCategory.RESIDENT
    name: str = ""
    contact: str = ""
    phone: str = ""
    unit_id: int | None = None
    walk_in: bool = False
    remarks: str = ""


@dataclass(frozen=True)
class BookerInfo(BookerInput):
    id: int = 0
    uid: str = ""
    #: Last day of a suspension in force today (``None`` when the booker may book).
    suspended_until: date | None = None
    suspension_reason: str = ""

    @property
    def label(self) -> str:
        return f"{self.name}（{self.category}）"


def _text(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).split())


def validate_booker(data: BookerInput) -> BookerInput:
    """Clean and check a booker; a unit booker must name a registered unit."""
    errors: list[ValidationError] = []

    def bad(name: str, message: str) -> None:
        errors.append(ValidationError(name, message, label=FIELD_LABELS[name]))

    values = {f.name: getattr(data, f.name) for f in fields(BookerInput)}
    for key in ("name", "contact", "phone", "remarks"):
        values[key] = _text(values[key])
    if values["category"] not in set(BookerCategory):
        bad("category", f"应为 {'、'.join(BookerCategory)} 之一")
    if not values["name"]:
        bad("name", "不能为空")
    elif len(values["name"]) > 120:
        bad("name", "不能超过 120 个字")
    if len(values["contact"]) > 40:
        bad("contact", "不能超过 40 个字")
    if values["phone"]:
        phone = normalize_phone(values["phone"])
        if phone is None:
            bad("phone", f"格式不正确，{PHONE_HINT}")
        else:
            values["phone"] = phone
    elif values["category"] == BookerCategory.RESIDENT:
        bad("phone", "居民预约须留联系电话，以便通知变动")
    if values["category"] == BookerCategory.UNIT and values["unit_id"] is None:
        bad("unit_id", "驻区单位须从单位名册中选择")
    if len(values["remarks"]) > 200:
        bad("remarks", "不能超过 200 个字")
    if errors:
        raise ValidationErrors(errors)
    return BookerInput(**values)


def active_suspension(session: Session, booker_id: int, on: date) -> BookerSuspension | None:
    stmt = (
        select(BookerSuspension)
        .where(
            BookerSuspension.booker_id == booker_id,
            BookerSuspension.first_day <= on,
            BookerSuspension.last_day >= on,
            BookerSuspension.lifted_at.is_(None),
            BookerSuspension.deleted_at.is_(None),
        )
        .order_by(BookerSuspension.last_day.desc())
        .limit(1)
    )
    return session.scalar(stmt)


def booker_info(session: Session, row: Booker, *, today: date | None = None) -> BookerInfo:
    suspension = active_suspension(session, row.id, today or date.today())
    return BookerInfo(
        **{f.name: getattr(row, f.name) for f in fields(BookerInput)},
        id=row.id,
        uid=row.uid,
        suspended_until=suspension.last_day if suspension else None,
        suspension_reason=suspension.reason if suspension else "",
    )


def load_booker(session: Session, booker_id: int) -> Booker:
    row = session.get(Booker, booker_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError("找不到该预约对象。")
    return row


def get_booker(db: Database, booker_id: int, *, today: date | None = None) -> BookerInfo:
    with db.reading() as session:
        return booker_info(session, load_booker(session, booker_id), today=today)


def search_bookers(
    db: Database, text: str = "", *, category: str = "", limit: int = 20
) -> list[BookerInfo]:
    """Bookers whose name contains ``text`` (or whose phone starts with it), by name."""
    query = _text(text)
    with db.reading() as session:
        stmt = select(Booker).where(Booker.deleted_at.is_(None)).order_by(Booker.name).limit(limit)
        if query:
            digits = query.isdigit()
            stmt = stmt.where(
                Booker.phone.startswith(query) if digits else Booker.name.contains(query)
            )
        if category:
            stmt = stmt.where(Booker.category == category)
        return [booker_info(session, row) for row in session.scalars(stmt)]


def _origin(session: Session) -> str:
    """The site's origin code, looked up once per session."""
    key = "djdesk.rooms.origin"
    if key not in session.info:
        session.info[key] = site_origin(session)
    return str(session.info[key])


def find_booker_in(session: Session, data: BookerInput) -> Booker | None:
    """The registered booker with this category and name (and phone, when one is given)."""
    stmt = select(Booker).where(
        Booker.category == data.category,
        Booker.name == data.name,
        Booker.origin == _origin(session),
        Booker.deleted_at.is_(None),
    )
    if data.phone:
        stmt = stmt.where(Booker.phone == data.phone)
    rows = list(session.scalars(stmt.limit(2)))
    return rows[0] if len(rows) == 1 else None


def add_booker_in(session: Session, data: BookerInput) -> Booker:
    """Insert a validated booker inside the caller's unit of work."""
    if data.unit_id is not None and session.get(Unit, data.unit_id) is None:
        raise ValidationErrors(
            [ValidationError("unit_id", "单位名册中没有该单位", label="驻区单位")]
        )
    if find_booker_in(session, data) is not None and data.phone:
        raise ValidationErrors(
            [ValidationError("name", "已有同名同电话的预约对象", label=FIELD_LABELS["name"])]
        )
    row = Booker(
        origin=site_origin(session), **{f.name: getattr(data, f.name) for f in fields(BookerInput)}
    )
    session.add(row)
    session.flush()
    return row


def find_or_add_booker_in(session: Session, data: BookerInput) -> Booker:
    """The booker (as registered), else a new one: a walk-in entered at the counter."""
    return find_booker_in(session, data) or add_booker_in(session, data)


def save_booker(
    db: Database, data: BookerInput, *, actor: Actor, booker_id: int | None = None
) -> BookerInfo:
    """Register (``booker_id`` None) or change a booker."""
    clean = validate_booker(data)
    with db.unit_of_work(actor, what="登记预约对象") as session:
        if booker_id is None:
            row = add_booker_in(session, clean)
        else:
            row = load_booker(session, booker_id)
            for f in fields(BookerInput):
                setattr(row, f.name, getattr(clean, f.name))
            session.flush()
        return booker_info(session, row)


def unit_booker_input(db: Database, unit_id: int) -> BookerInput:
    """A booker for a unit of the unit registry: its name, liaison and phone."""
    with db.reading() as session:
        unit = session.get(Unit, unit_id)
        if unit is None or unit.deleted_at is not None:
            raise NotFoundError("找不到该单位。")
        return BookerInput(
            category=BookerCategory.UNIT,
            name=unit.name,
            contact=unit.liaison_name,
            phone=unit.liaison_phone,
            unit_id=unit.id,
        )
