"""Opening hours typed as text, one line per kind of day: ``08:30-12:00, 13:30-17:30``.

Seven weekdays, then 法定节假日 (empty: closed on statutory holidays) and 调休上班日 (empty: the
Monday hours). :func:`parse_intervals` reads a line (``-`` ``–`` ``~`` ``至`` between the times,
``,`` ``，`` ``、`` ``;`` between the stretches, times as in the booking form) and says in
Chinese what it could not read; :class:`HoursEditor` holds the nine lines and gives the room's
``hours`` mapping, or the problems, each naming its day.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from djdesk.errors import ValidationErrors
from djdesk.services.rooms.booking_input import parse_clock
from djdesk.services.rooms.calendar import Interval, format_intervals
from djdesk.services.rooms.types import HOURS_ADJUSTED_WORKDAY, HOURS_HOLIDAY, WEEKDAY_NAMES
from djdesk.ui.rooms.booking_form import clock_text

DAY_KINDS = (*range(7), HOURS_HOLIDAY, HOURS_ADJUSTED_WORKDAY)
KIND_NAMES = {
    **dict(enumerate(WEEKDAY_NAMES)),
    HOURS_HOLIDAY: "法定节假日",
    HOURS_ADJUSTED_WORKDAY: "调休上班日",
}
_STRETCHES = re.compile(r"[,，、;；\s]+")
_DASH = re.compile(r"\s*(?:-|–|—|~|～|至)\s*")


def parse_intervals(text: str) -> tuple[Interval, ...]:
    """The stretches of one line; raises ``ValueError`` with the reason in Chinese."""
    out: list[Interval] = []
    joined = _DASH.sub("-", text.strip())
    for part in (p for p in _STRETCHES.split(joined) if p):
        times = part.split("-")
        if len(times) != 2:
            raise ValueError(f"“{part}”应写成 开始-结束，如 08:30-12:00")
        try:
            opens, closes = (parse_clock(clock_text(t)) for t in times)
        except ValidationErrors as exc:
            raise ValueError(exc.errors[0].reason) from exc
        if closes <= opens:
            raise ValueError(f"“{part}”的结束时间应晚于开始时间")
        out.append((opens, closes))
    return tuple(out)


def intervals_text(intervals: tuple[Interval, ...]) -> str:
    text = format_intervals(intervals)
    return "" if text == "不开放" else text.replace("–", "-")


class HoursEditor(QWidget):
    """Nine lines of hours (周一 … 周日, 法定节假日, 调休上班日)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[int, QLineEdit] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        for i, kind in enumerate(DAY_KINDS):
            edit = QLineEdit()
            edit.setObjectName(f"hours_{kind}")
            edit.setPlaceholderText(
                {
                    HOURS_HOLIDAY: "留空：节假日不开放",
                    HOURS_ADJUSTED_WORKDAY: "留空：按周一时间",
                }.get(kind, "留空：不开放")
            )
            label = QLabel(KIND_NAMES[kind])
            label.setProperty("role", "caption")
            label.setBuddy(edit)
            grid.addWidget(label, i // 3, (i % 3) * 2)
            grid.addWidget(edit, i // 3, (i % 3) * 2 + 1)
            self.edits[kind] = edit
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)

    def set_hours(self, hours: dict[int, tuple[Interval, ...]]) -> None:
        for kind, edit in self.edits.items():
            edit.setText(intervals_text(hours.get(kind, ())))

    def hours(self) -> tuple[dict[int, tuple[Interval, ...]], list[str]]:
        """The hours by day kind, and the problems (each naming its day)."""
        hours: dict[int, tuple[Interval, ...]] = {}
        problems: list[str] = []
        for kind, edit in self.edits.items():
            try:
                intervals = parse_intervals(edit.text())
            except ValueError as exc:
                problems.append(f"{KIND_NAMES[kind]}：{exc}")
                continue
            if intervals:
                hours[kind] = intervals
        return hours, problems
