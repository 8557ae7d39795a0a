"""What each roster row would do to the database: 新增, 更新, 未变, 警告 or 拒绝 with the reason.

The plan is computed in a reading session (a dry run stops here) and applied unchanged by
:mod:`djdesk.services.checkin.roster_apply` when nothing changed in between. Cells that a
sheet leaves empty never erase what is already registered for a member.

Every row gets exactly one :class:`Outcome`, so the five counts add up to the rows of the
sheet. A row is 警告 when it is imported but part of it was left out: a grid or a service post
this community does not have (units do not know the community's grid names; the clerk assigns
grids later, or lets the import create the missing grids). What a 警告 row writes — a new
member, an update or nothing — is its :attr:`RowResult.action`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from djdesk.errors import ValidationErrors
from djdesk.formats.checkin.roster_columns import text_of
from djdesk.formats.checkin.roster_read import PROGRESS_EVERY, RosterRow, RosterSheet
from djdesk.progress import IMPORT_CANCELLED, CancelledError
from djdesk.services.checkin.grids import grid_name_problem
from djdesk.services.checkin.member_rules import (
    FIELD_LABELS,
    MemberInput,
    checkin_date_problem,
    clean_text,
    split_list,
    validate_member,
)
from djdesk.services.checkin.roster_cells import CellReader, RowCells
from djdesk.services.checkin.roster_lookup import (
    MEMBER_FIELDS,
    Existing,
    Lookups,
    load_existing,
    load_lookups,
    unit_category,
)
from djdesk.services.checkin.units import UnitInput, validate_unit
from djdesk.services.checkin.writes import CheckInInput
from djdesk.services.origin import site_origin
from djdesk.validation.idcard import clean_id_number
from djdesk.validation.masking import mask_id_number

CHANNEL = "随单位集中"
DEFAULT_UNIT_CATEGORY = 9  # ⑨其他
_ORG_SUFFIX = re.compile(
    r"(?:机关)?(?:联合)?(?:党委|党总支|党支部|党组|党工委|总支部委员会|支部委员会|委员会)$"
)


class Outcome(StrEnum):
    NEW = "新增"
    UPDATED = "更新"
    UNCHANGED = "未变"
    WARNED = "警告"
    REJECTED = "拒绝"


@dataclass(frozen=True)
class RowResult:
    """One data row of the sheet and what the import does (or would do) with it."""

    row: int  # the Excel row number
    outcome: Outcome
    name: str
    id_masked: str
    unit_name: str
    reason: str = ""  # why rejected, what changes, or what was left out
    returning: bool = False  # had moved out (or never checked in) and checks in again
    #: What the row writes: NEW, UPDATED, UNCHANGED (also for 警告 rows) or REJECTED.
    action: Outcome = Outcome.NEW
    warnings: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        return f"第 {self.row} 行：{self.reason}" if self.reason else f"第 {self.row} 行"


@dataclass(frozen=True)
class PlannedRow:
    result: RowResult
    data: MemberInput | None = None  # validated; None when rejected or unchanged
    new_unit: str = ""  # a unit to register first (its id replaces data.unit_id)
    existing: Existing | None = None
    checkin: CheckInInput | None = None  # a new check-in to write
    assignment: tuple[int | None, tuple[str, ...]] | None = None  # new grid/posts of the active one
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    new_grid: str = ""  # a grid to create first (its id replaces the check-in's grid)


@dataclass(frozen=True)
class Plan:
    sheet: RosterSheet
    rows: tuple[PlannedRow, ...]
    new_units: dict[str, int]  # unit name → 党组织类别, in order of first appearance
    unknown_units: tuple[str, ...]
    new_grids: tuple[str, ...] = ()  # grids to create (create_grids on)
    unknown_grids: tuple[str, ...] = ()  # grids rows name that this site lacks (create_grids off)


def _with_warnings(result: RowResult, warnings: list[str]) -> RowResult:
    """The row as 警告: what it does first, then what was left out."""
    done = result.reason or result.outcome.value
    return replace(
        result,
        outcome=Outcome.WARNED,
        reason="；".join([done, *warnings]),
        warnings=tuple(warnings),
    )


class _Analyser:
    def __init__(
        self,
        sheet: RosterSheet,
        lookups: Lookups,
        existing: dict[str, Existing],
        *,
        create_units: bool,
        create_grids: bool,
        today: date,
    ) -> None:
        self.sheet = sheet
        self.reader = CellReader(sheet.header.columns)
        self.lookups = lookups
        self.existing = existing
        self.create_units = create_units
        self.create_grids = create_grids
        self.today = today
        self.seen: dict[str, int] = {}
        self.unknown: dict[str, int] = {}  # unit name → category
        self.bad_units: dict[str, str] = {}
        self.grids_missing: dict[str, None] = {}  # in order of first appearance

    def _unit_id(self, name: str) -> int | None:
        found = self.lookups.units.get(name)
        if found is None:
            bare = _ORG_SUFFIX.sub("", name.removeprefix("中共"))
            found = self.lookups.units.get(bare) if bare else None
        return found

    def row(self, row: RosterRow) -> PlannedRow:
        cells = self.reader.read(row)
        errors = cells.errors
        unit_name = self.reader.text(row, "unit") or self.sheet.unit_from_title

        def rejected(reason: str) -> PlannedRow:
            masked = mask_id_number(cells.id_key) if cells.id_key else ""
            no = Outcome.REJECTED
            return PlannedRow(
                RowResult(row.number, no, cells.name, masked, unit_name, reason, action=no)
            )

        if cells.id_key and cells.id_key in self.seen:
            return rejected(
                f"公民身份号码与第 {self.seen[cells.id_key]} 行重复（同一人在表中只能出现一次）"
            )
        if cells.id_key:
            self.seen[cells.id_key] = row.number
        existing = self.existing.get(cells.id_key)
        base = existing.data if existing is not None else MemberInput()
        values = cells.values
        new_unit = ""
        if unit_name:
            unit_id = self._unit_id(unit_name)
            if unit_id is None:
                new_unit = self._unknown_unit(row, unit_name, errors)
            values["unit_id"] = unit_id
        merged = {k: v for k, v in values.items() if v not in ("", None, ())}
        try:
            clean = validate_member(replace(base, **merged), today=self.today)
        except ValidationErrors as exc:
            found = [e for e in exc.errors if not (cells.id_damaged and e.field == "id_number")]
            errors[:0] = [f"{e.label}{e.reason}" for e in found]
            clean = None
        on = cells.checked_in_on or self.today
        if problem := checkin_date_problem(on, self.today):
            errors.append(f"{FIELD_LABELS['checked_in_on']}{problem}")
        if errors or clean is None:
            return rejected("；".join(errors))
        warnings: list[str] = []
        if clean.unit_id is None and not new_unit:
            warnings.append("未填工作单位（在职党员报到须有工作单位，请在名册中补填）")
        grid_id, new_grid = self._grid(cells, warnings)
        posts = self._posts(cells, warnings)
        checkin = CheckInInput(on, grid_id, posts, CHANNEL)
        given = (grid_id is not None or bool(new_grid), bool(posts))
        planned = self._classify(row, clean, existing, new_unit, checkin, new_grid, given=given)
        if warnings:
            planned = replace(planned, result=_with_warnings(planned.result, warnings))
        elif planned.new_grid:
            said = planned.result.reason
            note = f"网格“{planned.new_grid}”随导入新建"
            result = replace(planned.result, reason=f"{said}；{note}" if said else note)
            planned = replace(planned, result=result)
        return planned

    def _grid(self, cells: RowCells, warnings: list[str]) -> tuple[int | None, str]:
        """The grid the row names: (its id, "") or (None, a grid to create) or (None, "")."""
        name = clean_text(cells.grid)
        if not name:
            return None, ""
        found = self.lookups.grids.get(name)
        if found is not None:
            return found, ""
        if name in self.lookups.inactive_grids:
            warnings.append(f"网格“{name}”已停用，网格留空")
            return None, ""
        problem = grid_name_problem(name)
        if problem:
            warnings.append(f"网格“{name}”不存在，且名称{problem}，网格留空")
            return None, ""
        self.grids_missing.setdefault(name)
        if self.create_grids:
            return None, name
        warnings.append(f"网格“{name}”不存在，网格留空（可选择同时新建缺少的网格）")
        return None, ""

    def _posts(self, cells: RowCells, warnings: list[str]) -> tuple[str, ...]:
        known = tuple(p for p in cells.posts if p in self.lookups.posts)
        unknown = [p for p in cells.posts if p not in self.lookups.posts]
        if unknown:
            warnings.append(f"认领岗位“{'、'.join(unknown)}”不在服务岗位清单中，未登记")
        return known

    def _unknown_unit(self, row: RosterRow, name: str, errors: list[str]) -> str:
        label = FIELD_LABELS["unit_id"]
        if name in self.bad_units:
            errors.append(f"{label}{self.bad_units[name]}")
            return ""
        if not self.create_units:
            self.unknown.setdefault(name, DEFAULT_UNIT_CATEGORY)
            errors.append(f"{label}“{name}”尚未登记（可选择同时登记新单位）")
            return ""
        category = unit_category(self.reader.text(row, "unit_category")) or DEFAULT_UNIT_CATEGORY
        try:
            validate_unit(UnitInput(name=name, category=category), today=self.today)
        except ValidationErrors as exc:
            self.bad_units[name] = f"“{name}”无法登记：{exc.errors[0].reason}"
            errors.append(f"{label}{self.bad_units[name]}")
            return ""
        self.unknown.setdefault(name, category)
        return name

    def _classify(
        self,
        row: RosterRow,
        clean: MemberInput,
        existing: Existing | None,
        new_unit: str,
        checkin: CheckInInput,
        new_grid: str,
        *,
        given: tuple[bool, bool],
    ) -> PlannedRow:
        unit = new_unit or self.reader.text(row, "unit") or self.sheet.unit_from_title
        result = RowResult(
            row.number, Outcome.NEW, clean.name, mask_id_number(clean.id_number), unit
        )
        if existing is None:
            return PlannedRow(result, clean, new_unit, None, checkin, new_grid=new_grid)
        changes = {
            name: (getattr(existing.data, name), getattr(clean, name))
            for name in MEMBER_FIELDS
            if getattr(existing.data, name) != getattr(clean, name)
        }
        if new_unit:
            changes["unit_id"] = (existing.data.unit_id, new_unit)
        if existing.active is None:
            why = "曾迁出，重新报到" if existing.has_checkins else "已登记但未报到，本次报到"
            result = replace(result, reason=why, returning=True)
            return PlannedRow(
                result, clean, new_unit, existing, checkin, changes=changes, new_grid=new_grid
            )
        _, grid_id, posts_text, _ = existing.active
        old_posts = split_list(posts_text)
        new_grid_id = checkin.grid_id if given[0] else grid_id
        new_posts = checkin.posts if given[1] else old_posts
        grid_moves = bool(new_grid) or new_grid_id != grid_id
        labels = [FIELD_LABELS[k] for k in changes]
        if grid_moves:
            labels.append(FIELD_LABELS["grid_id"])
        if new_posts != old_posts:
            labels.append(FIELD_LABELS["posts"])
        if existing.deleted:
            labels.append("恢复已删除的记录")
        if not labels:
            unchanged = replace(result, outcome=Outcome.UNCHANGED, action=Outcome.UNCHANGED)
            return PlannedRow(unchanged, existing=existing)
        assignment = None
        if grid_moves or new_posts != old_posts:
            assignment = (new_grid_id, new_posts)
        result = replace(
            result,
            outcome=Outcome.UPDATED,
            action=Outcome.UPDATED,
            reason=f"修改：{'、'.join(labels)}",
        )
        return PlannedRow(
            result, clean, new_unit, existing, None, assignment, changes, new_grid=new_grid
        )


def plan_import(
    session: Session,
    sheet: RosterSheet,
    *,
    create_units: bool,
    create_grids: bool = False,
    today: date,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Plan:
    """Check every row against the rules and this site's registered data; writes nothing."""
    origin = site_origin(session)
    id_column = sheet.header.columns["id_number"]
    keys: list[str] = []
    for row in sheet.rows:
        value = row.get(id_column)
        if value is not None and not isinstance(value, float):
            keys.append(clean_id_number(text_of(value)))
    analyser = _Analyser(
        sheet,
        load_lookups(session, origin),
        load_existing(session, sorted(set(keys)), origin),
        create_units=create_units,
        create_grids=create_grids,
        today=today,
    )
    planned: list[PlannedRow] = []
    total = len(sheet.rows)
    for index, row in enumerate(sheet.rows, start=1):
        planned.append(analyser.row(row))
        if index % PROGRESS_EVERY == 0:
            if cancelled is not None and cancelled():
                raise CancelledError(IMPORT_CANCELLED)
            if progress is not None:
                progress(index, total, f"正在检查第 {index}/{total} 行……")
    unknown = () if create_units else tuple(analyser.unknown)
    new_units = analyser.unknown if create_units else {}
    used = {p.new_grid for p in planned if p.new_grid}
    missing = tuple(analyser.grids_missing)
    return Plan(
        sheet,
        tuple(planned),
        new_units,
        unknown,
        new_grids=tuple(g for g in missing if g in used) if create_grids else (),
        unknown_grids=() if create_grids else missing,
    )
