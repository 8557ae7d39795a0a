"""Clashes between bookings of one room.

Two bookings clash when one starts before the other ends plus the room's set-up/clean-up
buffer, on an absolute minute axis (day × 1440 + minute, so a buffer reaches over midnight).
Back-to-back bookings are allowed when the buffer is zero; a gap of exactly the buffer is
allowed. Only 已批准/已使用 bookings hold the room; a 待审批 one overlapping is a warning. An
official Party meeting may displace residents' and teams' bookings (priority bump).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from djdesk.services.rooms.results import Existing, RuleResult
from djdesk.services.rooms.types import HOLDING, BookerCategory, BookingStatus, Outcome, Rule

_Add = Callable[..., None]

#: Booker categories whose bookings an official Party meeting may displace.
BUMPABLE = frozenset({BookerCategory.RESIDENT, BookerCategory.TEAM})


def _absolute(day: date, minute: int) -> int:
    return day.toordinal() * 1440 + minute


def clashes(a: tuple[int, int], b: tuple[int, int], buffer: int) -> bool:
    """Whether two absolute-minute intervals are closer than ``buffer`` (or overlap)."""
    return a[0] < b[1] + buffer and b[0] < a[1] + buffer


def conflict_results(
    bookings: list[Existing],
    buffer: int,
    day: date,
    start: int,
    end: int,
    *,
    exclude: int | None = None,
    bump: bool = False,
) -> tuple[RuleResult, RuleResult]:
    """The 时间冲突 and 待审批预约重叠 results alone (the day view's quick probe)."""
    out: list[RuleResult] = []

    def add(
        rule: Rule, outcome: Outcome, name: str, message: str = "", ids: tuple[int, ...] = ()
    ) -> None:
        out.append(RuleResult(rule, outcome, name, message, False, ids))

    add_conflicts(add, bookings, buffer, day, start, end, exclude, bump)
    return out[0], out[1]


def add_conflicts(
    add: _Add,
    bookings: list[Existing],
    buffer: int,
    day: date,
    start: int,
    end: int,
    exclude: int | None,
    bump: bool,
) -> None:
    mine = (_absolute(day, start), _absolute(day, end))
    holding: list[Existing] = []
    pending: list[Existing] = []
    for other in bookings:
        if other.id == exclude and exclude is not None:
            continue
        theirs = (_absolute(other.day, other.start), _absolute(other.day, other.end))
        if other.status in HOLDING and clashes(mine, theirs, buffer):
            holding.append(other)
        elif other.status == BookingStatus.PENDING and clashes(mine, theirs, buffer):
            pending.append(other)
    if holding:
        ids = tuple(o.id for o in holding)
        if bump and all(o.booker_category in BUMPABLE and not o.official for o in holding):
            names = "；".join(o.describe() for o in holding)
            add(Rule.CONFLICT, Outcome.WARN, "start", f"党组织正式会议优先，将让出：{names}", ids)
        else:
            overlap = any(
                clashes(mine, (_absolute(o.day, o.start), _absolute(o.day, o.end)), 0)
                for o in holding
            )
            names = "；".join(o.describe() for o in holding)
            if overlap or not buffer:
                add(Rule.CONFLICT, Outcome.BLOCK, "start", f"与已批准的预约重叠：{names}", ids)
            else:
                add(
                    Rule.CONFLICT,
                    Outcome.BLOCK,
                    "start",
                    f"与 {names} 之间须留出 {buffer} 分钟布置和整理时间",
                    ids,
                )
    else:
        add(Rule.CONFLICT, Outcome.OK, "start")
    if pending:
        names = "；".join(o.describe() for o in pending)
        ids = tuple(o.id for o in pending)
        add(
            Rule.TENTATIVE, Outcome.WARN, "start", f"与待审批的预约重叠（先批准者得）：{names}", ids
        )
    else:
        add(Rule.TENTATIVE, Outcome.OK, "start")
