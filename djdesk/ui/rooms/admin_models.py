"""Table models of the 场地管理 page: rooms, closures and special hours, suspensions."""

from __future__ import annotations

from djdesk.services.rooms.calendar import format_intervals
from djdesk.services.rooms.closures import ClosureInfo, DayHoursInfo
from djdesk.services.rooms.noshows import SuspensionInfo
from djdesk.services.rooms.rooms import RoomInfo
from djdesk.services.rooms.types import RoomStatus
from djdesk.ui.common.record_table import CENTER, RIGHT, Column, RecordTableModel, tip_when_long


class RoomsModel(RecordTableModel[RoomInfo]):
    """Every room in display order; rooms not open are greyed."""

    COL_NAME, COL_FLOOR, COL_CAPACITY, COL_STATUS, COL_APPROVAL = range(5)
    COL_CATEGORIES, COL_EQUIPMENT, COL_HOURS = range(5, 8)

    def __init__(self) -> None:
        categories = lambda r: "、".join(r.categories)  # noqa: E731
        equipment = lambda r: "、".join(r.equipment) or "—"  # noqa: E731
        super().__init__(
            [
                Column("场地", lambda r: r.name),
                Column("楼层", lambda r: r.floor or "—", CENTER),
                Column("容纳", lambda r: f"{r.capacity} 人", RIGHT),
                Column("状态", lambda r: r.status, CENTER),
                Column("审批", lambda r: "需审批" if r.needs_approval else "—", CENTER),
                Column("可预约对象", categories, tooltip=tip_when_long(categories, 16)),
                Column("设备", equipment, tooltip=tip_when_long(equipment, 12)),
                Column("周一开放时间", lambda r: format_intervals(r.hours.get(0, ()))),
            ],
            muted=lambda r: r.status != RoomStatus.OPEN,
            status=lambda r: r.status,
            key=lambda r: r.id,
        )


class ClosuresModel(RecordTableModel[ClosureInfo | DayHoursInfo]):
    """Closures and dates with special hours, by date."""

    COL_KIND, COL_ROOM, COL_FIRST, COL_LAST, COL_HOURS, COL_REASON = range(6)

    def __init__(self, room_names: dict[int, str] | None = None) -> None:
        self.room_names = dict(room_names or {})
        super().__init__(
            [
                Column("类别", lambda c: "闭馆" if isinstance(c, ClosureInfo) else "特别开放时间"),
                Column("场地", self._room),
                Column("开始", lambda c: f"{_first(c):%Y-%m-%d}", CENTER),
                Column("结束", lambda c: f"{_last(c):%Y-%m-%d}", CENTER),
                Column("开放时间", _hours),
                Column("原因", lambda c: c.reason or "—", tooltip=lambda c: c.reason or None),
            ],
            key=lambda c: (type(c).__name__, getattr(c, "id", 0), _first(c), c.room_id),
        )

    def _room(self, c: ClosureInfo | DayHoursInfo) -> str:
        return "全中心" if c.room_id is None else self.room_names.get(c.room_id, "")


def _first(c: ClosureInfo | DayHoursInfo) -> object:
    return c.first_day if isinstance(c, ClosureInfo) else c.day


def _last(c: ClosureInfo | DayHoursInfo) -> object:
    return c.last_day if isinstance(c, ClosureInfo) else c.day


def _hours(c: ClosureInfo | DayHoursInfo) -> str:
    return "不开放" if isinstance(c, ClosureInfo) else format_intervals(c.intervals)


class SuspensionsModel(RecordTableModel[SuspensionInfo]):
    """Bookers whose booking rights are suspended today."""

    COL_NAME, COL_FIRST, COL_LAST, COL_REASON = range(4)

    def __init__(self) -> None:
        super().__init__(
            [
                Column("预约对象", lambda s: s.booker_name),
                Column("暂停开始", lambda s: f"{s.first_day:%Y-%m-%d}", CENTER),
                Column("暂停至", lambda s: f"{s.last_day:%Y-%m-%d}", CENTER),
                Column("原因", lambda s: s.reason, tooltip=lambda s: s.reason or None),
            ],
            key=lambda s: s.id,
        )
