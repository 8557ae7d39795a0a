"""Records of another community (another ``origin``) in the same database, as a street
database holds them after merging; the services of this site must neither find nor clash
with them."""

from __future__ import annotations

from datetime import date

from djdesk.actor import Actor
from djdesk.db.models.checkin import CheckIn, Grid, Member, Unit
from djdesk.db.session import Database

#: The neighbouring community's code (this site is tests.conftest.SAMPLE_SITE, …012).
OTHER = "511502003013"


def add_foreign_member(db: Database, id_number: str, name: str = "外社区") -> int:
    """A member of the other community with a 在册 check-in; returns the member id."""
    with db.unit_of_work(Actor.system()) as session:
        member = Member(
            origin=OTHER,
            name=name,
            id_number=id_number,
            id_reversed=id_number[::-1],
            mobile="13800000000",
        )
        session.add(member)
        session.flush()
        session.add(
            CheckIn(
                origin=OTHER,
                member_id=member.id,
                serial="外社区报〔2026〕第001号",
                checked_in_on=date(2026, 1, 5),
            )
        )
        return member.id


def add_foreign_unit(db: Database, name: str, uscc: str = "") -> int:
    with db.unit_of_work(Actor.system()) as session:
        unit = Unit(origin=OTHER, name=name, category=4, uscc=uscc)
        session.add(unit)
        session.flush()
        return unit.id


def add_foreign_grid(db: Database, name: str) -> int:
    with db.unit_of_work(Actor.system()) as session:
        grid = Grid(origin=OTHER, name=name)
        session.add(grid)
        session.flush()
        return grid.id
