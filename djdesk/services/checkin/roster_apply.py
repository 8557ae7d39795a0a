"""Writing a roster import plan inside the caller's unit of work.

Members and check-ins go through the counter's write functions
(:mod:`djdesk.services.checkin.writes`) in their batched form: ten thousand members through the
ORM unit of work would take far longer than the 5-second budget. Units and grids the import
registers are few and go through the ORM (and its audit hook). The audit log gets one
``import`` summary naming the file, the sheet and the counts (new members are counted there,
not listed one entry each), and a masked before/after ``update`` entry per changed member.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.audit import audit_row, record_event
from djdesk.db.models.accounts import AuditEntry
from djdesk.progress import IMPORT_CANCELLED, CancelledError
from djdesk.services.checkin.grids import add_grid_in
from djdesk.services.checkin.member_rules import MemberInput, join_list
from djdesk.services.checkin.roster_plan import Outcome, Plan, PlannedRow
from djdesk.services.checkin.units import UnitInput, add_unit_in, validate_unit
from djdesk.services.checkin.writes import (
    Arrival,
    create_checkins,
    insert_members,
    move_assignments,
    update_members,
)
from djdesk.services.origin import site_origin
from djdesk.validation.masking import mask_field

SUMMARY_SOURCE = "花名册导入"
AUDIT = AuditEntry.metadata.tables["audit_log"]


@dataclass(frozen=True)
class Applied:
    created_units: tuple[str, ...]
    created_grids: tuple[str, ...]
    new_members: int
    updated_members: int
    checkins: int


def _shown(name: str, value: Any) -> Any:
    if isinstance(value, tuple):
        value = join_list(value)
    if value is None or isinstance(value, int | float):
        return value
    return mask_field(name, str(value))


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise CancelledError(IMPORT_CANCELLED)


def _summary(session: Session, plan: Plan, units: list[str], grids: list[str], n: int) -> None:
    name = plan.sheet.file.name
    counts = {o.value: sum(1 for p in plan.rows if p.result.outcome is o) for o in Outcome}
    summary = "，".join(f"{label} {count}" for label, count in counts.items())
    details = {
        "file": name,
        "sheet": plan.sheet.sheet,
        **counts,
        "checkins": n,
        "units_created": units,
        "grids_created": grids,
    }
    record_event(
        session,
        "import",
        table="member",
        uid=name,
        summary=f"导入花名册“{name}”：{summary}",
        details=details,
    )


class _Writer:
    """Applies one plan: references first, then members, assignments and check-ins."""

    def __init__(self, session: Session, plan: Plan, actor: Actor) -> None:
        self.session = session
        self.plan = plan
        self.actor = actor
        self.origin = site_origin(session)
        self.todo = [
            p for p in plan.rows if p.data is not None and p.result.action is not Outcome.REJECTED
        ]
        self.unit_ids: dict[str, int] = {}
        self.grid_ids: dict[str, int] = {}

    def references(self) -> None:
        """Register the units and create the grids that written rows need."""
        used_units = {p.new_unit for p in self.todo if p.new_unit}
        for name, category in self.plan.new_units.items():
            if name in used_units:
                data = validate_unit(UnitInput(name=name, category=category))
                self.unit_ids[name] = add_unit_in(self.session, data).id
        used_grids = {p.new_grid for p in self.todo if p.new_grid}
        for name in self.plan.new_grids:
            if name in used_grids:
                self.grid_ids[name] = add_grid_in(self.session, name, origin=self.origin).id

    def data(self, p: PlannedRow) -> MemberInput:
        if p.data is None:
            raise ValueError(f"row {p.result.row} has no validated data")
        return replace(p.data, unit_id=self.unit_ids[p.new_unit]) if p.new_unit else p.data

    def grid(self, p: PlannedRow, planned: int | None) -> int | None:
        return self.grid_ids[p.new_grid] if p.new_grid else planned

    def members(self) -> tuple[dict[int, int], int, int]:
        """Insert new members, update known ones; returns (sheet row → member id, new, updated)."""
        fresh = [p for p in self.todo if p.existing is None]
        ids = insert_members(self.session, [self.data(p) for p in fresh], origin=self.origin)
        member_ids = {p.result.row: member_id for p, member_id in zip(fresh, ids, strict=True)}
        changed = []
        audit = []
        moves = []
        for p in self.todo:
            e = p.existing
            if e is None:
                continue
            member_ids[p.result.row] = e.member_id
            changes = {k: [_shown(k, old), _shown(k, new)] for k, (old, new) in p.changes.items()}
            if e.deleted:
                changes["deleted_at"] = ["已删除", None]
            if p.changes or e.deleted:
                changed.append((e.member_id, self.data(p)))
            if p.assignment is not None and e.active is not None:
                changes["checkin"] = ["网格/岗位", "已调整"]
                grid, posts = p.assignment
                moves.append((e.active[0], self.grid(p, grid), posts))
            if changes:
                audit.append(
                    audit_row(
                        self.actor,
                        "update",
                        "member",
                        e.uid,
                        changes=changes,
                        summary=SUMMARY_SOURCE,
                    )
                )
        update_members(self.session, changed)
        move_assignments(self.session, moves)
        if audit:
            self.session.execute(insert(AUDIT), audit)
        updated = sum(1 for p in self.todo if p.result.action is Outcome.UPDATED)
        return member_ids, len(fresh), updated

    def checkins(self, member_ids: dict[int, int]) -> int:
        arrivals = []
        for p in self.todo:
            if p.checkin is None:
                continue
            data = replace(p.checkin, grid_id=self.grid(p, p.checkin.grid_id))
            arrivals.append(Arrival(member_ids[p.result.row], self.data(p).name, data))
        return len(create_checkins(self.session, arrivals, origin=self.origin))


def apply_plan(
    session: Session,
    plan: Plan,
    actor: Actor,
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Applied:
    """Write every accepted row of ``plan``; the caller's transaction commits or rolls back."""
    writer = _Writer(session, plan, actor)
    writer.references()
    _check(cancelled)
    if progress is not None:
        progress(0, 0, f"正在写入 {len(writer.todo)} 名党员……")
    member_ids, new, updated = writer.members()
    _check(cancelled)
    checkins = writer.checkins(member_ids)
    _check(cancelled)
    _summary(session, plan, list(writer.unit_ids), list(writer.grid_ids), checkins)
    return Applied(tuple(writer.unit_ids), tuple(writer.grid_ids), new, updated, checkins)
