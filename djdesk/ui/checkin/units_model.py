"""The 驻区单位 table: registered units with their reporting counts (:class:`UnitInfo`).

A 报到率 over 100 % cannot be true — the unit declared fewer members than have reported —
so it is marked (⚠, the error colour) and its tooltip says why and what to check.
"""

from __future__ import annotations

from collections.abc import Sequence

from djdesk.services.checkin.types import UnitStatus
from djdesk.services.checkin.units import UnitInfo
from djdesk.ui.common.record_table import CENTER, RIGHT, Column, RecordTableModel
from djdesk.ui.common.theme import ERROR

#: Why a rate over 100 % cannot be true.
OVER_FULL = "申报人数少于实际报到人数"


def over_full(declared: int, reported: int) -> bool:
    return 0 < declared < reported


def reporting_rate(unit: UnitInfo) -> str:
    """已报到数 / 申报党员数 as a percentage ("—" when nothing was declared; ⚠ past 100 %)."""
    if unit.declared_members <= 0:
        return "—"
    rate = f"{unit.reported_members / unit.declared_members:.0%}"
    return f"⚠ {rate}" if over_full(unit.declared_members, unit.reported_members) else rate


def rate_problem(unit: UnitInfo) -> str | None:
    """The tooltip of an impossible rate: what is wrong and what to check."""
    if not over_full(unit.declared_members, unit.reported_members):
        return None
    return (
        f"{OVER_FULL}（申报 {unit.declared_members} 人，已报到 {unit.reported_members} 人），"
        "请核对单位申报的在职党员数"
    )


def _liaison(unit: UnitInfo) -> str:
    return " ".join(p for p in (unit.liaison_name, unit.liaison_phone) if p) or "—"


class UnitsModel(RecordTableModel[UnitInfo]):
    """名称, 类别 (①–⑨), 党组织, 联络员, 申报党员数, 已报到数, 报到率, 状态."""

    COL_NAME = 0
    COL_PARTY_ORG = 2
    COL_STATUS = 7
    COLUMNS: tuple[Column[UnitInfo], ...] = (
        Column("单位名称", lambda u: u.name, tooltip=lambda u: u.name),
        Column("类别", lambda u: u.category_label),
        Column("党组织", lambda u: u.party_org or "—", tooltip=lambda u: u.party_org),
        Column("联络员", _liaison),
        Column("申报党员数", lambda u: str(u.declared_members), RIGHT),
        Column("已报到数", lambda u: str(u.reported_members), RIGHT),
        Column(
            "报到率",
            reporting_rate,
            RIGHT,
            tooltip=rate_problem,
            foreground=lambda u: ERROR if rate_problem(u) else None,
        ),
        Column("状态", lambda u: u.status, CENTER),
    )

    def __init__(self, units: Sequence[UnitInfo] = ()) -> None:
        super().__init__(
            self.COLUMNS,
            units,
            muted=lambda u: u.status == UnitStatus.REVOKED,
            status=lambda u: u.status,
            key=lambda u: u.id,
        )

    def unit_id(self, row: int) -> int | None:
        key = self.key_at(row)
        return int(key) if key is not None else None
