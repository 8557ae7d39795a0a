"""What each roster row would do to the database: 新增, 更新, 未变 or 拒绝 with the reason.

The plan is computed in a reading session (a dry run stops here) and applied unchanged by
:mod:`djdesk.services.checkin.roster_apply` when nothing changed in between. Cells that a
sheet leaves
empty never erase what is already registered for a member.
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
from djdesk.formats.checkin.roster_columns import (
    CellValueError,
    id_number_text,
    parse_date,
    split_address,
    split_phones,
    strip_suffix,
    text_of,
)
from djdesk.formats.checkin.roster_read import (
    PROGRESS_EVERY,
    RosterRow,
    RosterSheet,
)
from djdesk.progress import IMPORT_CANCELLED, CancelledError
from djdesk.services.checkin.checkins import CheckInInput
from djdesk.services.checkin.member_rules import (
    FIELD_LABELS,
    MemberInput,
    checkin_date_problem,
    split_list,
    validate_member,
)
from djdesk.services.checkin.roster_lookup import (
    MEMBER_FIELDS,
    Existing,
    Lookups,
    load_existing,
    load_lookups,
    unit_category,
)
from djdesk.services.checkin.units import UnitInput, validate_unit
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
    REJECTED = "拒绝"


@dataclass(frozen=True)
class RowResult:
    """One data row of the sheet and what the import does (or would do) with it."""

    row: int  # the Excel row number
    outcome: Outcome
    name: str
    id_masked: str
    unit_name: str
    reason: str = ""  # why rejected, or what changes
    returning: bool = False  # had moved out (or never checked in) and checks in again

    @property
    def message(self) -> str:
        return f"第 {self.row} 行：{self.reason}" if self.reason else f"第 {self.row} 行"


@dataclass(frozen=True)
class PlannedRow:
    result: RowResult
    data: MemberInput | None = None  # validated; None when rejected
    new_unit: str = ""  # a unit to register first (its id replaces data.unit_id)
    existing: Existing | None = None
    checkin: CheckInInput | None = None  # a new check-in to write
    assignment: tuple[int | None, tuple[str, ...]] | None = None  # new grid/posts of the active one
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    sheet: RosterSheet
    rows: tuple[PlannedRow, ...]
    new_units: dict[str, int]  # unit name → 党组织类别, in order of first appearance
    unknown_units: tuple[str, ...]


class _Analyser:
    def __init__(
        self,
        sheet: RosterSheet,
        lookups: Lookups,
        existing: dict[str, Existing],
        *,
        create_units: bool,
        today: date,
    ) -> None:
        self.sheet = sheet
        self.cols = sheet.header.columns
        self.lookups = lookups
        self.existing = existing
        self.create_units = create_units
        self.today = today
        self.seen: dict[str, int] = {}
        self.unknown: dict[str, int] = {}  # unit name → category
        self.bad_units: dict[str, str] = {}

    def _cell(self, row: RosterRow, key: str) -> Any:
        return row.get(self.cols.get(key))

    def _text(self, row: RosterRow, key: str) -> str:
        return text_of(self._cell(row, key))

    def _unit_id(self, name: str) -> int | None:
        found = self.lookups.units.get(name)
        if found is None:
            bare = _ORG_SUFFIX.sub("", name.removeprefix("中共"))
            found = self.lookups.units.get(bare) if bare else None
        return found

    def row(self, row: RosterRow) -> PlannedRow:
        errors: list[str] = []

        def bad(key: str, message: str) -> None:
            errors.append(f"{FIELD_LABELS[key]}{message}")

        name = self._text(row, "name").replace(" ", "")
        id_damaged = False
        try:
            id_text = id_number_text(self._cell(row, "id_number"))
        except CellValueError as exc:
            id_text, id_damaged = "", True
            bad("id_number", str(exc))
        id_key = clean_id_number(id_text)
        unit_name = self._text(row, "unit") or self.sheet.unit_from_title

        def rejected(reason: str) -> PlannedRow:
            masked = mask_id_number(id_key) if id_key else ""
            return PlannedRow(
                RowResult(row.number, Outcome.REJECTED, name, masked, unit_name, reason)
            )

        if id_key and id_key in self.seen:
            return rejected(
                f"公民身份号码与第 {self.seen[id_key]} 行重复（同一人在表中只能出现一次）"
            )
        if id_key:
            self.seen[id_key] = row.number
        existing = self.existing.get(id_key)
        base = existing.data if existing is not None else MemberInput()
        values: dict[str, Any] = {"name": name, "id_number": id_text}
        for key in ("ethnicity", "branch", "post_title", "remarks", "landline"):
            values[key] = self._text(row, key)
        gender = self._text(row, "gender")
        values["gender"] = {"男性": "男", "女性": "女"}.get(gender, gender)
        status = self._text(row, "political_status").replace(" ", "")
        if "预备" in status:
            status = "预备党员"
        elif status in ("中共党员", "党员", "共产党员", "中国共产党党员", "中共正式党员"):
            status = "正式党员"
        values["political_status"] = status
        values["mobile"] = self._text(row, "mobile")
        if "phone" in self.cols:
            mobile, landline = split_phones(self._cell(row, "phone"))
            values["mobile"] = values["mobile"] or mobile
            values["landline"] = values["landline"] or landline
        for key in ("birth_date", "joined_party_on"):
            try:
                parsed = parse_date(self._cell(row, key))
            except CellValueError as exc:
                bad(key, str(exc))
                parsed = None
            if parsed is not None and key == "birth_date" and parsed.month_only:
                born = id_key[6:12] if len(id_key) == 18 else ""
                values[key] = None if born == f"{parsed.value:%Y%m}" else parsed.value
            else:
                values[key] = parsed.value if parsed is not None else None
        if "address" in self.cols:
            address = split_address(self._cell(row, "address"))
            values.update(
                estate=address.estate,
                building=address.building,
                entrance=address.entrance,
                room=address.room,
            )
        for key, suffixes in (
            ("estate", ()),
            ("building", ("栋", "幢", "号楼")),
            ("entrance", ("单元",)),
            ("room", ("室", "号")),
        ):
            own = strip_suffix(self._text(row, key), *suffixes)
            values[key] = own or values.get(key, "")
        values["specialties"] = split_list(self._text(row, "specialties"))
        values["available_times"] = split_list(self._text(row, "available_times"))

        new_unit = ""
        if unit_name:
            unit_id = self._unit_id(unit_name)
            if unit_id is None:
                new_unit = self._unknown_unit(row, unit_name, bad)
            values["unit_id"] = unit_id
        merged = {k: v for k, v in values.items() if v not in ("", None, ())}
        if "unit_id" in values and values["unit_id"] is None:
            merged.pop("unit_id", None)
        candidate = replace(base, **merged)
        try:
            clean = validate_member(candidate, today=self.today)
        except ValidationErrors as exc:
            found = [e for e in exc.errors if not (id_damaged and e.field == "id_number")]
            errors[:0] = [f"{e.label}{e.reason}" for e in found]
            clean = None

        on = self.today
        try:
            parsed_on = parse_date(self._cell(row, "checked_in_on"))
        except CellValueError as exc:
            bad("checked_in_on", str(exc))
            parsed_on = None
        if parsed_on is not None:
            on = parsed_on.value
            if problem := checkin_date_problem(on, self.today):
                bad("checked_in_on", problem)
        grid_name = self._text(row, "grid")
        grid_id = self.lookups.grids.get(grid_name) if grid_name else None
        if grid_name and grid_id is None:
            errors.append(f"网格“{grid_name}”不存在或已停用")
        posts = split_list(self._text(row, "posts"))
        unknown_posts = [p for p in posts if p not in self.lookups.posts]
        if unknown_posts:
            errors.append(f"认领岗位“{'、'.join(unknown_posts)}”不在服务岗位清单中")
        if errors or clean is None:
            return rejected("；".join(errors))
        checkin = CheckInInput(on, grid_id, posts, CHANNEL)
        return self._classify(
            row, clean, existing, new_unit, checkin, given=(bool(grid_name), bool(posts))
        )

    def _unknown_unit(self, row: RosterRow, name: str, bad: Callable[[str, str], None]) -> str:
        if name in self.bad_units:
            bad("unit_id", self.bad_units[name])
            return ""
        if not self.create_units:
            self.unknown.setdefault(name, DEFAULT_UNIT_CATEGORY)
            bad("unit_id", f"“{name}”尚未登记（可选择同时登记新单位）")
            return ""
        category = unit_category(self._text(row, "unit_category")) or DEFAULT_UNIT_CATEGORY
        try:
            validate_unit(UnitInput(name=name, category=category))
        except ValidationErrors as exc:
            self.bad_units[name] = f"“{name}”无法登记：{exc.errors[0].reason}"
            bad("unit_id", self.bad_units[name])
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
        *,
        given: tuple[bool, bool],
    ) -> PlannedRow:
        unit = new_unit or self._text(row, "unit") or self.sheet.unit_from_title
        result = RowResult(
            row.number, Outcome.NEW, clean.name, mask_id_number(clean.id_number), unit
        )
        if existing is None:
            return PlannedRow(result, clean, new_unit, None, checkin)
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
            return PlannedRow(result, clean, new_unit, existing, checkin, changes=changes)
        _, grid_id, posts_text, _ = existing.active
        new_grid = checkin.grid_id if given[0] else grid_id
        new_posts = checkin.posts if given[1] else split_list(posts_text)
        assignment = None
        if (new_grid, new_posts) != (grid_id, split_list(posts_text)):
            assignment = (new_grid, new_posts)
        labels = [FIELD_LABELS[k] for k in changes]
        if new_grid != grid_id:
            labels.append(FIELD_LABELS["grid_id"])
        if new_posts != split_list(posts_text):
            labels.append(FIELD_LABELS["posts"])
        if existing.deleted:
            labels.append("恢复已删除的记录")
        if not labels:
            return PlannedRow(replace(result, outcome=Outcome.UNCHANGED), existing=existing)
        result = replace(result, outcome=Outcome.UPDATED, reason=f"修改：{'、'.join(labels)}")
        return PlannedRow(result, clean, new_unit, existing, None, assignment, changes)


def plan_import(
    session: Session,
    sheet: RosterSheet,
    *,
    create_units: bool,
    today: date,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Plan:
    """Check every row against the rules and the registered data; writes nothing."""
    id_column = sheet.header.columns["id_number"]
    keys: list[str] = []
    for row in sheet.rows:
        value = row.get(id_column)
        if value is not None and not isinstance(value, float):
            keys.append(clean_id_number(text_of(value)))
    analyser = _Analyser(
        sheet,
        load_lookups(session),
        load_existing(session, sorted(set(keys))),
        create_units=create_units,
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
    return Plan(sheet, tuple(planned), new_units, unknown)
