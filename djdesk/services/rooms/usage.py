"""场地使用统计 for a period: bookings, hours, attendees, open hours and utilisation by room,
then by booker category, written as .xlsx or .pdf (atomically, audited; a PDF is entered in
the document register).

Counted are the bookings that held a room (已批准 and 已使用); attendees are the counted
number when the clerk recorded one at the end, else the expected number. Utilisation is booked
hours over the room's open hours in the period (its weekly hours, holidays, 调休, closures and
special hours applied), so a room closed for repairs is not blamed for standing empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import case, func, select

from djdesk.actor import Actor, Role
from djdesk.db.audit import record_event
from djdesk.db.models.rooms import Booker, Booking, RoomRules
from djdesk.db.session import Database
from djdesk.documents.base.styles import numeric_cn_date
from djdesk.documents.rooms.usage import TITLE, UsageTable, build_usage_pdf
from djdesk.errors import DjdeskError, ValidationError, ValidationErrors
from djdesk.formats.rooms.usage_xlsx import build_usage_xlsx
from djdesk.services.documents import (
    Destination,
    DocumentSpec,
    SendToPrinter,
    Subject,
    issue_document,
)
from djdesk.services.printing import PrintedDocument, write_atomically
from djdesk.services.rooms.calendar import load_calendars
from djdesk.services.rooms.rooms import live_rooms
from djdesk.services.rooms.settings import centre_rules_in
from djdesk.services.rooms.types import HOLDING, BookerCategory, BookingStatus
from djdesk.services.site.identity import require_site

MAX_DAYS = 731
SUFFIXES = (".xlsx", ".pdf")


@dataclass(frozen=True)
class UsageRow:
    group: str  # 按场地 / 按对象
    name: str
    bookings: int
    hours: float
    attendees: int
    open_hours: float | None
    no_shows: int
    cancelled: int

    @property
    def utilisation(self) -> float | None:
        if not self.open_hours:
            return None
        return self.hours / self.open_hours

    def values(self) -> tuple[object, ...]:
        return (
            self.group,
            self.name,
            self.bookings,
            round(self.hours, 1),
            self.attendees,
            None if self.open_hours is None else round(self.open_hours, 1),
            self.utilisation,
            self.no_shows,
            self.cancelled,
        )


@dataclass(frozen=True)
class UsageReport:
    first: date
    last: date
    by_room: tuple[UsageRow, ...]
    by_category: tuple[UsageRow, ...]
    total: UsageRow


def _check_period(first: date, last: date) -> None:
    if last < first:
        raise ValidationErrors([ValidationError("last_day", "不能早于开始日期", label="结束日期")])
    if (last - first).days >= MAX_DAYS:
        raise ValidationErrors([ValidationError("last_day", "统计期间最长两年", label="结束日期")])


def usage_report(db: Database, first: date, last: date) -> UsageReport:
    _check_period(first, last)
    held = Booking.status.in_(HOLDING)
    minutes = func.sum(case((held, Booking.end_minute - Booking.start_minute), else_=0))
    people = func.sum(
        case((held, func.coalesce(Booking.actual_attendees, Booking.attendees)), else_=0)
    )
    counts = (
        func.sum(case((held, 1), else_=0)),
        minutes,
        people,
        func.sum(case((Booking.status == BookingStatus.NO_SHOW, 1), else_=0)),
        func.sum(case((Booking.status == BookingStatus.CANCELLED, 1), else_=0)),
    )
    where = (Booking.day.between(first, last), Booking.deleted_at.is_(None))
    with db.reading() as session:
        rooms = live_rooms(session)
        centre = centre_rules_in(session)
        own = {
            r.room_id: r.follow_holidays for r in session.scalars(select(RoomRules)) if r.room_id
        }
        follow = {
            r.id: centre.follow_holidays if own.get(r.id) is None else bool(own[r.id])
            for r in rooms
        }
        calendars = load_calendars(session, [r.id for r in rooms], first, last, follow)
        per_room = {
            row[0]: row[1:]
            for row in session.execute(
                select(Booking.room_id, *counts).where(*where).group_by(Booking.room_id)
            )
        }
        per_cat = {
            row[0]: row[1:]
            for row in session.execute(
                select(Booker.category, *counts)
                .join(Booker, Booker.id == Booking.booker_id)
                .where(*where)
                .group_by(Booker.category)
            )
        }
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]

    def row(
        group: str, name: str, data: tuple[object, ...] | None, open_minutes: int | None
    ) -> UsageRow:
        n, mins, att, ns, cancelled = (int(v or 0) for v in (data or (0, 0, 0, 0, 0)))  # type: ignore[call-overload]
        return UsageRow(
            group,
            name,
            n,
            mins / 60,
            att,
            None if open_minutes is None else open_minutes / 60,
            ns,
            cancelled,
        )

    by_room = tuple(
        row(
            "按场地",
            r.name,
            per_room.get(r.id),
            sum(calendars[r.id].schedule(d).open_minutes() for d in days),
        )
        for r in rooms
    )
    by_cat = tuple(row("按对象", str(c), per_cat.get(c), None) for c in BookerCategory)
    total = UsageRow(
        "合计",
        "",
        sum(r.bookings for r in by_room),
        sum(r.hours for r in by_room),
        sum(r.attendees for r in by_room),
        sum(r.open_hours or 0 for r in by_room),
        sum(r.no_shows for r in by_room),
        sum(r.cancelled for r in by_room),
    )
    return UsageReport(first, last, by_room, by_cat, total)


NOTES = ("预约次数、时长和人次按已批准和已使用的预约统计；利用率 = 使用时长 ÷ 开放时长。",)
#: Everyone may export or print the statistics (查看 users too).
ROLES = (Role.ADMIN, Role.CLERK, Role.VIEWER)
USAGE_KIND = "room-usage"


def _table(db: Database, first: date, last: date, on: date | None) -> UsageTable:
    site = require_site(db)
    report = usage_report(db, first, last)
    return UsageTable(
        community=site.name,
        period_text=f"{numeric_cn_date(first)}至{numeric_cn_date(last)}",
        made_on_text=numeric_cn_date(on or date.today()),
        rows=tuple(r.values() for r in (*report.by_room, *report.by_category)),
        total=report.total.values(),
        notes=NOTES,
    )


def print_usage_report(
    db: Database,
    first: date,
    last: date,
    out: Path | Destination,
    *,
    actor: Actor,
    on: date | None = None,
    invariant: bool = False,
    send: SendToPrinter | None = None,
) -> PrintedDocument:
    """The statistics as a PDF to a file or a printer, entered in the document register."""
    table = _table(db, first, last, on)
    destination = out if isinstance(out, Destination) else Destination.file(out)
    with db.unit_of_work(actor, roles=ROLES, what="导出报表") as session:
        spec = DocumentSpec(
            kind=USAGE_KIND,
            title=TITLE,
            subject=Subject("booking", "", f"场地使用统计 {table.period_text}"),
        )
        issued = issue_document(
            session,
            spec,
            lambda _copy: build_usage_pdf(table, invariant=invariant),
            destination,
            send=send,
        )
        summary = f"导出场地使用统计（{table.period_text}）：{destination.target}"
        record_event(session, "export", table="booking", summary=summary)
    return PrintedDocument(destination.path or Path(), "", document_id=issued.document.id)


def write_usage_report(
    db: Database,
    first: date,
    last: date,
    out: Path,
    *,
    actor: Actor,
    on: date | None = None,
    invariant: bool = False,
) -> Path:
    """Write the statistics to ``out`` (.xlsx or .pdf); the export is audited and a PDF is
    entered in the document register."""
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise DjdeskError(f"无法导出到“{out.name}”：只能保存为 .xlsx 或 .pdf 文件。")
    if suffix == ".pdf":
        print_usage_report(db, first, last, out, actor=actor, on=on, invariant=invariant)
        return out
    table = _table(db, first, last, on)
    content = build_usage_xlsx(
        community=table.community,
        period_text=table.period_text,
        made_on_text=table.made_on_text,
        rows=list(table.rows),
        total=table.total,
        notes=table.notes,
    )
    with db.unit_of_work(actor, roles=ROLES, what="导出报表") as session:
        write_atomically(out, content)
        summary = f"导出场地使用统计（{table.period_text}）：{out.name}"
        record_event(session, "export", table="booking", summary=summary)
    return out
