"""Demo data for the rooms area: the default rooms (plus generated ones up to ``--rooms``),
bookers of every category (units from the unit registry) and about a year of bookings up to
30 days ahead (``--bookings``), packed without overlaps inside each room's hours.

Bulk Core inserts keep 200,000 bookings to well under a minute; one audit entry summarises.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from djdesk.db.audit import record_event
from djdesk.db.base import new_uid, utc_now
from djdesk.db.models.checkin import Unit
from djdesk.db.models.rooms import Booker, Booking, BookingEvent, Room, RoomHours
from djdesk.services.areas import DemoOptions
from djdesk.services.origin import site_origin
from djdesk.services.rooms.bookings import SERIAL_KIND
from djdesk.services.rooms.calendar import RoomCalendar, centre_now, load_calendars
from djdesk.services.rooms.defaults import LONG_DAY, default_hours_rows
from djdesk.services.rooms.rooms import create_default_rooms_in
from djdesk.services.rooms.types import BookerCategory, BookingStatus, EventKind
from djdesk.services.serials import allocate_serials

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂玉萍毅浩宇轩欣怡涵萱辰俊华志国庆海燕红梅东"
TEAMS = (
    "夕阳红合唱团",
    "东风太极拳队",
    "银龄舞蹈队",
    "滨江书画社",
    "叙府川剧票友会",
    "翠屏读书会",
    "社区志愿服务队",
    "亲子阅读会",
    "乒乓球爱好者协会",
    "老年模特队",
    "广场舞一队",
    "广场舞二队",
    "象棋协会",
    "摄影兴趣小组",
    "葫芦丝乐队",
    "健康操队",
)
ORGS = (
    "翠屏区心理健康服务中心",
    "宜宾市阳光社工服务社",
    "东城街道养老服务中心",
    "翠屏区青少年发展中心",
    "宜宾市爱心助残协会",
    "翠屏区法律援助工作站",
)
PARTY = (
    "东风社区第一党支部",
    "东风社区第二党支部",
    "东风社区老干部党支部",
    "东风社区流动党员党支部",
    "东风社区党委",
    "滨江小区党小组",
    "叙府名城党小组",
    "社区退役军人党支部",
)
PURPOSES = {
    BookerCategory.RESIDENT: ("邻里议事", "家庭读书分享", "老年健康讲座", "社区志愿者培训"),
    BookerCategory.TEAM: ("合唱排练", "舞蹈排练", "太极拳练习", "书画交流", "读书分享会"),
    BookerCategory.SOCIAL_ORG: ("心理健康讲座", "为老服务活动", "青少年课堂", "法律咨询"),
    BookerCategory.UNIT: ("共建活动", "志愿服务对接会", "主题党日联学"),
    BookerCategory.PARTY_ORG: ("支部委员会", "党员大会", "党小组会", "主题党日", "党课"),
}
CHUNK = 20_000


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"


def _rooms(session: Session, wanted: int) -> int:
    created = create_default_rooms_in(session)
    have = int(session.scalar(select(func.count()).select_from(Room)) or 0)
    origin = site_origin(session)
    for n in range(have + 1, wanted + 1):
        row = Room(
            origin=origin,
            name=f"{n}号活动室",
            code=f"R{n:02d}",
            floor=f"{(n % 4) + 1}楼",
            capacity=20 + (n * 7) % 60,
            equipment="桌椅、投影",
            categories="、".join(BookerCategory),
            sort_order=n * 10,
        )
        session.add(row)
        session.flush()
        session.execute(insert(RoomHours), default_hours_rows(row.id, LONG_DAY, LONG_DAY))
        created += 1
    return created


def _bookers(session: Session, rng: random.Random) -> dict[str, list[tuple[int, str]]]:
    origin = site_origin(session)
    existing = int(session.scalar(select(func.count()).select_from(Booker)) or 0)
    if not existing:
        rows: list[dict[str, Any]] = []

        def add(category: str, name: str, contact: str, unit_id: int | None = None) -> None:
            rows.append(
                {
                    "uid": new_uid(),
                    "origin": origin,
                    "version": 1,
                    "updated_at": utc_now(),
                    "category": category,
                    "name": name,
                    "contact": contact,
                    "phone": _phone(rng),
                    "unit_id": unit_id,
                    "walk_in": category == BookerCategory.RESIDENT and rng.random() < 0.3,
                    "remarks": "",
                }
            )

        for _ in range(300):
            add(BookerCategory.RESIDENT, _name(rng), "")
        for team in TEAMS:
            add(BookerCategory.TEAM, team, _name(rng))
        for org in ORGS:
            add(BookerCategory.SOCIAL_ORG, org, _name(rng))
        for unit_id, unit_name in session.execute(
            select(Unit.id, Unit.name).where(Unit.deleted_at.is_(None))
        ):
            add(BookerCategory.UNIT, unit_name, _name(rng), unit_id)
        for party in PARTY:
            add(BookerCategory.PARTY_ORG, party, _name(rng))
        unique = {(r["category"], r["name"], r["phone"]): r for r in rows}
        session.execute(insert(Booker), list(unique.values()))
    out: dict[str, list[tuple[int, str]]] = {}
    for booker_id, category, name in session.execute(
        select(Booker.id, Booker.category, Booker.name)
    ):
        out.setdefault(category, []).append((booker_id, name))
    return out


def _pick_booker(
    rng: random.Random, bookers: dict[str, list[tuple[int, str]]], allowed: list[str]
) -> tuple[str, int]:
    weights = {"居民": 1, "居民团队": 5, "社会组织": 2, "驻区单位": 1, "党组织": 2}
    cats = [c for c in allowed if bookers.get(c)]
    category = rng.choices(cats, [weights.get(c, 1) for c in cats])[0]
    return category, rng.choice(bookers[category])[0]


def _pack(
    rng: random.Random, intervals: tuple[tuple[int, int], ...], k: int
) -> list[tuple[int, int]]:
    """Up to ``k`` non-overlapping half-hour-aligned bookings inside the opening intervals."""
    out: list[tuple[int, int]] = []
    per = max(1, k // max(1, len(intervals)) + 1)
    for opens, closes in intervals:
        slots = (closes - opens) // 30
        want = min(per, k - len(out), slots)
        if want <= 0:
            continue
        longest = max(1, min(8, slots // want))
        lengths = [rng.randint(1, longest) for _ in range(want)]
        spare = slots - sum(lengths)
        cursor = opens
        for length in lengths:
            gap = rng.randint(0, max(0, spare // want)) if spare > 0 else 0
            spare -= gap
            cursor += gap * 30
            out.append((cursor, cursor + length * 30))
            cursor += length * 30
    return out


def fill_rooms_demo(session: Session, options: DemoOptions, rng: random.Random) -> dict[str, int]:
    created_rooms = _rooms(session, options.count("rooms"))
    bookers = _bookers(session, rng)
    total = options.count("bookings")
    today = centre_now().date()
    first, last = today - timedelta(days=335), today + timedelta(days=30)
    stmt = select(Room.id, Room.categories, Room.needs_approval, Room.capacity)
    rooms = [(int(i), str(c), bool(a), int(n)) for i, c, a, n in session.execute(stmt)]
    calendars = load_calendars(session, [r[0] for r in rooms], first, last, {})
    slots = _room_days(calendars, first, last)
    made = _bookings(session, rng, rooms, slots, bookers, total, today) if total and slots else 0
    record_event(session, "create", table="booking", summary=f"演示数据：{made} 条场地预约")
    return {"room": created_rooms, "booker": sum(len(v) for v in bookers.values()), "booking": made}


def _room_days(
    calendars: dict[int, RoomCalendar], first: date, last: date
) -> list[tuple[int, date, tuple[tuple[int, int], ...]]]:
    out = []
    day = first
    while day <= last:
        for room_id, calendar in calendars.items():
            schedule = calendar.schedule(day)
            if schedule.intervals:
                out.append((room_id, day, schedule.intervals))
        day += timedelta(days=1)
    return out


def _status(rng: random.Random, day: date, today: date, needs_approval: bool) -> str:
    x = rng.random()
    if day < today:
        if x < 0.05:
            return BookingStatus.NO_SHOW
        if x < 0.12:
            return BookingStatus.CANCELLED
        if x < 0.15:
            return BookingStatus.REJECTED
        return BookingStatus.USED
    if x < 0.06:
        return BookingStatus.CANCELLED
    if needs_approval and x < 0.4:
        return BookingStatus.PENDING
    return BookingStatus.APPROVED


def _bookings(
    session: Session,
    rng: random.Random,
    rooms: list[tuple[int, str, bool, int]],
    room_days: list[tuple[int, date, tuple[tuple[int, int], ...]]],
    bookers: dict[str, list[tuple[int, str]]],
    total: int,
    today: date,
) -> int:
    facts = {r[0]: r for r in rooms}
    per, extra = divmod(total, len(room_days))
    bonus = set(rng.sample(range(len(room_days)), extra))
    rows: list[dict[str, Any]] = []
    origin = site_origin(session)
    for index, (room_id, day, intervals) in enumerate(room_days):
        k = per + (1 if index in bonus else 0)
        if not k:
            continue
        _, categories, needs_approval, capacity = facts[room_id]
        allowed = [c for c in categories.split("、") if c]
        for start, end in _pack(rng, intervals, k):
            category, booker_id = _pick_booker(rng, bookers, allowed)
            status = _status(rng, day, today, needs_approval)
            rows.append(
                {
                    "uid": new_uid(),
                    "origin": origin,
                    "version": 1,
                    "updated_at": utc_now(),
                    "room_id": room_id,
                    "booker_id": booker_id,
                    "day": day,
                    "start_minute": start,
                    "end_minute": end,
                    "purpose": rng.choice(PURPOSES[BookerCategory(category)]),
                    "attendees": rng.randint(1, max(1, capacity)),
                    "public_benefit": True,
                    "official": category == BookerCategory.PARTY_ORG,
                    "status": status,
                    "created_by": "演示数据",
                    "contact_name": "",
                    "contact_phone": "",
                    "override_reason": "",
                }
            )
    by_year: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_year.setdefault(row["day"].year, []).append(row)
    for year, group in sorted(by_year.items()):
        subjects = [f"演示 {r['day']:%Y-%m-%d}" for r in group]
        for row, serial in zip(
            group, allocate_serials(session, SERIAL_KIND, year=year, subjects=subjects), strict=True
        ):
            row["serial"] = serial.text
    first_id = int(session.scalar(select(func.max(Booking.id))) or 0) + 1
    for i, row in enumerate(rows):
        row["id"] = first_id + i
    for i in range(0, len(rows), CHUNK):
        session.execute(insert(Booking), rows[i : i + CHUNK])
    events = [
        {
            "uid": new_uid(),
            "origin": origin,
            "version": 1,
            "updated_at": utc_now(),
            "at": utc_now(),
            "booking_id": first_id + i,
            "kind": EventKind.CREATED,
            "from_status": "",
            "to_status": row["status"],
            "username": "demo",
            "actor_name": "演示数据",
            "reason": "",
        }
        for i, row in enumerate(rows)
    ]
    for i in range(0, len(events), CHUNK):
        session.execute(insert(BookingEvent), events[i : i + CHUNK])
    return len(rows)
