"""The booking list as a paged table: rows come from :func:`~djdesk.services.rooms.views.
booking_page` a page at a time for the current :class:`BookingFilter`, newest date first, so
200,000 bookings cost the same to open as 200."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt

from djdesk.services.rooms.calendar import format_minute
from djdesk.services.rooms.views import BookingFilter, GridBooking, booking_page, count_bookings
from djdesk.services.store import Database
from djdesk.ui.common.paged_table import PAGE_SIZE, PagedTableModel, PageRequest
from djdesk.ui.common.record_table import CENTER, LEFT, RIGHT, Column, tip_when_long

WEEKDAYS = "一二三四五六日"


def _column(
    title: str, text: Callable[[GridBooking], str], align: Qt.AlignmentFlag = LEFT
) -> Column[GridBooking]:
    return Column(title, text, align, tooltip=tip_when_long(text))


class BookingsModel(PagedTableModel[GridBooking]):
    """Rows of :class:`GridBooking` for a :class:`BookingFilter`."""

    COL_SERIAL, COL_DAY, COL_TIME, COL_ROOM, COL_BOOKER = range(5)
    COL_CATEGORY, COL_PURPOSE, COL_ATTENDEES, COL_STATUS = range(5, 9)

    def __init__(
        self,
        db: Database,
        room_names: dict[int, str],
        flt: BookingFilter | None = None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self.room_names = dict(room_names)
        columns: tuple[Column[GridBooking], ...] = (
            Column("编号", lambda b: b.serial, tooltip=lambda b: b.serial, serial=True),
            _column("日期", lambda b: f"{b.day:%Y-%m-%d} 周{WEEKDAYS[b.day.weekday()]}", CENTER),
            _column("时间", lambda b: f"{format_minute(b.start)}–{format_minute(b.end)}", CENTER),
            _column("场地", lambda b: self.room_names.get(b.room_id, "")),
            _column("预约对象", lambda b: b.booker_name),
            _column("类别", lambda b: b.booker_category, CENTER),
            _column("活动内容", lambda b: b.purpose + ("（党组织正式会议）" if b.official else "")),
            _column("人数", lambda b: str(b.attendees), RIGHT),
            _column("状态", lambda b: b.status, CENTER),
        )
        super().__init__(
            columns, page_size=page_size, status=lambda b: b.status, key=lambda b: b.id
        )
        self._db = db
        self._filter = flt or BookingFilter()
        self.reload()

    @property
    def booking_filter(self) -> BookingFilter:
        return self._filter

    def set_filter(self, flt: BookingFilter) -> None:
        self._filter = flt
        self.reload()

    def count(self) -> int:
        return count_bookings(self._db, self._filter)

    def fetch(self, request: PageRequest) -> Sequence[GridBooking]:
        page = booking_page(self._db, self._filter, offset=request.offset, limit=request.limit)
        self.room_names.update(page.room_names)
        return page.rows

    def booking_id(self, row: int) -> int | None:
        key = self.key_at(row)
        return int(key) if key is not None else None
