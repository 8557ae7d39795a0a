"""Rooms and their weekly hours: listing for everyone, changes for administrators only.

A new site gets the default rooms (:mod:`~djdesk.services.rooms.defaults`) on first use,
through :func:`ensure_default_rooms`, which any writer may trigger once: it is set-up, not a
choice. Everything after that (names, capacity, equipment, status, approval, categories,
hours) is changed by an administrator.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, fields

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from djdesk.actor import ADMINS, WRITERS, Actor
from djdesk.db.audit import record_event
from djdesk.db.models.rooms import Room, RoomHours
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, ValidationError, ValidationErrors
from djdesk.services.origin import site_origin
from djdesk.services.rooms.calendar import Interval, merge
from djdesk.services.rooms.defaults import DEFAULT_ROOMS, default_hours
from djdesk.services.rooms.types import (
    HOURS_ADJUSTED_WORKDAY,
    BookerCategory,
    RoomStatus,
)
from djdesk.validation.phone import PHONE_HINT, normalize_phone

FIELD_LABELS = {
    "name": "场地名称",
    "code": "编号",
    "floor": "楼层",
    "location": "位置",
    "area_sqm": "面积（平方米）",
    "capacity": "容纳人数",
    "equipment": "设备",
    "status": "状态",
    "needs_approval": "需要审批",
    "categories": "可预约对象",
    "phone": "联系电话",
    "description": "服务介绍与使用规则",
    "sort_order": "排序",
    "hours": "开放时间",
}


@dataclass(frozen=True)
class RoomInput:
    """A room as an administrator edits it; ``hours`` maps day kinds (0–8) to intervals."""

    name: str = ""
    code: str = ""
    floor: str = ""
    location: str = ""
    area_sqm: int = 0
    capacity: int = 0
    equipment: tuple[str, ...] = ()
    status: str = RoomStatus.OPEN
    needs_approval: bool = False
    categories: tuple[str, ...] = tuple(BookerCategory)
    phone: str = ""
    description: str = ""
    sort_order: int = 0
    hours: dict[int, tuple[Interval, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class RoomInfo(RoomInput):
    id: int = 0
    uid: str = ""

    def accepts(self, category: str) -> bool:
        return category in self.categories


def _text(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).split())


def _split(values: tuple[str, ...] | str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = tuple(values.replace("，", "、").replace(",", "、").split("、"))
    return tuple(dict.fromkeys(_text(v) for v in values if _text(v)))


def validate_room(data: RoomInput) -> RoomInput:
    """Clean and check a room; every problem at once, each at its field."""
    errors: list[ValidationError] = []

    def bad(name: str, message: str) -> None:
        errors.append(ValidationError(name, message, label=FIELD_LABELS[name]))

    values = {f.name: getattr(data, f.name) for f in fields(RoomInput)}
    for key in ("name", "code", "floor", "location", "phone", "description"):
        values[key] = _text(values[key]) if key != "description" else values[key].strip()
    values["equipment"] = _split(values["equipment"])
    values["categories"] = _split(values["categories"])
    if not values["name"]:
        bad("name", "不能为空")
    elif len(values["name"]) > 40:
        bad("name", "不能超过 40 个字")
    for key, limit in (("code", 20), ("floor", 20), ("location", 60)):
        if len(values[key]) > limit:
            bad(key, f"不能超过 {limit} 个字")
    if not 1 <= values["capacity"] <= 5000:
        bad("capacity", "应为 1–5000 之间的整数")
    if not 0 <= values["area_sqm"] <= 100000:
        bad("area_sqm", "应为 0–100000 之间的整数")
    if len("、".join(values["equipment"])) > 200:
        bad("equipment", "合计不能超过 200 个字")
    if values["status"] not in set(RoomStatus):
        bad("status", f"应为 {'、'.join(RoomStatus)} 之一")
    unknown = [c for c in values["categories"] if c not in set(BookerCategory)]
    if unknown:
        bad("categories", f"“{'、'.join(unknown)}”不是预约对象类别")
    elif not values["categories"]:
        bad("categories", "至少选择一类")
    if values["phone"]:
        phone = normalize_phone(values["phone"])
        if phone is None:
            bad("phone", f"格式不正确，{PHONE_HINT}")
        else:
            values["phone"] = phone
    if len(values["description"]) > 2000:
        bad("description", "不能超过 2000 个字")
    hours: dict[int, tuple[Interval, ...]] = {}
    for kind, intervals in values["hours"].items():
        if not 0 <= kind <= HOURS_ADJUSTED_WORKDAY:
            bad("hours", f"日类型 {kind} 无效")
            continue
        for o, c in intervals:
            if not 0 <= o < c <= 1440:
                bad("hours", "每段开放时间须在 00:00–24:00 之间，且结束晚于开始")
                break
        hours[kind] = merge(intervals)
    values["hours"] = hours
    if errors:
        raise ValidationErrors(errors)
    return RoomInput(**values)


def _hours_of(session: Session, room_id: int) -> dict[int, tuple[Interval, ...]]:
    found: dict[int, list[Interval]] = {}
    stmt = select(RoomHours).where(RoomHours.room_id == room_id).order_by(RoomHours.opens)
    for row in session.scalars(stmt):
        found.setdefault(row.day_kind, []).append((row.opens, row.closes))
    return {k: tuple(v) for k, v in sorted(found.items())}


def room_info(session: Session, row: Room) -> RoomInfo:
    return RoomInfo(
        name=row.name,
        code=row.code,
        floor=row.floor,
        location=row.location,
        area_sqm=row.area_sqm,
        capacity=row.capacity,
        equipment=_split(row.equipment),
        status=row.status,
        needs_approval=row.needs_approval,
        categories=_split(row.categories),
        phone=row.phone,
        description=row.description,
        sort_order=row.sort_order,
        hours=_hours_of(session, row.id),
        id=row.id,
        uid=row.uid,
    )


def live_rooms(session: Session) -> list[Room]:
    stmt = select(Room).where(Room.deleted_at.is_(None)).order_by(Room.sort_order, Room.id)
    return list(session.scalars(stmt))


def list_rooms(db: Database, *, include_closed: bool = True) -> list[RoomInfo]:
    """Every room in display order (停用 rooms too unless ``include_closed`` is false)."""
    with db.reading() as session:
        rows = live_rooms(session)
        if not include_closed:
            rows = [r for r in rows if r.status != RoomStatus.CLOSED]
        return [room_info(session, r) for r in rows]


def get_room(db: Database, room_id: int) -> RoomInfo:
    with db.reading() as session:
        return room_info(session, load_room(session, room_id))


def load_room(session: Session, room_id: int) -> Room:
    row = session.get(Room, room_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError("找不到该场地。")
    return row


def find_room_id(db: Database, name: str) -> int:
    """The room a clerk named: the exact name, else the only room whose name contains it."""
    wanted = _text(name)
    rooms = list_rooms(db)
    exact = [r for r in rooms if r.name == wanted]
    found = exact or [r for r in rooms if wanted and wanted in r.name]
    if len(found) == 1:
        return found[0].id
    if not found:
        names = "、".join(r.name for r in rooms) or "（尚无场地）"
        raise ValidationErrors(
            [ValidationError("room", f"没有名为“{name}”的场地。现有：{names}", label="场地")]
        )
    raise ValidationErrors(
        [ValidationError("room", f"有 {len(found)} 个场地名称含“{name}”，请写全称", label="场地")]
    )


def _write_hours(session: Session, room_id: int, hours: dict[int, tuple[Interval, ...]]) -> None:
    for row in session.scalars(select(RoomHours).where(RoomHours.room_id == room_id)):
        session.delete(row)
    session.flush()
    for kind, intervals in sorted(hours.items()):
        for o, c in intervals:
            session.add(RoomHours(room_id=room_id, day_kind=kind, opens=o, closes=c))


def _check_name(session: Session, name: str, room_id: int | None) -> None:
    other = session.scalar(
        select(Room.id).where(Room.name == name, Room.origin == site_origin(session))
    )
    if other is not None and other != room_id:
        raise ValidationErrors([ValidationError("name", "已有同名场地", label="场地名称")])


def save_room(
    db: Database, data: RoomInput, *, actor: Actor, room_id: int | None = None
) -> RoomInfo:
    """Create (``room_id`` None) or change a room with its hours; 管理员 only."""
    clean = validate_room(data)
    with db.unit_of_work(actor, roles=ADMINS, what="管理场地") as session:
        _check_name(session, clean.name, room_id)
        if room_id is None:
            row = Room(origin=site_origin(session))
            session.add(row)
        else:
            row = load_room(session, room_id)
        for f in fields(RoomInput):
            if f.name == "hours":
                continue
            value = getattr(clean, f.name)
            setattr(row, f.name, "、".join(value) if isinstance(value, tuple) else value)
        session.flush()
        _write_hours(session, row.id, clean.hours)
        session.flush()
        return room_info(session, row)


def set_room_status(db: Database, room_id: int, status: RoomStatus, *, actor: Actor) -> RoomInfo:
    """开放 / 维修 / 停用 a room; bookings already made stay and are listed by the views."""
    with db.unit_of_work(actor, roles=ADMINS, what="修改场地状态") as session:
        row = load_room(session, room_id)
        row.status = RoomStatus(status)
        session.flush()
        return room_info(session, row)


def ensure_default_rooms(db: Database, *, actor: Actor) -> int:
    """Create the default rooms when the site has never had any; returns how many were made."""
    with db.reading() as session:
        if session.scalar(select(func.count()).select_from(Room)):
            return 0
    with db.unit_of_work(actor, roles=WRITERS, what="建立默认场地") as session:
        return create_default_rooms_in(session)


def create_default_rooms_in(session: Session) -> int:
    """The default rooms inside the caller's unit of work (no-op once any room exists)."""
    if session.scalar(select(func.count()).select_from(Room)):
        return 0
    origin = site_origin(session)
    for order, spec in enumerate(DEFAULT_ROOMS, start=1):
        row = Room(
            origin=origin,
            name=spec.name,
            code=f"R{order:02d}",
            floor=spec.floor,
            capacity=spec.capacity,
            area_sqm=spec.area_sqm,
            equipment="、".join(spec.equipment),
            status=RoomStatus.OPEN,
            needs_approval=spec.needs_approval,
            categories="、".join(spec.categories),
            sort_order=order * 10,
        )
        session.add(row)
        session.flush()
        _write_hours(session, row.id, default_hours(spec.weekdays, spec.weekend))
    session.flush()
    record_event(session, "create", table="room", summary=f"建立默认场地 {len(DEFAULT_ROOMS)} 个")
    return len(DEFAULT_ROOMS)
