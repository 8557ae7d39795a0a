"""Finding and listing members: as-you-type search, the member card, the paged list, reveal.

Search runs indexed prefix ranges (no ``LIKE '%…'`` scans over members): name prefix for
Chinese, pinyin and initials for Latin letters, and for digits the mobile's start and the tails
of the mobile and the ID number (through their reversed columns). The register's text filter
also finds the members of units whose name contains the Chinese typed (units are few). Lists
and exports show ID numbers and phones masked; an administrator may reveal one ID number, which
is audited.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from djdesk.actor import ADMINS, Actor
from djdesk.db.audit import record_event
from djdesk.db.models.checkin import CheckIn, Grid, Member, Unit
from djdesk.db.session import Database
from djdesk.errors import NotFoundError
from djdesk.services.checkin.member_rules import MemberInput, clean_text, split_list
from djdesk.services.checkin.types import CheckinStatus, MemberStatus
from djdesk.services.ordering import natural_rank
from djdesk.validation.masking import mask_id_number, mask_phone

_TOP = "\U0010ffff"


def _prefix(column: Any, text: str) -> Any:
    return and_(column >= text, column < text + _TOP)


@dataclass(frozen=True)
class MemberHit:
    member_id: int
    name: str
    gender: str
    unit_name: str
    mobile_masked: str
    id_masked: str
    status: str  # 在册 / 迁出 / 未报到
    checked_in_on: date | None
    sort_key: str = ""  # the name's pinyin: hits are shown in 拼音 order


def _latest() -> Any:
    return aliased(CheckIn, name="latest")


def _match_columns(query: str) -> list[tuple[Any, str]]:
    """(indexed column, prefix) pairs to search for what was typed."""
    if re.fullmatch(r"\d+[Xx]?", query):
        if len(query) < 4:
            return []
        pairs = [(Member.id_reversed, query.upper()[::-1])]
        if query.isdigit() and len(query) <= 11:
            pairs.append((Member.mobile_reversed, query[::-1]))  # the tail (尾号)
            if query.startswith("1"):
                pairs.append((Member.mobile, query))  # the start of the number
        return pairs
    if re.fullmatch(r"[A-Za-z]+", query):
        lowered = query.lower()
        return [(Member.name_initials, lowered), (Member.name_pinyin, lowered)]
    return [(Member.name, query)]


def search_members(db: Database, text: str, *, limit: int = 20) -> list[MemberHit]:
    """Members matching what the clerk typed so far (any name character, letters, 4+ digits).

    Each kind of match is its own query walking one index in order and stopping after
    ``limit`` rows, so a one-letter query over 100k members stays as fast as a long one.
    """
    query = clean_text(text).replace(" ", "")
    pairs = _match_columns(query) if query else []
    if not pairs:
        return []
    latest = _latest()
    found: dict[int, MemberHit] = {}
    with db.reading() as session:
        for column, prefix in pairs:
            stmt = (
                select(
                    Member.id,
                    Member.name,
                    Member.name_pinyin,
                    Member.gender,
                    Unit.name,
                    Member.mobile,
                    Member.id_number,
                    latest.status,
                    latest.checked_in_on,
                )
                .outerjoin(Unit, Unit.id == Member.unit_id)
                .outerjoin(latest, latest.id == Member.latest_checkin_id)
                .where(Member.deleted_at.is_(None), _prefix(column, prefix))
                .order_by(column, Member.id)
                .limit(limit)
            )
            for mid, name, spelled, gender, unit, mobile, idn, status, on in session.execute(stmt):
                found.setdefault(
                    mid,
                    MemberHit(
                        mid,
                        name,
                        gender,
                        unit or "",
                        mask_phone(mobile) if mobile else "",
                        mask_id_number(idn),
                        status or MemberStatus.NOT_CHECKED_IN,
                        on,
                        spelled,
                    ),
                )
    return sorted(found.values(), key=lambda h: (h.sort_key, h.member_id))[:limit]


@dataclass(frozen=True)
class CheckInRecord:
    id: int
    serial: str
    checked_in_on: date
    status: str
    grid_id: int | None
    grid_name: str
    posts: tuple[str, ...]
    channel: str
    received_by: str
    moved_out_on: date | None
    moved_out_reason: str


@dataclass(frozen=True)
class MemberCard:
    id: int
    uid: str
    data: MemberInput  # ID number and phones as stored; views mask them
    unit_name: str
    unit_category: int | None
    status: str
    history: tuple[CheckInRecord, ...]  # newest first

    @property
    def current(self) -> CheckInRecord | None:
        return next((c for c in self.history if c.status == CheckinStatus.ACTIVE), None)

    @property
    def id_masked(self) -> str:
        return mask_id_number(self.data.id_number)

    @property
    def address(self) -> str:
        d = self.data
        parts = [
            d.estate,
            f"{d.building}栋" if d.building else "",
            f"{d.entrance}单元" if d.entrance else "",
            f"{d.room}室" if d.room else "",
        ]
        return "".join(p for p in parts if p)


def _member_input(row: Member) -> MemberInput:
    return MemberInput(
        name=row.name,
        id_number=row.id_number,
        gender=row.gender,
        ethnicity=row.ethnicity,
        birth_date=row.birth_date,
        political_status=row.political_status,
        joined_party_on=row.joined_party_on,
        mobile=row.mobile,
        landline=row.landline,
        unit_id=row.unit_id,
        branch=row.branch,
        post_title=row.post_title,
        estate=row.estate,
        building=row.building,
        entrance=row.entrance,
        room=row.room,
        specialties=split_list(row.specialties),
        available_times=split_list(row.available_times),
        remarks=row.remarks,
    )


def get_member_card(db: Database, member_id: int) -> MemberCard:
    with db.reading() as session:
        row = session.get(Member, member_id)
        if row is None or row.deleted_at is not None:
            raise NotFoundError("找不到该党员。")
        stmt = (
            select(CheckIn)
            .where(CheckIn.member_id == member_id, CheckIn.deleted_at.is_(None))
            .order_by(CheckIn.checked_in_on.desc(), CheckIn.id.desc())
        )
        history = tuple(
            CheckInRecord(
                c.id,
                c.serial,
                c.checked_in_on,
                c.status,
                c.grid_id,
                c.grid.name if c.grid else "",
                split_list(c.posts),
                c.channel,
                c.received_by,
                c.moved_out_on,
                c.moved_out_reason,
            )
            for c in session.scalars(stmt)
        )
        status = next((c.status for c in history if c.status == CheckinStatus.ACTIVE), None)
        status = status or (history[0].status if history else MemberStatus.NOT_CHECKED_IN)
        return MemberCard(
            row.id,
            row.uid,
            _member_input(row),
            row.unit.name if row.unit else "",
            row.unit.category if row.unit else None,
            status,
            history,
        )


def reveal_id_number(db: Database, member_id: int, *, actor: Actor) -> str:
    """The full ID number, for an administrator who asked for it; the look is audited."""
    with db.unit_of_work(actor, roles=ADMINS, what="查看完整证件号") as session:
        row = session.get(Member, member_id)
        if row is None:
            raise NotFoundError("找不到该党员。")
        record_event(
            session, "reveal", table="member", uid=row.uid, summary=f"查看 {row.name} 的完整证件号"
        )
        return row.id_number


# --- the paged list -------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberFilter:
    unit_id: int | None = None
    grid_id: int | None = None
    post: str = ""
    status: str = ""  # "" = all, 在册, 迁出, 未报到
    year: int | None = None  # check-in year
    text: str = ""


SORT_KEYS = ("name", "unit", "grid", "checked_in_on", "status")


@dataclass(frozen=True)
class MemberRow:
    member_id: int
    name: str
    gender: str
    id_masked: str
    mobile_masked: str
    unit_name: str
    branch: str
    grid_name: str
    posts: str
    checked_in_on: date | None
    status: str
    serial: str


def _list_query(
    flt: MemberFilter, columns: Callable[[Any], list[Any]], *, for_rows: bool
) -> tuple[Select[Any], Any]:
    """The filtered member query; joins only what the filters (or the shown columns) need."""
    latest = _latest()
    stmt = select(*columns(latest)).select_from(Member).where(Member.deleted_at.is_(None))
    needs_latest = for_rows or flt.grid_id is not None or bool(flt.post or flt.year or flt.status)
    if needs_latest:
        stmt = stmt.outerjoin(latest, latest.id == Member.latest_checkin_id)
    if for_rows:
        stmt = stmt.outerjoin(Unit, Unit.id == Member.unit_id)
        stmt = stmt.outerjoin(Grid, Grid.id == latest.grid_id)
    if flt.unit_id is not None:
        stmt = stmt.where(Member.unit_id == flt.unit_id)
    if flt.grid_id is not None:
        stmt = stmt.where(latest.grid_id == flt.grid_id)
    if flt.post:
        stmt = stmt.where(latest.posts.contains(flt.post))
    if flt.status == MemberStatus.NOT_CHECKED_IN:
        stmt = stmt.where(Member.latest_checkin_id.is_(None))
    elif flt.status:
        stmt = stmt.where(latest.status == flt.status)
    if flt.year is not None:
        stmt = stmt.where(
            latest.checked_in_on >= date(flt.year, 1, 1),
            latest.checked_in_on < date(flt.year + 1, 1, 1),
        )
    if flt.text.strip():
        query = clean_text(flt.text).replace(" ", "")
        matches = [_prefix(col, prefix) for col, prefix in _match_columns(query)]
        if re.search(r"[\u3400-\u9fff]", query):  # Chinese: the members of units so named too
            units = select(Unit.id).where(Unit.name.contains(query, autoescape=True))
            matches.append(Member.unit_id.in_(units))
        stmt = stmt.where(or_(*matches))
    return stmt, latest


def count_members(db: Database, flt: MemberFilter) -> int:
    stmt, _ = _list_query(flt, lambda latest: [func.count()], for_rows=False)
    with db.reading() as session:
        return int(session.scalar(stmt) or 0)


def _order_column(session: Session, sort: str, latest: Any) -> Any:
    """What the register is ordered by; unit and grid names in natural order (东风二 before
    东风十一), through their rank."""
    if sort == "unit":
        return natural_rank(session, Unit.id, Unit.name, Unit.deleted_at.is_(None))
    if sort == "grid":
        return natural_rank(session, Grid.id, Grid.name, Grid.deleted_at.is_(None))
    if sort == "checked_in_on":
        return latest.checked_in_on
    if sort == "status":
        return latest.status
    return Member.name_pinyin


def member_page(
    db: Database,
    flt: MemberFilter,
    *,
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 100,
) -> list[MemberRow]:
    """One page of the member list; the table model asks for the pages it shows."""

    def columns(latest: Any) -> list[Any]:
        return [
            Member.id,
            Member.name,
            Member.gender,
            Member.id_number,
            Member.mobile,
            Unit.name,
            Member.branch,
            Grid.name,
            latest.posts,
            latest.checked_in_on,
            latest.status,
            latest.serial,
        ]

    stmt, latest = _list_query(flt, columns, for_rows=True)
    sort = sort if sort in SORT_KEYS else "name"
    with db.reading() as session:
        order = _order_column(session, sort, latest)
        stmt = stmt.order_by(order.desc() if descending else order, Member.id)
        stmt = stmt.offset(offset).limit(limit)
        rows = session.execute(stmt).all()
        return [
            MemberRow(
                mid,
                name,
                gender,
                mask_id_number(idn),
                mask_phone(mob) if mob else "",
                unit or "",
                branch,
                grid or "",
                posts or "",
                on,
                status or MemberStatus.NOT_CHECKED_IN,
                serial or "",
            )
            for (mid, name, gender, idn, mob, unit, branch, grid, posts, on, status, serial) in rows
        ]
