"""Importing a season's schedule of resident teams: each row becomes a recurring series,
booked through the same plan-and-book path as the counter (every rule, the room lock), with
the dates that cannot be booked skipped and listed.

The whole file is one transaction: every room named is locked first (ascending ids), rows are
booked in file order so a later row sees the earlier ones, and ``dry_run`` only plans. A row
with a bad cell or a refused rule is reported with its row number and reason and booked not
at all; the import fails as a whole (exit 1 on the command line) only when no row can be booked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.formats.rooms.schedule_sheet import ScheduleRow, read_schedule
from djdesk.services.rooms.bookers import BookerInput
from djdesk.services.rooms.booking_input import BookingInput, validate_booking
from djdesk.services.rooms.calendar import centre_now
from djdesk.services.rooms.locking import lock_rooms
from djdesk.services.rooms.recurrence import occurrences
from djdesk.services.rooms.rooms import list_rooms
from djdesk.services.rooms.series import (
    SeriesInput,
    SeriesPlan,
    insert_series,
    plan_dates,
    series_facts,
)
from djdesk.services.rooms.types import BookerCategory, Frequency


@dataclass(frozen=True)
class RowOutcome:
    number: int
    team: str
    room: str
    booked: int = 0
    skipped: tuple[str, ...] = ()  # "2026-03-04：时间冲突（…）"
    error: str = ""


@dataclass
class ScheduleImportReport:
    file: Path
    sheet: str
    dry_run: bool
    rows: list[RowOutcome] = field(default_factory=list)

    @property
    def booked(self) -> int:
        return sum(r.booked for r in self.rows)

    @property
    def refused(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.error]

    def summary(self) -> str:
        verb = "可预约" if self.dry_run else "已预约"
        skipped = sum(len(r.skipped) for r in self.rows)
        return (
            f"共 {len(self.rows)} 行：{verb} {self.booked} 次，跳过 {skipped} 个日期，"
            f"{len(self.refused)} 行未导入。"
        )


class NoBookableRowsError(DjdeskError):
    def __init__(self, report: ScheduleImportReport) -> None:
        self.report = report
        super().__init__(f"“{report.file.name}”中没有可以预约的行，未导入任何内容。")


def _first_on_weekday(first: date, weekday: int) -> date:
    return first + timedelta(days=(weekday - first.weekday()) % 7)


def _series(row: ScheduleRow, room_id: int) -> SeriesInput:
    data = BookingInput(
        room_id=room_id,
        day=_first_on_weekday(row.first_day, row.weekday),
        start=row.start,
        end=row.end,
        booker=BookerInput(
            category=BookerCategory.TEAM, name=row.team, contact=row.contact, phone=row.phone
        ),
        purpose=row.purpose,
        attendees=row.attendees,
        contact_name=row.contact,
        contact_phone=row.phone,
        public_benefit=True,
    )
    frequency = Frequency.FORTNIGHTLY if row.frequency == "每两周" else Frequency.WEEKLY
    return SeriesInput(data, frequency, until=row.last_day)


def import_schedule(
    db: Database,
    path: Path,
    *,
    actor: Actor,
    dry_run: bool = False,
    approve: bool = True,
    now: datetime | None = None,
) -> ScheduleImportReport:
    """Book the season in ``path``; see the module docstring. Raises
    :class:`NoBookableRowsError` (nothing written) when no row can be booked."""
    sheet = read_schedule(path)
    now = now or centre_now()
    report = ScheduleImportReport(path, sheet.sheet, dry_run)
    problems: dict[int, list[str]] = {}
    for p in sheet.problems:
        problems.setdefault(p.number, []).append(p.text())
    for number, texts in problems.items():
        report.rows.append(RowOutcome(number, "", "", error="；".join(texts)))
    rooms = {r.name: r.id for r in list_rooms(db)}
    wanted: list[tuple[ScheduleRow, int]] = []
    for row in sheet.rows:
        if row.room not in rooms:
            error = f"第 {row.number} 行“场地”列：没有名为“{row.room}”的场地"
            report.rows.append(RowOutcome(row.number, row.team, row.room, error=error))
        else:
            wanted.append((row, rooms[row.room]))
    context = db.reading() if dry_run else db.unit_of_work(actor, what="导入活动安排")
    with context as session:
        if not dry_run:
            lock_rooms(session, [room_id for _, room_id in wanted])
        for row, room_id in wanted:
            report.rows.append(
                _book_row(session, row, room_id, actor, now, dry_run=dry_run, approve=approve)
            )
        if not report.booked:
            report.rows.sort(key=lambda r: r.number)
            raise NoBookableRowsError(report)
    report.rows.sort(key=lambda r: r.number)
    return report


def _book_row(
    session: Session,
    row: ScheduleRow,
    room_id: int,
    actor: Actor,
    now: datetime,
    *,
    dry_run: bool,
    approve: bool,
) -> RowOutcome:
    series = _series(row, room_id)
    try:
        clean = validate_booking(series.booking)
        occ = occurrences(clean.day or row.first_day, series.frequency, until=series.until)
    except ValidationErrors as exc:
        return RowOutcome(
            row.number, row.team, row.room, error=f"第 {row.number} 行：{exc.message}"
        )
    facts = series_facts(session, clean, occ, now)
    plan = SeriesPlan(plan_dates(clean, occ, facts, now, override=False))
    skipped = tuple(e.line() for e in plan.skipped)
    if not plan.free:
        first = next((e.reason for e in plan.entries if e.reason), "所有日期都无法预约")
        return RowOutcome(
            row.number, row.team, row.room, skipped=skipped, error=f"第 {row.number} 行：{first}"
        )
    if not dry_run:
        insert_series(session, clean, series, plan, facts, actor=actor, approve=approve, now=now)
    return RowOutcome(row.number, row.team, row.room, booked=len(plan.free), skipped=skipped)
