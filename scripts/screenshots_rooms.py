"""The 场地预约 screenshots for the user guide, taken by ``scripts/screenshots.py``.

On the demo data it books a realistic day (approved, pending, used and an official Party
meeting) through the services, then shoots at 1366×768: the day view, one room's week, the
booking form refusing a booking at its fields (a clash and too many people), the booking list,
and the 预约确认单 as printed — written through the document register and rendered to PNG with
``pdftoppm`` (poppler-utils).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from djdesk.actor import Actor
from djdesk.errors import DjdeskError
from djdesk.services.rooms.bookers import BookerInput
from djdesk.services.rooms.booking_input import BookingInput
from djdesk.services.rooms.bookings import create_booking
from djdesk.services.rooms.calendar import centre_now, day_kind
from djdesk.services.rooms.printing import print_booking
from djdesk.services.rooms.rooms import list_rooms
from djdesk.services.rooms.transitions import mark_used
from djdesk.services.rooms.types import BookerCategory, DayKind
from djdesk.services.store import Database
from djdesk.ui.main_window import MainWindow
from djdesk.ui.rooms.day_page import RoomsDayPage
from djdesk.ui.rooms.grid_model import GridSelection

Save = Callable[[QWidget, Path], None]
#: room | start | end | booker | category | phone | purpose | people | what else
DAY_PLAN = """
党员活动室|08:30|10:30|东风社区第一党支部|党组织||支部委员会|9|official
议事厅|09:00|11:00|王秀英|居民|13908316987|楼栋议事会|18|
议事厅|14:00|16:00|滨江小区业委会|居民团队|13508310154|业委会例会|12|approve
多功能厅|09:00|11:30|银龄舞蹈队|居民团队|13608312345|舞蹈排练|40|
多功能厅|14:00|17:00|夕阳红合唱团|居民团队|13808318888|合唱排练|60|approve
党群书屋|09:00|11:00|翠屏读书会|居民团队|13708311111|读书分享会|20|used
党群书屋|15:00|17:00|亲子阅读会|居民团队|13708312222|绘本共读|25|
日间照料室|09:30|11:30|宜宾市阳光社工服务社|社会组织|08318223344|老年健康讲座|16|
儿童之家|09:00|10:30|翠屏区青少年发展中心|社会组织|08318225566|青少年课堂|20|used
调解室|10:00|11:00|东风社区党委|党组织||矛盾调解会|6|official approve
"""


def working_day(ahead: int = 0) -> date:
    """``ahead`` days from today or the next ordinary working day after (the rooms open)."""
    day = centre_now().date() + timedelta(days=ahead)
    while day_kind(day)[0] is not DayKind.WORKDAY:
        day += timedelta(days=1)
    return day


def next_monday(ahead: int) -> date:
    """The first Monday ``ahead`` days or more from today that is an ordinary working day."""
    day = centre_now().date() + timedelta(days=ahead)
    day += timedelta(days=-day.weekday() % 7)
    while day_kind(day)[0] is not DayKind.WORKDAY:
        day += timedelta(days=7)
    return day


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def book_the_day(db: Database, day: date) -> dict[str, int]:
    """The day's bookings, made two days before (as a clerk would); slots the demo already
    holds are left to the demo."""
    actor = Actor.system()
    rooms = {r.name: r.id for r in list_rooms(db)}
    then = datetime.combine(day - timedelta(days=2), time(9))
    made: dict[str, int] = {}
    for line in DAY_PLAN.strip().splitlines():
        room, start, end, name, category, phone, purpose, people, more = line.split("|")
        official, then_do = "official" in more, more.replace("official", "").strip()
        data = BookingInput(
            room_id=rooms[room],
            day=day,
            start=_minutes(start),
            end=_minutes(end),
            booker=BookerInput(category=BookerCategory(category), name=name, phone=phone),
            purpose=purpose,
            attendees=int(people),
            public_benefit=True,
            official=official,
        )
        try:
            result = create_booking(db, data, actor=actor, approve=bool(then_do), now=then)
            if then_do == "used":
                after = datetime.combine(day, time(0)) + timedelta(minutes=_minutes(end))
                mark_used(db, result.booking.id, actor=actor, attendees=int(people), now=after)
        except DjdeskError as exc:
            print(f"skipped {room} {start}: {exc.message}")
            continue
        made[name] = result.booking.id
    return made


#: The hall's week: weekday (0 = Monday) | start | end | booker | category | phone | purpose |
#: people | what else
WEEK_PLAN = """
0|14:00|17:00|夕阳红合唱团|居民团队|13808318888|合唱排练|60|approve
1|09:00|11:00|银龄舞蹈队|居民团队|13608312345|舞蹈排练|40|
2|19:00|21:00|广场舞一队|居民团队|13608316666|广场舞排练|50|approve
3|14:30|16:30|东风社区党委|党组织||党员大会|85|official approve
4|09:30|11:30|宜宾市爱心助残协会|社会组织|08318227788|助残志愿者培训|45|
5|09:00|11:30|夕阳红合唱团|居民团队|13808318888|合唱排练|60|approve
"""


def book_the_week(db: Database, hall: int, day: date) -> None:
    """Bookings of the hall in the week of ``day`` (a Monday ahead: made now, all in time)."""
    monday = day - timedelta(days=day.weekday())
    for line in WEEK_PLAN.strip().splitlines():
        weekday, start, end, name, category, phone, purpose, people, more = line.split("|")
        on = monday + timedelta(days=int(weekday))
        data = BookingInput(
            room_id=hall,
            day=on,
            start=_minutes(start),
            end=_minutes(end),
            booker=BookerInput(category=BookerCategory(category), name=name, phone=phone),
            purpose=purpose,
            attendees=int(people),
            public_benefit=True,
            official="official" in more,
        )
        try:
            create_booking(db, data, actor=Actor.system(), approve="approve" in more)
        except DjdeskError as exc:
            print(f"skipped the hall on {on}: {exc.message}")


def render_pdf(pdf: Path, png: Path, dpi: int = 80) -> None:
    """The PDF's first page as a PNG (white background), through poppler's ``pdftoppm``."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise SystemExit("pdftoppm (poppler-utils) is needed to render the confirmation slip")
    stem = png.with_suffix("")
    subprocess.run(
        [tool, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    print(f"wrote {png}")


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def shoot_rooms_area(app: QApplication, window: MainWindow, out_dir: Path, save: Save) -> None:
    """Day view, week view, the refused booking form, the list and the confirmation slip."""
    db = window.ctx.db
    day = working_day()
    made = book_the_day(db, day)
    later = next_monday(3)  # the form is refused for a clash there, not for a past hour
    hall = next(r.id for r in list_rooms(db) if r.name == "多功能厅")
    book_the_week(db, hall, later)
    window.show_page("rooms-day")
    page = window.page("rooms-day")
    assert isinstance(page, RoomsDayPage)
    page.set_day(day)
    page.grid.setFocus()
    page.grid.set_cursor(4, 11)  # 日间照料室 14:00–15:30, free: where a booking would go
    page.grid.set_cursor(4, 13, extend=True)
    settle(app)
    save(window, out_dir / "rooms-day.png")

    page.set_mode("week", hall)
    page.set_day(later)
    page.grid.set_cursor(2, 2)
    settle(app)
    save(window, out_dir / "rooms-week.png")
    page.set_mode("day")

    # Refused: the hall is taken on Monday at 14:00 (the choir) and holds 120 people.
    dialog = page.new_booking(GridSelection(hall, later, _minutes("14:00"), _minutes("16:00")))
    assert dialog is not None
    form = dialog.form
    form.picker.name_edit.setText("李建国")
    form.picker.phone_edit.setText("13990991234")
    form.purpose_edit.setText("老年大学结业典礼")
    form.attendees_spin.setValue(150)
    form.public_check.setChecked(True)
    dialog.accept()
    dialog.scroll_area.verticalScrollBar().setValue(0)
    settle(app)
    save(dialog, out_dir / "booking-form-refused.png")
    dialog.discard()

    window.show_page("bookings")
    settle(app)
    save(window, out_dir / "bookings-page.png")

    if made:
        pdf = window.ctx.paths.output_dir / "场地预约确认单-示例.pdf"
        pdf.parent.mkdir(parents=True, exist_ok=True)
        slip = made.get("夕阳红合唱团") or next(iter(made.values()))
        print_booking(db, slip, pdf, actor=window.ctx.actor)
        render_pdf(pdf, out_dir / "booking-confirmation.png")
