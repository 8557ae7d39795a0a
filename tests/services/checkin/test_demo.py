"""The check-in area's demo filler writes through the area's own write functions: every demo
row is stamped, numbered and indexed like a real one."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import func, select

from djdesk.actor import Actor
from djdesk.db.models.checkin import CheckIn, Grid, Member, Unit
from djdesk.db.models.serials import IssuedSerial
from djdesk.db.session import Database
from djdesk.services.areas import DemoOptions
from djdesk.services.checkin.demo import fill_checkin_demo
from djdesk.services.checkin.member_rules import (
    MemberInput,
    joined_party_problem,
    validate_member,
)
from djdesk.services.checkin.members import search_members
from djdesk.services.site.identity import SiteInfo

TODAY = date(2026, 11, 23)


def _fill(db: Database, members: int, seed: int) -> dict[str, int]:
    with db.unit_of_work(Actor.system(), what="演示数据") as session:
        options = DemoOptions(seed=seed, counts={"members": members})
        return fill_checkin_demo(session, options, random.Random(seed), today=TODAY)


def test_demo_rows_are_written_like_real_ones(db: Database, site: SiteInfo) -> None:
    assert _fill(db, 60, 1) == {"unit": 18, "grid": 8, "member": 60}
    with db.reading() as session:
        members = list(session.scalars(select(Member)))
        checkins = {c.member_id: c for c in session.scalars(select(CheckIn))}
        serials = set(session.scalars(select(IssuedSerial.serial)))
        for model in (Unit, Grid):
            assert {r.origin for r in session.scalars(select(model))} == {site.code}
    for m in members:
        c = checkins[m.id]
        assert m.latest_checkin_id == c.id and m.origin == c.origin == site.code
        assert m.uid and m.version == 1 and m.name_initials and m.id_reversed == m.id_number[::-1]
        assert c.serial in serials and c.checked_in_on <= TODAY
        if c.status == "迁出":
            assert c.version == 2 and c.checked_in_on <= c.moved_out_on <= TODAY  # type: ignore[operator]
        else:
            assert (c.version, c.moved_out_on) == (1, None)
    some = members[0]
    assert some.id in {h.member_id for h in search_members(db, some.name_initials)}


def test_more_demo_members_join_the_same_registries(db: Database, site: SiteInfo) -> None:
    _fill(db, 20, 1)
    assert _fill(db, 20, 2) == {"unit": 18, "grid": 8, "member": 20}
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Unit)) == 18
        distinct = select(func.count(func.distinct(Member.id_number)))
        assert session.scalar(distinct) == 40
        serials = session.scalars(select(IssuedSerial.serial)).all()
    assert len(serials) == len(set(serials)) == 40


def test_demo_data_could_be_true(db: Database, site: SiteInfo) -> None:
    """No impossible dates (入党 before 18 or in the future) and no 报到率 over 100 %: every demo
    member passes the same validation as the counter's form."""
    _fill(db, 400, 7)
    with db.reading() as session:
        rows = list(session.scalars(select(Member)))
        units = list(session.scalars(select(Unit)))
        reported = dict(
            session.execute(
                select(Member.unit_id, func.count())
                .join(CheckIn, CheckIn.id == Member.latest_checkin_id)
                .where(CheckIn.status == "在册")
                .group_by(Member.unit_id)
            ).all()
        )
    for m in rows:
        assert m.birth_date is not None and m.joined_party_on is not None
        assert m.joined_party_on <= TODAY
        assert joined_party_problem(m.joined_party_on, m.birth_date, today=TODAY) is None
        data = MemberInput(
            name=m.name,
            id_number=m.id_number,
            birth_date=m.birth_date,
            joined_party_on=m.joined_party_on,
            mobile=m.mobile,
            unit_id=m.unit_id,
        )
        validate_member(data, today=TODAY)
        assert m.mobile_reversed == m.mobile[::-1]
    for unit in units:
        assert unit.reported_on is None or unit.reported_on <= TODAY
        assert unit.declared_members >= reported.get(unit.id, 0), unit.name
