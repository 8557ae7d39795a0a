"""What a roster import needs to know of the registered data: units, grids, posts and the
members the sheet names (as plain values; a plan holds no ORM objects).

Units, grids and members are looked up among this site's records only (``origin``): natural
keys are unique per origin, and another community's records are not ours to update.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.db.models.checkin import CheckIn, Grid, Member, ServicePost, Unit
from djdesk.formats.checkin.roster_columns import text_of
from djdesk.services.checkin.member_rules import MemberInput, split_list
from djdesk.services.checkin.types import CheckinStatus, UnitStatus
from djdesk.services.checkin.units import UNIT_CATEGORIES

_CIRCLED = "①②③④⑤⑥⑦⑧⑨"
MEMBER_FIELDS = tuple(f.name for f in fields(MemberInput))


@dataclass(frozen=True)
class Existing:
    """A registered member, as plain values (the plan holds no ORM objects)."""

    member_id: int
    uid: str
    version: int
    deleted: bool
    data: MemberInput
    latest_checkin_id: int | None
    active: tuple[int, int | None, str, int] | None  # check-in id, grid id, posts, version

    @property
    def has_checkins(self) -> bool:
        return self.latest_checkin_id is not None


@dataclass(frozen=True)
class Lookups:
    units: dict[str, int]  # 在册 units by name
    grids: dict[str, int]  # grids in use by name
    inactive_grids: frozenset[str]  # names of grids that exist but are not in use
    posts: frozenset[str]  # service posts in use


def load_lookups(session: Session, origin: str) -> Lookups:
    """This site's units, grids and the service posts, by name."""
    units = session.execute(
        select(Unit.name, Unit.id).where(
            Unit.origin == origin, Unit.status == UnitStatus.ACTIVE, Unit.deleted_at.is_(None)
        )
    )
    grids = session.execute(
        select(Grid.name, Grid.id, Grid.active).where(
            Grid.origin == origin, Grid.deleted_at.is_(None)
        )
    )
    active: dict[str, int] = {}
    inactive: set[str] = set()
    for name, gid, in_use in grids:
        if in_use:
            active[text_of(name)] = gid
        else:
            inactive.add(text_of(name))
    posts = session.scalars(select(ServicePost.name).where(ServicePost.active))
    return Lookups(
        {text_of(name): uid for name, uid in units},
        active,
        frozenset(inactive - set(active)),
        frozenset(posts),
    )


def _member_data(row: Any) -> MemberInput:
    values = {name: getattr(row, name) for name in MEMBER_FIELDS}
    values["specialties"] = split_list(values["specialties"] or "")
    values["available_times"] = split_list(values["available_times"] or "")
    return MemberInput(**values)


def load_existing(session: Session, id_numbers: list[str], origin: str) -> dict[str, Existing]:
    """This site's members among ``id_numbers`` (deleted ones too), with their 在册 check-in."""
    columns = [getattr(Member, name) for name in MEMBER_FIELDS]
    found: dict[str, Existing] = {}
    for start in range(0, len(id_numbers), 500):
        chunk = id_numbers[start : start + 500]
        stmt = select(
            Member.id,
            Member.uid,
            Member.version,
            Member.deleted_at,
            Member.latest_checkin_id,
            *columns,
        ).where(Member.origin == origin, Member.id_number.in_(chunk))
        rows = list(session.execute(stmt))
        active_stmt = select(
            CheckIn.member_id, CheckIn.id, CheckIn.grid_id, CheckIn.posts, CheckIn.version
        ).where(
            CheckIn.member_id.in_([r.id for r in rows]),
            CheckIn.status == CheckinStatus.ACTIVE,
            CheckIn.deleted_at.is_(None),
        )
        active = {
            r.member_id: (r.id, r.grid_id, r.posts, r.version) for r in session.execute(active_stmt)
        }
        for r in rows:
            found[r.id_number] = Existing(
                r.id,
                r.uid,
                r.version,
                r.deleted_at is not None,
                _member_data(r),
                r.latest_checkin_id,
                active.get(r.id),
            )
    return found


def unit_category(text: str) -> int | None:
    """①–⑨, 1–9 or a category name (国有企业 …) → its code."""
    text = text.replace(" ", "")
    if not text:
        return None
    if text[0] in _CIRCLED:
        return _CIRCLED.index(text[0]) + 1
    if text[0].isdigit() and text[0] != "0":
        return int(text[0])
    return next((code for code, label in UNIT_CATEGORIES.items() if label in text), None)
