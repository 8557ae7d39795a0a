"""The 驻区单位 table: registered units with their reporting counts (:class:`UnitInfo`)."""

from __future__ import annotations

from collections.abc import Sequence

from djdesk.services.checkin.types import UnitStatus
from djdesk.services.checkin.units import UnitInfo
from djdesk.ui.common.record_table import CENTER, RIGHT, Column, RecordTableModel


def reporting_rate(unit: UnitInfo) -> str:
    """已报到数 / 申报党员数 as a percentage ("—" when nothing was declared)."""
    if unit.declared_members <= 0:
        return "—"
    return f"{unit.reported_members / unit.declared_members:.0%}"


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
        Column("报到率", reporting_rate, RIGHT),
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
