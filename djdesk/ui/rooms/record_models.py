"""Small table models of the booking screens: a booking's history, the displaced bookers to
phone, and the keys not yet returned. Times are shown in the centre's wall time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from djdesk.services.rooms.booking_info import BookingInfo, EventInfo
from djdesk.services.rooms.calendar import CENTRE_TIMEZONE
from djdesk.services.rooms.keys import KeyInfo
from djdesk.ui.common.record_table import CENTER, Column, RecordTableModel, tip_when_long


def local_text(moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC time as the centre's wall time ("" when none)."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo(CENTRE_TIMEZONE))
    return moment.strftime(fmt)


def _status_change(event: EventInfo) -> str:
    if event.from_status and event.from_status != event.to_status:
        return f"{event.from_status} → {event.to_status}"
    return event.to_status


class HistoryModel(RecordTableModel[EventInfo]):
    """Every change of one booking: when, what, status, who, why."""

    COL_AT, COL_KIND, COL_STATUS, COL_WHO, COL_REASON = range(5)

    def __init__(self) -> None:
        reason = lambda e: e.reason  # noqa: E731
        super().__init__(
            [
                Column("时间", lambda e: local_text(e.at)),
                Column("事项", lambda e: e.kind, CENTER),
                Column("状态", _status_change),
                Column("经办人", lambda e: e.actor_name),
                Column("理由或说明", reason, tooltip=tip_when_long(reason, 20)),
            ]
        )


def _who(b: BookingInfo) -> str:
    return f"{b.booker_name}（{b.booker_category}）"


class CallsModel(RecordTableModel[BookingInfo]):
    """Displaced bookings whose booker is still to be phoned, soonest first."""

    COL_SERIAL, COL_WHEN, COL_ROOM, COL_WHO, COL_PHONE, COL_CALLED = range(6)

    def __init__(self) -> None:
        super().__init__(
            [
                Column("编号", lambda b: b.serial, serial=True),
                Column("原预约时间", lambda b: f"{b.day:%Y-%m-%d} {b.time_text}"),
                Column("场地", lambda b: b.room_name),
                Column("预约对象", _who),
                Column("电话", lambda b: b.contact_phone or b.booker_phone or "（未留电话）"),
                Column("电话通知", lambda b: local_text(b.notified_at) or "未通知"),
            ],
            key=lambda b: b.id,
        )


class KeysModel(RecordTableModel[KeyInfo]):
    """Keys handed over and not yet back."""

    COL_SERIAL, COL_ROOM, COL_WHO, COL_AT, COL_BY = range(5)

    def __init__(self) -> None:
        super().__init__(
            [
                Column("预约编号", lambda k: k.serial, serial=True),
                Column("场地", lambda k: k.room_name),
                Column("领取人", lambda k: k.handed_to),
                Column("领取时间", lambda k: local_text(k.handed_at)),
                Column("经办人", lambda k: k.handed_by),
            ],
            key=lambda k: k.booking_id,
        )
