"""Writing a roster import plan inside the caller's unit of work, with bulk statements.

Ten thousand members through the ORM unit of work take far longer than the 5-second budget, so
members and check-ins go in as Core bulk statements that fill the sync columns themselves.
The audit log gets one ``import`` summary naming the file, the sheet and the counts (new
members are listed there by count, not one entry each), and a masked before/after ``update``
entry per changed member. Units are few and go through the ORM (and its audit hook).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.audit import audit_row, record_event
from djdesk.db.base import new_uid, utc_now
from djdesk.db.models import AuditEntry, CheckIn, Member
from djdesk.progress import IMPORT_CANCELLED, CancelledError
from djdesk.services.checkin.checkins import CheckInInput
from djdesk.services.checkin.member_rules import MemberInput, join_list
from djdesk.services.checkin.roster_lookup import Existing
from djdesk.services.checkin.roster_plan import Outcome, Plan, PlannedRow
from djdesk.services.checkin.types import CheckinStatus
from djdesk.services.checkin.units import UnitInput, add_unit_in, validate_unit
from djdesk.services.origin import site_origin
from djdesk.services.serials import allocate_serials
from djdesk.validation.masking import mask_field
from djdesk.validation.pinyin import name_pinyin

SUMMARY_SOURCE = "花名册导入"
MEMBER = Member.metadata.tables["member"]
CHECKIN = CheckIn.metadata.tables["checkin"]
AUDIT = AuditEntry.metadata.tables["audit_log"]


@dataclass(frozen=True)
class Applied:
    created_units: tuple[str, ...]
    new_members: int
    updated_members: int
    checkins: int


def _member_values(data: MemberInput, unit_id: int | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for f in fields(MemberInput):
        value = getattr(data, f.name)
        values[f.name] = join_list(value) if isinstance(value, tuple) else value
    values["unit_id"] = unit_id
    spelled = name_pinyin(data.name)
    values.update(
        name_pinyin=spelled.full, name_initials=spelled.initials, id_reversed=data.id_number[::-1]
    )
    return values


def _shown(name: str, value: Any) -> Any:
    if isinstance(value, tuple):
        value = join_list(value)
    if value is None or isinstance(value, int | float):
        return value
    return mask_field(name, str(value))


def _data(p: PlannedRow) -> MemberInput:
    if p.data is None:
        raise ValueError(f"row {p.result.row} has no validated data")
    return p.data


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise CancelledError(IMPORT_CANCELLED)


def _next_id(session: Session, column: Any) -> int:
    return int(session.scalar(select(func.max(column))) or 0) + 1


def _summary(session: Session, plan: Plan, units: list[str], checkins: int) -> None:
    name = plan.sheet.file.name
    counts = {o.value: sum(1 for p in plan.rows if p.result.outcome is o) for o in Outcome}
    summary = "，".join(f"{label} {count}" for label, count in counts.items())
    record_event(
        session, "import", table="member", uid=name, summary=f"导入花名册“{name}”：{summary}",
        details={"file": name, "sheet": plan.sheet.sheet, **counts, "checkins": checkins,
                 "units_created": units},
    )  # fmt: skip


def apply_plan(
    session: Session, plan: Plan, actor: Actor, *, cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Applied:  # fmt: skip
    """Write every accepted row of ``plan``; the caller's transaction commits or rolls back."""
    todo = [p for p in plan.rows if p.data is not None and p.result.outcome is not Outcome.REJECTED]
    arrivals = [p for p in todo if p.checkin is not None]
    # The summary goes first: its write takes SQLite's write lock, so the ids read below
    # cannot be taken by another writer before this transaction ends.
    _summary(session, plan, list(plan.new_units), len(arrivals))
    origin = site_origin(session)
    now = utc_now()
    connection = session.connection()
    unit_ids = {
        name: add_unit_in(session, validate_unit(UnitInput(name=name, category=category))).id
        for name, category in plan.new_units.items()
        if any(p.new_unit == name for p in todo)
    }

    def unit_of(p: PlannedRow) -> int | None:
        return unit_ids[p.new_unit] if p.new_unit else _data(p).unit_id

    _check(cancelled)
    if progress is not None:
        progress(0, 0, f"正在写入 {len(todo)} 名党员……")
    next_member, next_checkin = _next_id(session, Member.id), _next_id(session, CheckIn.id)
    member_ids: dict[int, int] = {}  # sheet row → member id
    for p in todo:
        if p.existing is not None:
            member_ids[p.result.row] = p.existing.member_id
        else:
            member_ids[p.result.row] = next_member
            next_member += 1
    latest: dict[int, int] = {}  # member id → its new check-in's id
    checkin_rows: list[dict[str, Any]] = []
    by_year: dict[int, list[tuple[PlannedRow, CheckInInput]]] = {}
    for p in arrivals:
        assert p.checkin is not None
        by_year.setdefault(p.checkin.checked_in_on.year, []).append((p, p.checkin))
    for year, group in sorted(by_year.items()):
        names = [_data(p).name for p, _ in group]
        serials = allocate_serials(session, "checkin-receipt", year=year, subjects=names)
        for (p, checkin), serial in zip(group, serials, strict=True):
            member_id = member_ids[p.result.row]
            latest[member_id] = next_checkin
            checkin_rows.append({
                "id": next_checkin, "uid": new_uid(), "origin": origin, "version": 1,
                "updated_at": now, "deleted_at": None, "member_id": member_id,
                "serial": serial.text, "checked_in_on": checkin.checked_in_on,
                "status": CheckinStatus.ACTIVE, "grid_id": checkin.grid_id,
                "posts": join_list(checkin.posts), "channel": checkin.channel,
                "received_by": "", "moved_out_on": None, "moved_out_reason": "",
            })  # fmt: skip
            next_checkin += 1
    _check(cancelled)

    fresh = [p for p in todo if p.existing is None]
    if fresh:
        rows = []
        for p in fresh:
            member_id = member_ids[p.result.row]
            rows.append({**_member_values(_data(p), unit_of(p)), "id": member_id, "uid": new_uid(),
                         "origin": origin, "version": 1, "updated_at": now, "deleted_at": None,
                         "latest_checkin_id": latest.get(member_id)})  # fmt: skip
        connection.execute(insert(MEMBER), rows)
    _check(cancelled)
    known = [(p, p.existing) for p in todo if p.existing is not None]
    if known:
        _update_known(session, actor, known, unit_of, latest, now)
    _check(cancelled)
    if checkin_rows:
        connection.execute(insert(CHECKIN), checkin_rows)
    updated = sum(1 for p, _ in known if p.result.outcome is Outcome.UPDATED)
    return Applied(tuple(unit_ids), len(fresh), updated, len(checkin_rows))


def _update_known(
    session: Session, actor: Actor, known: list[tuple[PlannedRow, Existing]],
    unit_of: Callable[[PlannedRow], int | None], latest: dict[int, int], now: datetime,
) -> None:  # fmt: skip
    """Members already registered: new data (and undelete), masked diffs, grid/post moves."""
    connection = session.connection()
    by_id = update(MEMBER).where(MEMBER.c.id == bindparam("member_id"))
    connection.execute(by_id, [
        {**_member_values(_data(p), unit_of(p)), "member_id": e.member_id,
         "version": e.version + 1, "updated_at": now, "deleted_at": None,
         "latest_checkin_id": latest.get(e.member_id, e.latest_checkin_id)}
        for p, e in known
    ])  # fmt: skip
    audit = []
    moves = []
    for p, e in known:
        changes = {k: [_shown(k, old), _shown(k, new)] for k, (old, new) in p.changes.items()}
        if e.deleted:
            changes["deleted_at"] = ["已删除", None]
        if p.assignment is not None and e.active is not None:
            changes["checkin"] = ["网格/岗位", "已调整"]
            checkin_id, _grid, _posts, version = e.active
            moves.append({"checkin_id": checkin_id, "grid_id": p.assignment[0],
                          "posts": join_list(p.assignment[1]), "version": version + 1,
                          "updated_at": now})  # fmt: skip
        if changes:
            audit.append(audit_row(actor, "update", "member", e.uid, changes=changes,
                                   summary=SUMMARY_SOURCE))  # fmt: skip
    if audit:
        connection.execute(insert(AUDIT), audit)
    if moves:
        connection.execute(update(CHECKIN).where(CHECKIN.c.id == bindparam("checkin_id")), moves)
