"""What the time grid shows, independent of how it is drawn: columns, rows and placed blocks.

The day view's columns are the rooms of one day and the week view's are the seven days of one
room; both come from the services' frozen grids (:func:`from_day`, :func:`from_week`) as a
:class:`GridData`. Rows are the slots between the earliest opening and the latest closing.
Bookings that overlap in one column (a request waiting beside an approved booking) are set
side by side in lanes (:func:`place`). :class:`GridSelection` is a stretch of one column the
clerk picked; :meth:`GridData.clashes` says whether it overlaps a booking that holds the room
(buffer included), so the view can colour it before any dialog opens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from djdesk.services.rooms.calendar import DaySchedule, format_minute
from djdesk.services.rooms.types import HOLDING, WEEKDAY_NAMES, RoomStatus
from djdesk.services.rooms.views import DayGrid, GridBooking, GridRoom, WeekGrid

Interval = tuple[int, int]


@dataclass(frozen=True)
class GridColumn:
    """One column: a room on a day, with its opening hours that day."""

    title: str
    subtitle: str
    room_id: int
    day: date
    intervals: tuple[Interval, ...]
    closed_reason: str = ""
    #: The room takes bookings (开放); a room under maintenance is drawn hatched.
    bookable: bool = True
    buffer: int = 0

    @property
    def key(self) -> tuple[int, date]:
        return self.room_id, self.day

    def is_open(self, start: int, end: int) -> bool:
        return any(o <= start and end <= c for o, c in self.intervals)


@dataclass(frozen=True)
class Placed:
    """A booking placed in its column: lane ``lane`` of ``lanes`` side-by-side lanes."""

    booking: GridBooking
    column: int
    lane: int = 0
    lanes: int = 1


@dataclass(frozen=True)
class GridSelection:
    """A stretch of one column: where a new booking would go."""

    room_id: int
    day: date
    start: int
    end: int

    def text(self) -> str:
        return f"{format_minute(self.start)}–{format_minute(self.end)}"


@dataclass(frozen=True)
class GridData:
    """Everything one view draws."""

    columns: tuple[GridColumn, ...]
    first_minute: int
    last_minute: int
    slot: int
    bookings: tuple[GridBooking, ...] = ()
    placed: tuple[Placed, ...] = field(default=(), compare=False)

    @property
    def rows(self) -> int:
        return max(1, (self.last_minute - self.first_minute) // self.slot)

    def minute_of(self, row: int) -> int:
        return self.first_minute + row * self.slot

    def row_of(self, minute: int) -> int:
        return (minute - self.first_minute) // self.slot

    def column_index(self, key: tuple[int, date]) -> int:
        return next((i for i, c in enumerate(self.columns) if c.key == key), -1)

    def in_column(self, column: int) -> list[Placed]:
        return [p for p in self.placed if p.column == column]

    def at(self, column: int, minute: int) -> Placed | None:
        """The block covering ``minute`` in ``column`` (a holding one before a tentative one)."""
        hits = [p for p in self.in_column(column) if p.booking.start <= minute < p.booking.end]
        hits.sort(key=lambda p: (p.booking.status not in HOLDING, p.lane))
        return hits[0] if hits else None

    def clashes(self, selection: GridSelection) -> list[GridBooking]:
        """Bookings holding the room that ``selection`` overlaps (the column's buffer too)."""
        column = self.column_index((selection.room_id, selection.day))
        if column < 0:
            return []
        buffer = self.columns[column].buffer
        return [
            p.booking
            for p in self.in_column(column)
            if p.booking.status in HOLDING
            and selection.start < p.booking.end + buffer
            and p.booking.start < selection.end + buffer
        ]

    def tentative(self, selection: GridSelection) -> list[GridBooking]:
        """Requests waiting for approval that ``selection`` overlaps."""
        column = self.column_index((selection.room_id, selection.day))
        return [
            p.booking
            for p in self.in_column(column)
            if p.booking.status not in HOLDING
            and selection.start < p.booking.end
            and p.booking.start < selection.end
        ]


def place(bookings: Iterable[GridBooking], column_of: dict[tuple[int, date], int]) -> list[Placed]:
    """Give each booking its column and a lane: overlapping bookings of a column share its
    width, each group of transitively overlapping ones as many lanes as it needs."""
    by_column: dict[int, list[GridBooking]] = {}
    for b in bookings:
        column = column_of.get((b.room_id, b.day))
        if column is not None:
            by_column.setdefault(column, []).append(b)
    out: list[Placed] = []
    for column, items in by_column.items():
        out.extend(_lanes(column, sorted(items, key=lambda b: (b.start, b.end, b.id))))
    return out


def _lanes(column: int, items: list[GridBooking]) -> list[Placed]:
    """Lanes for the (sorted) bookings of one column, group by group."""
    out: list[Placed] = []
    group: list[tuple[GridBooking, int]] = []
    lane_ends: list[int] = []
    group_end = -1
    for b in items:
        if group and b.start >= group_end:
            out.extend(Placed(g, column, lane, len(lane_ends)) for g, lane in group)
            group, lane_ends = [], []
        lane = next((i for i, end in enumerate(lane_ends) if end <= b.start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(b.end)
        else:
            lane_ends[lane] = b.end
        group.append((b, lane))
        group_end = max(group_end, b.end)
    out.extend(Placed(g, column, lane, max(1, len(lane_ends))) for g, lane in group)
    return out


def _data(
    columns: list[GridColumn], first: int, last: int, slot: int, bookings: tuple[GridBooking, ...]
) -> GridData:
    column_of = {c.key: i for i, c in enumerate(columns)}
    placed = tuple(place(bookings, column_of))
    return GridData(tuple(columns), first, last, slot, bookings, placed)


def _column(room: GridRoom, schedule: DaySchedule, title: str, subtitle: str) -> GridColumn:
    return GridColumn(
        title=title,
        subtitle=subtitle,
        room_id=room.id,
        day=schedule.day,
        intervals=schedule.intervals,
        closed_reason=schedule.closed_reason,
        bookable=room.status == RoomStatus.OPEN,
        buffer=room.buffer_minutes,
    )


def from_day(grid: DayGrid) -> GridData:
    """The day view: one column per room."""
    columns = []
    for room in grid.rooms:
        note = f"{room.capacity} 人" if room.status == RoomStatus.OPEN else room.status
        if room.needs_approval and room.status == RoomStatus.OPEN:
            note += " · 需审批"
        columns.append(_column(room, room.schedule, room.name, note))
    return _data(columns, grid.first_minute, grid.last_minute, grid.slot_minutes, grid.bookings)


def from_week(grid: WeekGrid) -> GridData:
    """The week view of one room: one column per day, Monday first."""
    columns = []
    for schedule in grid.days:
        title = f"{WEEKDAY_NAMES[schedule.day.weekday()]} {schedule.day:%m-%d}"
        columns.append(_column(grid.room, schedule, title, schedule.holiday_name))
    return _data(columns, grid.first_minute, grid.last_minute, grid.slot_minutes, grid.bookings)
