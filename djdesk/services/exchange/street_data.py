"""Figures across communities for a street (or district): the merged records, by origin.

Each report reads every community's records the database holds (and the site's own), names
each origin by its registered name, and can be limited to one community (``community``: its
code). 报到 by community and unit, cases by catalogue and community, the 清单外事项 list,
room use by community and room, and one ID number 在册 at two or more communities.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import Session

from djdesk.db.models.cases import ServiceCase
from djdesk.db.models.checkin import CheckIn, Member, Unit
from djdesk.db.models.exchange import ExchangePartner
from djdesk.db.models.rooms import Booking, Room
from djdesk.db.session import Database
from djdesk.services.origin import load_site
from djdesk.validation.masking import mask_id_number

ACTIVE, MOVED_OUT = "在册", "迁出"
OUTSIDE = "清单外事项"
HOLDING = ("已批准", "已使用")
NO_SHOW = "爽约"
CASE_RESULTS = ("办结", "转办", "不予办理")


@dataclass(frozen=True)
class Community:
    code: str
    name: str


@dataclass(frozen=True)
class CheckinsByUnit:
    community: str
    unit: str
    active: int
    moved_out: int
    members: int


@dataclass(frozen=True)
class CasesByCatalog:
    community: str
    catalog: str
    cases: int
    done: int
    transferred: int
    refused: int
    minutes: int


@dataclass(frozen=True)
class OutsideCase:
    community: str
    handled_on: date
    item_name: str
    requesting_department: str
    request_reason: str
    handler: str
    result: str


@dataclass(frozen=True)
class RoomUse:
    community: str
    room: str
    bookings: int
    hours: float
    attendees: int
    no_shows: int


@dataclass(frozen=True)
class DuplicateCheckin:
    id_number: str  # masked
    name: str
    communities: tuple[str, ...]
    dates: tuple[date, ...]


def communities(db: Database) -> list[Community]:
    """Every origin these reports may show: this site first, then the registered sites."""
    with db.reading() as session:
        return _communities(session)


def _communities(session: Session) -> list[Community]:
    found: list[Community] = []
    site = load_site(session)
    if site is not None:
        found.append(Community(site.code, site.short_name or site.name))
    rows = session.execute(
        select(ExchangePartner.code, ExchangePartner.name)
        .where(ExchangePartner.relation.in_(("下级", "转报")))
        .order_by(ExchangePartner.code)
    )
    found.extend(Community(code, name) for code, name in rows)
    return found


def _names(session: Session) -> dict[str, str]:
    return {c.code: c.name for c in _communities(session)}


def _limit(stmt: Any, column: Any, community: str | None) -> Any:
    return stmt if not community else stmt.where(column == community)


def _period(stmt: Any, column: Any, first: date | None, last: date | None) -> Any:
    if first is not None:
        stmt = stmt.where(column >= first)
    if last is not None:
        stmt = stmt.where(column <= last)
    return stmt


def checkins_by_unit(db: Database, *, community: str | None = None) -> list[CheckinsByUnit]:
    unit_name = func.coalesce(Unit.name, "（未填单位）")
    stmt = (
        select(
            Member.origin,
            unit_name,
            func.sum(case((CheckIn.status == ACTIVE, 1), else_=0)),
            func.sum(case((CheckIn.status == MOVED_OUT, 1), else_=0)),
            func.count(distinct(Member.id)),
        )
        .select_from(CheckIn)
        .join(Member, Member.id == CheckIn.member_id)
        .outerjoin(Unit, Unit.id == Member.unit_id)
        .where(CheckIn.deleted_at.is_(None), Member.deleted_at.is_(None))
        .group_by(Member.origin, unit_name)
        .order_by(Member.origin, unit_name)
    )
    with db.reading() as session:
        names = _names(session)
        rows = session.execute(_limit(stmt, Member.origin, community))
        return [
            CheckinsByUnit(names.get(o, o), u, int(a or 0), int(m or 0), int(n))
            for o, u, a, m, n in rows
        ]


def cases_by_catalog(
    db: Database,
    *,
    community: str | None = None,
    first: date | None = None,
    last: date | None = None,
) -> list[CasesByCatalog]:
    counts = [func.sum(case((ServiceCase.result == r, 1), else_=0)) for r in CASE_RESULTS]
    stmt = (
        select(
            ServiceCase.origin,
            ServiceCase.catalog,
            func.count(),
            *counts,
            func.sum(ServiceCase.minutes_spent),
        )
        .where(ServiceCase.deleted_at.is_(None))
        .group_by(ServiceCase.origin, ServiceCase.catalog)
        .order_by(ServiceCase.origin, ServiceCase.catalog)
    )
    stmt = _period(_limit(stmt, ServiceCase.origin, community), ServiceCase.handled_on, first, last)
    with db.reading() as session:
        names = _names(session)
        return [
            CasesByCatalog(
                names.get(o, o), c, int(n), int(d or 0), int(t or 0), int(r or 0), int(m or 0)
            )
            for o, c, n, d, t, r, m in session.execute(stmt)
        ]


def outside_cases(
    db: Database,
    *,
    community: str | None = None,
    first: date | None = None,
    last: date | None = None,
) -> list[OutsideCase]:
    stmt = (
        select(
            ServiceCase.origin,
            ServiceCase.handled_on,
            ServiceCase.item_name,
            ServiceCase.requesting_department,
            ServiceCase.request_reason,
            ServiceCase.handler,
            ServiceCase.result,
        )
        .where(ServiceCase.catalog == OUTSIDE, ServiceCase.deleted_at.is_(None))
        .order_by(ServiceCase.origin, ServiceCase.handled_on, ServiceCase.id)
    )
    stmt = _period(_limit(stmt, ServiceCase.origin, community), ServiceCase.handled_on, first, last)
    with db.reading() as session:
        names = _names(session)
        return [OutsideCase(names.get(row[0], row[0]), *row[1:]) for row in session.execute(stmt)]


def room_use(
    db: Database,
    *,
    community: str | None = None,
    first: date | None = None,
    last: date | None = None,
) -> list[RoomUse]:
    holding = Booking.status.in_(HOLDING)
    minutes = Booking.end_minute - Booking.start_minute
    stmt = (
        select(
            Booking.origin,
            Room.name,
            func.sum(case((holding, 1), else_=0)),
            func.sum(case((holding, minutes), else_=0)),
            func.sum(
                case((holding, func.coalesce(Booking.actual_attendees, Booking.attendees)), else_=0)
            ),
            func.sum(case((Booking.status == NO_SHOW, 1), else_=0)),
        )
        .join(Room, Room.id == Booking.room_id)
        .where(Booking.deleted_at.is_(None))
        .group_by(Booking.origin, Room.name)
        .order_by(Booking.origin, Room.name)
    )
    stmt = _period(_limit(stmt, Booking.origin, community), Booking.day, first, last)
    with db.reading() as session:
        names = _names(session)
        return [
            RoomUse(
                names.get(o, o),
                room,
                int(b or 0),
                round(int(m or 0) / 60, 1),
                int(a or 0),
                int(x or 0),
            )
            for o, room, b, m, a, x in session.execute(stmt)
        ]


def duplicate_checkins(db: Database, *, community: str | None = None) -> list[DuplicateCheckin]:
    """One ID number 在册 at two or more communities (a person counted twice)."""
    active = (
        select(Member.id_number, Member.origin, Member.name, CheckIn.checked_in_on)
        .join(CheckIn, CheckIn.member_id == Member.id)
        .where(
            CheckIn.status == ACTIVE,
            CheckIn.deleted_at.is_(None),
            Member.deleted_at.is_(None),
            Member.id_number != "",
        )
    )
    shared = (
        active.with_only_columns(Member.id_number)
        .group_by(Member.id_number)
        .having(func.count(distinct(Member.origin)) > 1)
    )
    stmt = active.where(Member.id_number.in_(shared)).order_by(Member.id_number, Member.origin)
    with db.reading() as session:
        names = _names(session)
        grouped: dict[str, list[tuple[str, str, date]]] = {}
        for id_number, origin, name, on in session.execute(stmt):
            grouped.setdefault(id_number, []).append((origin, name, on))
    out = []
    for id_number, places in grouped.items():
        if community and all(origin != community for origin, _, _ in places):
            continue
        out.append(
            DuplicateCheckin(
                id_number=mask_id_number(id_number),
                name="、".join(dict.fromkeys(name for _, name, _ in places)),
                communities=tuple(names.get(o, o) for o, _, _ in places),
                dates=tuple(on for _, _, on in places),
            )
        )
    return out
