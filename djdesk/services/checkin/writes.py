"""The one write path of members and check-ins, shared by the counter, the roster import and
the demo filler.

:func:`member_values` turns validated :class:`MemberInput` into a member row's column values
(with the derived search columns); the counter applies them to an ORM row
(:func:`apply_member`, audited by the flush hook), the import and the demo insert or update them
in bulk (:func:`insert_members`, :func:`update_members`). :func:`create_checkins` is the only
place a check-in is created: it numbers the 报到回执 (one block of serials per year), inserts the
check-ins and points each member at its newest one. Sync columns are stamped by
:mod:`djdesk.db.base` in every case; ids come from the database (``INSERT … RETURNING``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from djdesk.db.audit import record_event
from djdesk.db.base import insert_records, update_records
from djdesk.db.models.checkin import CheckIn, Member
from djdesk.services.checkin.member_rules import MemberInput, clean_text, join_list
from djdesk.services.checkin.types import CheckinStatus
from djdesk.services.serials import allocate_serials
from djdesk.validation.pinyin import name_pinyin

RECEIPT_KIND = "checkin-receipt"
MEMBER_TABLE = Member.metadata.tables["member"]


@dataclass(frozen=True)
class CheckInInput:
    """One arrival as the counter form or a roster row gives it."""

    checked_in_on: date
    grid_id: int | None = None
    posts: tuple[str, ...] = ()
    channel: str = "线下"
    received_by: str = ""


@dataclass(frozen=True)
class Arrival:
    """A check-in to create for a member row that exists (``subject`` names it on the serial)."""

    member_id: int
    subject: str
    checkin: CheckInInput


@dataclass(frozen=True)
class CreatedCheckIn:
    member_id: int
    checkin_id: int
    serial: str
    uid: str


def member_values(data: MemberInput) -> dict[str, Any]:
    """Column values of a member row from validated data, with pinyin, initials and the
    reversed ID number and mobile the search walks (tails are prefixes of those)."""
    values: dict[str, Any] = {}
    for f in fields(MemberInput):
        value = getattr(data, f.name)
        values[f.name] = join_list(value) if isinstance(value, tuple) else value
    spelled = name_pinyin(data.name)
    values["name_pinyin"] = spelled.full
    values["name_initials"] = spelled.initials
    values["id_reversed"] = data.id_number[::-1]
    values["mobile_reversed"] = data.mobile[::-1]
    return values


def apply_member(row: Member, data: MemberInput) -> None:
    """Copy validated data onto an ORM member row (the counter's single-record path)."""
    for key, value in member_values(data).items():
        setattr(row, key, value)


def insert_members(session: Session, items: Sequence[MemberInput], *, origin: str) -> list[int]:
    """New member rows for validated data, in bulk; their ids in the order of ``items``."""
    rows = [{**member_values(data), "latest_checkin_id": None} for data in items]
    return [member_id for member_id, _uid in insert_records(session, Member, rows, origin=origin)]


def update_members(session: Session, items: Sequence[tuple[int, MemberInput]]) -> None:
    """Registered members get new data in bulk (a deleted one is restored); versions go up."""
    rows = [
        {"id": member_id, **member_values(data), "deleted_at": None} for member_id, data in items
    ]
    update_records(session, Member, rows)


def move_assignments(
    session: Session, moves: Sequence[tuple[int, int | None, tuple[str, ...]]]
) -> None:
    """New grid and posts for active check-ins, in bulk: (check-in id, grid id, posts)."""
    rows = [{"id": cid, "grid_id": grid, "posts": join_list(posts)} for cid, grid, posts in moves]
    update_records(session, CheckIn, rows)


def _checkin_values(arrival: Arrival, serial: str) -> dict[str, Any]:
    data = arrival.checkin
    return {
        "member_id": arrival.member_id,
        "serial": serial,
        "checked_in_on": data.checked_in_on,
        "status": CheckinStatus.ACTIVE.value,
        "grid_id": data.grid_id,
        "posts": join_list(data.posts),
        "channel": data.channel,
        "received_by": clean_text(data.received_by),
        "moved_out_on": None,
        "moved_out_reason": "",
    }


def _audit_created(session: Session, created: CreatedCheckIn, values: dict[str, Any]) -> None:
    shown = {
        key: [None, value.isoformat() if isinstance(value, date) else value]
        for key, value in values.items()
        if value not in (None, "")
    }
    record_event(session, "create", table="checkin", uid=created.uid, details=shown)


def create_checkins(
    session: Session, arrivals: Sequence[Arrival], *, origin: str, audit_each: bool = False
) -> list[CreatedCheckIn]:
    """Create a 在册 check-in per arrival, numbered in the order given (a block per year).

    Each member's ``latest_checkin_id`` then points at its new check-in; that column is a local
    denormalisation (it never travels), so it does not bump the member's version.
    ``audit_each`` writes a ``create`` audit entry per check-in (the counter); a bulk caller
    writes its own summary instead. Returns the new check-ins in the order of ``arrivals``.
    """
    serials: list[str] = [""] * len(arrivals)
    by_year: dict[int, list[int]] = {}
    for index, arrival in enumerate(arrivals):
        by_year.setdefault(arrival.checkin.checked_in_on.year, []).append(index)
    for year, indexes in sorted(by_year.items()):
        subjects = [arrivals[i].subject for i in indexes]
        block = allocate_serials(session, RECEIPT_KIND, year=year, subjects=subjects)
        for index, serial in zip(indexes, block, strict=True):
            serials[index] = serial.text
    rows = [_checkin_values(a, s) for a, s in zip(arrivals, serials, strict=True)]
    inserted = insert_records(session, CheckIn, rows, origin=origin)
    if not inserted:
        return []
    created = [
        CreatedCheckIn(a.member_id, checkin_id, serial, uid)
        for a, (checkin_id, uid), serial in zip(arrivals, inserted, serials, strict=True)
    ]
    latest = {c.member_id: c.checkin_id for c in created}
    session.execute(
        update(MEMBER_TABLE)
        .where(MEMBER_TABLE.c.id == bindparam("member_key"))
        .values(latest_checkin_id=bindparam("checkin_key")),
        [{"member_key": m, "checkin_key": c} for m, c in latest.items()],
    )
    if audit_each:
        for item, values in zip(created, rows, strict=True):
            _audit_created(session, item, values)
    return created
