"""Demo data for the check-in area: units, grids and members with valid ID numbers, phones and
correct pinyin, checked in over the last years (some moved out).

Everything is written through the area's own write functions (units and grids as the registry
pages add them, members and check-ins through :mod:`djdesk.services.checkin.writes` in bulk, as
the roster import does), so demo rows carry the same sync stamps, numbering and derived search
columns as real ones. Bulk writes keep 100k members to seconds; one audit entry summarises the
members created.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from djdesk.db.audit import record_event
from djdesk.db.base import update_records
from djdesk.db.models.checkin import CheckIn, Grid, Member, ServicePost, Unit
from djdesk.services.areas import DemoOptions
from djdesk.services.checkin.grids import add_grid_in
from djdesk.services.checkin.member_rules import AVAILABLE_TIMES, SPECIALTIES, MemberInput
from djdesk.services.checkin.types import CheckinStatus
from djdesk.services.checkin.units import UnitInput, add_unit_in
from djdesk.services.checkin.writes import Arrival, CheckInInput, create_checkins, insert_members
from djdesk.services.origin import site_origin
from djdesk.validation.idcard import check_char

# (name, category, party organisation suffix, declared members)
DEMO_UNITS = (
    ("宜宾市翠屏区人民政府办公室", 4, "机关党支部", 46),
    ("宜宾市翠屏区教育和体育局", 4, "机关党委", 62),
    ("宜宾市翠屏区人民医院", 6, "党委", 180),
    ("宜宾学院", 5, "党委", 320),
    ("宜宾市第一中学校", 5, "党总支", 95),
    ("中国移动通信集团四川有限公司宜宾分公司", 1, "党委", 140),
    ("国网四川省电力公司宜宾供电公司", 1, "党委", 210),
    ("宜宾市翠屏区税务局", 4, "党委", 88),
    ("宜宾市翠屏区东城街道办事处", 7, "党工委", 40),
    ("四川宜宾五粮液集团有限公司", 1, "党委", 400),
    ("宜宾市商业银行股份有限公司", 1, "党委", 120),
    ("宜宾市翠屏区市场监督管理局", 4, "机关党委", 70),
    ("宜宾天原集团股份有限公司", 1, "党委", 160),
    ("宜宾市翠屏区人民检察院", 4, "党组", 48),
    ("宜宾市公共交通集团有限公司", 1, "党委", 75),
    ("宜宾市翠屏区社会组织综合党委", 8, "联合党支部", 30),
    ("四川华创律师事务所", 2, "党支部", 12),
    ("宜宾市翠屏区中医医院", 6, "党总支", 66),
)
DEMO_GRIDS = (
    "东风一网格",
    "东风二网格",
    "东风三网格",
    "滨江网格",
    "叙府网格",
    "南岸东网格",
    "南岸西网格",
    "翠屏山网格",
)
DEMO_ESTATES = ("东风小区", "滨江花园", "叙府名城", "翠屏山水", "南岸一号", "金江苑", "长江华庭")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤单仇查解"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英玉兰萍毅浩宇轩欣怡子涵梓萱雨辰俊杰"
    "建华志强国庆海燕红梅晓东文博思远嘉怡婷婷诗琪明轩佳琪瑞宇天佑雅琴春梅德明"
)
REGIONS = ("511502", "511503", "511504", "511523", "510104", "510107", "510302", "500103")


def demo_id_number(rng: random.Random, gender: str, born: date) -> str:
    region = rng.choice(REGIONS)
    order = rng.randrange(0, 50) * 10 + rng.choice(
        (1, 3, 5, 7, 9) if gender == "男" else (0, 2, 4, 6, 8)
    )
    first17 = f"{region}{born:%Y%m%d}{order:03d}"
    return first17 + check_char(first17)


def demo_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def _units(session: Session, origin: str, rng: random.Random, today: date) -> dict[int, int]:
    """This site's units and their declared member counts (the demo's own when it has none)."""
    stmt = select(Unit.id, Unit.declared_members).where(
        Unit.origin == origin, Unit.deleted_at.is_(None)
    )
    existing = {int(uid): int(declared) for uid, declared in session.execute(stmt)}
    if existing:
        return existing
    ids: dict[int, int] = {}
    for name, category, org, declared in DEMO_UNITS:
        data = UnitInput(
            name=name,
            category=category,
            address="宜宾市翠屏区",
            party_org=f"中共{name}{org}",
            secretary=demo_name(rng),
            liaison_name=demo_name(rng),
            liaison_phone=f"13{rng.randrange(0, 10**9):09d}",
            declared_members=declared,
            reported_on=min(date(2024, 3, 1) + timedelta(days=rng.randrange(600)), today),
        )
        ids[add_unit_in(session, data).id] = declared
    return ids


def _eighteenth_birthday(born: date) -> date:
    try:
        return born.replace(year=born.year + 18)
    except ValueError:  # born on 29 February
        return date(born.year + 18, 3, 1)


def _dates(rng: random.Random, today: date) -> tuple[date, date]:
    """A birth date (18 or older today) and a 入党时间 between the 18th birthday and today."""
    first = date(1960, 1, 1)
    last = min(date(1999, 12, 31), date(today.year - 18, 1, 1))
    born = first + timedelta(days=rng.randrange((last - first).days + 1))
    adult = _eighteenth_birthday(born)
    joined = adult + timedelta(days=rng.randrange(max(1, (today - adult).days + 1)))
    return born, min(joined, today)


def _declare_enough(session: Session, declared: dict[int, int], members: list[MemberInput]) -> None:
    """A unit never declares fewer members than have reported through it (a rate over 100 %
    cannot be true): the demo raises such a unit's declared count."""
    assigned: dict[int, int] = {}
    for member in members:
        if member.unit_id is not None:
            assigned[member.unit_id] = assigned.get(member.unit_id, 0) + 1
    stmt = (
        select(Member.unit_id, func.count())
        .join(CheckIn, CheckIn.id == Member.latest_checkin_id)
        .where(CheckIn.status == CheckinStatus.ACTIVE, Member.unit_id.in_(list(assigned)))
        .group_by(Member.unit_id)
    )
    reported = {int(uid): int(n) for uid, n in session.execute(stmt) if uid is not None}
    raised = [
        {"id": uid, "declared_members": n}
        for uid, n in reported.items()
        if n > declared.get(uid, 0)
    ]
    if raised:
        update_records(session, Unit, raised)


def _grids(session: Session, origin: str, rng: random.Random) -> list[int]:
    stmt = select(Grid.id).where(Grid.origin == origin, Grid.deleted_at.is_(None))
    existing = list(session.scalars(stmt))
    if existing:
        return existing
    return [
        add_grid_in(
            session,
            name,
            origin=origin,
            area=f"{DEMO_ESTATES[i % len(DEMO_ESTATES)]}及周边",
            leader=demo_name(rng),
            phone=f"15{rng.randrange(0, 10**9):09d}",
        ).id
        for i, name in enumerate(DEMO_GRIDS)
    ]


def _member(
    rng: random.Random, id_number: str, gender: str, born: date, joined: date, unit_id: int
) -> MemberInput:
    return MemberInput(
        name=demo_name(rng),
        id_number=id_number,
        gender=gender,
        birth_date=born,
        political_status="预备党员" if rng.random() < 0.05 else "正式党员",
        joined_party_on=joined,
        mobile=f"1{rng.choice('3456789')}{rng.randrange(0, 10**9):09d}",
        unit_id=unit_id,
        post_title=rng.choice(("", "科员", "主任", "教师", "医生", "工程师")),
        estate=rng.choice(DEMO_ESTATES),
        building=str(rng.randrange(1, 20)),
        entrance=str(rng.randrange(1, 4)),
        room=f"{rng.randrange(1, 30)}0{rng.randrange(1, 5)}",
        specialties=tuple(rng.sample(SPECIALTIES, rng.randrange(0, 3))),
        available_times=tuple(rng.sample(AVAILABLE_TIMES, rng.randrange(1, 3))),
    )


def fill_checkin_demo(
    session: Session, options: DemoOptions, rng: random.Random, *, today: date | None = None
) -> dict[str, int]:
    """Units and grids (unless this site has some), then ``members`` members checked in over the
    last three years, about 6 % of them moved out since."""
    today = today or date.today()
    origin = site_origin(session)
    declared = _units(session, origin, rng, today)
    unit_ids = list(declared)
    weights = [max(1, declared[u]) for u in unit_ids]  # bigger units send more members
    grid_ids = _grids(session, origin, rng)
    posts = list(session.scalars(select(ServicePost.name).where(ServicePost.active)))
    taken = set(session.scalars(select(Member.id_number).where(Member.origin == origin)))
    members: list[MemberInput] = []
    arrivals: list[CheckInInput] = []
    moves: list[tuple[date, str] | None] = []
    for _ in range(options.count("members")):
        gender = rng.choice(("男", "女"))
        born, joined = _dates(rng, today)
        id_number = demo_id_number(rng, gender, born)
        while id_number in taken:
            id_number = demo_id_number(rng, gender, born)
        taken.add(id_number)
        unit_id = rng.choices(unit_ids, weights)[0]
        members.append(_member(rng, id_number, gender, born, joined, unit_id))
        on = today - timedelta(days=rng.randrange(0, 365 * 3))
        arrivals.append(
            CheckInInput(
                checked_in_on=on,
                grid_id=rng.choice(grid_ids),
                posts=tuple(rng.sample(posts, min(len(posts), rng.randrange(1, 3)))),
                channel=rng.choice(("线下", "线下", "线上", "随单位集中")),
            )
        )
        moved = rng.random() < 0.06
        later = min(on + timedelta(days=rng.randrange(1, 200)), today)
        moves.append((later, "搬离本社区") if moved else None)
    if members:
        ids = insert_members(session, members, origin=origin)
        created = create_checkins(
            session,
            [
                Arrival(member_id, data.name, arrival)
                for member_id, data, arrival in zip(ids, members, arrivals, strict=True)
            ],
            origin=origin,
        )
        moved_out = [
            {
                "id": item.checkin_id,
                "status": CheckinStatus.MOVED_OUT.value,
                "moved_out_on": move[0],
                "moved_out_reason": move[1],
            }
            for item, move in zip(created, moves, strict=True)
            if move is not None
        ]
        update_records(session, CheckIn, moved_out)
        _declare_enough(session, declared, members)
        record_event(session, "create", table="member", summary=f"演示数据：{len(members)} 名党员")
    return {"unit": len(unit_ids), "grid": len(grid_ids), "member": len(members)}
