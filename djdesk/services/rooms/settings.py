"""Booking rules as settings: the centre's values, a room's overrides, the effective result.

The centre's row holds every value (defaults from domain.md §4.2 on first use); a room's row
holds only what differs, and empty values inherit. Administrators change them
(:func:`save_rules`); every change is audited by the database hook.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from djdesk.actor import ADMINS, Actor
from djdesk.db.models.rooms import Room, RoomRules
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, ValidationError, ValidationErrors
from djdesk.services.rooms.types import BookerCategory


@dataclass(frozen=True)
class RuleSettings:
    """The rules in force for one room (or the centre's own values)."""

    slot_minutes: int = 30
    min_notice_days: int = 1
    max_advance_days: int = 30
    #: How far ahead a recurring series (a team's season) may reach.
    series_advance_days: int = 180
    max_duration_minutes: int = 240
    quota_count: int = 2  # bookings per booker per month; 0 = no limit
    quota_hours: int = 20  # hours per booker per month; 0 = no limit
    #: The booker categories the quotas apply to ("、"-joined), by default individuals.
    quota_categories: str = BookerCategory.RESIDENT.value
    buffer_minutes: int = 0
    public_benefit_only: bool = True
    follow_holidays: bool = True
    no_show_limit: int = 3
    no_show_window_days: int = 90
    suspension_days: int = 30

    def quota_applies(self, category: str) -> bool:
        return category in self.quota_categories.split("、")


@dataclass(frozen=True)
class RuleOverrides:
    """A room's own values; ``None`` inherits the centre's."""

    slot_minutes: int | None = None
    min_notice_days: int | None = None
    max_advance_days: int | None = None
    series_advance_days: int | None = None
    max_duration_minutes: int | None = None
    quota_count: int | None = None
    quota_hours: int | None = None
    quota_categories: str | None = None
    buffer_minutes: int | None = None
    public_benefit_only: bool | None = None
    follow_holidays: bool | None = None
    no_show_limit: int | None = None
    no_show_window_days: int | None = None
    suspension_days: int | None = None


LABELS = {
    "slot_minutes": "时间刻度（分钟）",
    "min_notice_days": "最少提前天数",
    "max_advance_days": "最多提前天数",
    "series_advance_days": "定期预约最多提前天数",
    "max_duration_minutes": "单次最长时长（分钟）",
    "quota_count": "每月最多次数",
    "quota_hours": "每月最多小时数",
    "quota_categories": "限额适用对象",
    "buffer_minutes": "前后整理时间（分钟）",
    "public_benefit_only": "仅限公益用途",
    "follow_holidays": "法定节假日按节假日时段",
    "no_show_limit": "爽约次数上限",
    "no_show_window_days": "爽约统计天数",
    "suspension_days": "暂停预约天数",
}
#: (lowest, highest) of every whole-number setting.
LIMITS = {
    "slot_minutes": (5, 120),
    "min_notice_days": (0, 60),
    "max_advance_days": (1, 366),
    "series_advance_days": (1, 731),
    "max_duration_minutes": (15, 1440),
    "quota_count": (0, 100),
    "quota_hours": (0, 744),
    "buffer_minutes": (0, 120),
    "no_show_limit": (0, 50),
    "no_show_window_days": (1, 366),
    "suspension_days": (1, 366),
}
_NAMES = [f.name for f in fields(RuleSettings)]


def validate_rules(data: RuleOverrides) -> RuleOverrides:
    """Check every given value against its range; the slot must divide an hour or a day."""
    errors: list[ValidationError] = []
    values = {name: getattr(data, name) for name in _NAMES}
    for name, (low, high) in LIMITS.items():
        value = values[name]
        if value is not None and not low <= value <= high:
            errors.append(ValidationError(name, f"应为 {low}–{high}", label=LABELS[name]))
    slot = values["slot_minutes"]
    if slot is not None and 60 % slot and slot % 60:
        errors.append(
            ValidationError(
                "slot_minutes", "应能整除 60（如 15、30、60）", label=LABELS["slot_minutes"]
            )
        )
    cats = values["quota_categories"]
    if cats is not None:
        parts = [p.strip() for p in cats.replace(",", "、").replace("，", "、").split("、")]
        parts = [p for p in parts if p]
        unknown = [p for p in parts if p not in set(BookerCategory)]
        if unknown:
            errors.append(
                ValidationError(
                    "quota_categories",
                    f"“{'、'.join(unknown)}”不是预约对象类别，可选：{'、'.join(BookerCategory)}",
                    label=LABELS["quota_categories"],
                )
            )
        values["quota_categories"] = "、".join(parts)
    if errors:
        raise ValidationErrors(errors)
    return RuleOverrides(**values)


def _row(session: Session, room_id: int | None) -> RoomRules | None:
    cond = RoomRules.room_id.is_(None) if room_id is None else RoomRules.room_id == room_id
    return session.scalar(select(RoomRules).where(cond))


def _apply(base: RuleSettings, row: RoomRules | None) -> RuleSettings:
    if row is None:
        return base
    given = {n: getattr(row, n) for n in _NAMES if getattr(row, n) is not None}
    return replace(base, **given)


def centre_rules_in(session: Session) -> RuleSettings:
    return _apply(RuleSettings(), _row(session, None))


def effective_rules_in(session: Session, room_id: int) -> RuleSettings:
    """The centre's rules with the room's overrides applied (one query)."""
    return rules_and_scope_in(session, room_id)[0]


def rules_and_scope_in(session: Session, room_id: int) -> tuple[RuleSettings, bool]:
    """The rules in force for a room, and whether the room has quotas of its own (then its
    quotas count bookings in that room only)."""
    rows = session.scalars(
        select(RoomRules).where(or_(RoomRules.room_id.is_(None), RoomRules.room_id == room_id))
    )
    centre = own = None
    for row in rows:
        if row.room_id is None:
            centre = row
        else:
            own = row
    rules = _apply(_apply(RuleSettings(), centre), own)
    scoped = own is not None and (own.quota_count is not None or own.quota_hours is not None)
    return rules, scoped


def room_overrides_in(session: Session, room_id: int) -> RuleOverrides:
    row = _row(session, room_id)
    if row is None:
        return RuleOverrides()
    return RuleOverrides(**{n: getattr(row, n) for n in _NAMES})


def centre_rules(db: Database) -> RuleSettings:
    with db.reading() as session:
        return centre_rules_in(session)


def effective_rules(db: Database, room_id: int) -> RuleSettings:
    with db.reading() as session:
        return effective_rules_in(session, room_id)


def room_overrides(db: Database, room_id: int) -> RuleOverrides:
    with db.reading() as session:
        return room_overrides_in(session, room_id)


def save_rules(
    db: Database, data: RuleOverrides | RuleSettings, *, actor: Actor, room_id: int | None = None
) -> RuleSettings:
    """Store the centre's rules (``room_id`` None, every value) or a room's overrides.

    Returns the rules then in force for the room (or the centre's). 管理员 only.
    """
    given = RuleOverrides(**{n: getattr(data, n) for n in _NAMES})
    clean = validate_rules(given)
    if room_id is None and any(getattr(clean, n) is None for n in _NAMES):
        clean = validate_rules(RuleOverrides(**{**vars(RuleSettings()), **_given(clean)}))
    with db.unit_of_work(actor, roles=ADMINS, what="修改预约规则") as session:
        if room_id is not None and session.get(Room, room_id) is None:
            raise NotFoundError("找不到该场地。")
        row = _row(session, room_id)
        if row is None:
            row = RoomRules(room_id=room_id)
            session.add(row)
        for name in _NAMES:
            setattr(row, name, getattr(clean, name))
        session.flush()
        return centre_rules_in(session) if room_id is None else effective_rules_in(session, room_id)


def _given(data: RuleOverrides) -> dict[str, object]:
    return {n: getattr(data, n) for n in _NAMES if getattr(data, n) is not None}
