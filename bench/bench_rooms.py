"""Benchmark: booking checks, the day view and a 52-date series at 200k bookings / 50 rooms.

Budgets (issue #10): conflict check ≤ 2 ms, the day view of 30 rooms drawn ≤ 50 ms, a 52-date
weekly series checked and saved ≤ 200 ms. The day view is measured twice: its data
(``day_grid``) and the screen itself — a day's data loaded and its 30 columns painted by the
grid widget (offscreen, into an image as large as the widget with every column and the whole
day in view; a different day each time, so its text is laid out afresh), and the repaint of
a day already shown (scrolling, the cursor moving). Each figure is reported next to a raw
``sqlite3`` baseline of the same queries measured in the same run on the same file, and as a
ratio.

    python bench/bench_rooms.py [--bookings 200000] [--rooms 50] [--data-dir DIR]

Results are written to ``bench/results/rooms.json``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from djdesk.actor import Actor
from djdesk.paths import AppPaths
from djdesk.services.demo import DemoOptions, fill_demo
from djdesk.services.rooms.bookers import BookerInput
from djdesk.services.rooms.booking_input import BookingInput
from djdesk.services.rooms.bookings import check_booking, check_conflict
from djdesk.services.rooms.calendar import centre_now
from djdesk.services.rooms.rooms import RoomInput, list_rooms, save_room
from djdesk.services.rooms.series import SeriesInput, book_series
from djdesk.services.rooms.settings import RuleOverrides, save_rules
from djdesk.services.rooms.types import Frequency
from djdesk.services.rooms.views import BookingFilter, count_bookings, day_grid
from djdesk.services.store import Database, open_database

ACTIVE = ("待审批", "已批准", "已使用")
#: Rooms the series figure books into (fresh, so all 52 dates are free).
BENCH_ROOM = "测速活动室"
EVENT_SQL = (
    "INSERT INTO booking_event (booking_id, at, kind, from_status, to_status, username,"
    " actor_name, reason, uid, origin, version, updated_at) VALUES"
    " (?, '2026-01-01', 'bench', '', '', '', '', '', ?, 'bench', 1, '2026-01-01')"
)


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def ui_figures(db: Database, day: date, room_ids: list[int], repeat: int) -> dict[str, float]:
    """The day view on screen: paint alone, and data + paint, in milliseconds."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from djdesk.app import prepare_application
    from djdesk.settings import Settings
    from djdesk.ui.rooms.grid_model import from_day
    from djdesk.ui.rooms.time_grid import TimeGrid

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    prepare_application(app, Settings())
    grid = TimeGrid()
    m = grid.metrics
    grid.resize(m.gutter + m.min_column * len(room_ids) + 40, 800)  # every column, whole day
    grid.show()
    data = from_day(day_grid(db, day, room_ids=room_ids))
    grid.set_data(data)
    image = QImage(grid.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

    def paint() -> None:
        painter = QPainter(image)
        grid.paint(painter, image.width(), image.height())
        painter.end()

    days = iter([day + timedelta(days=i) for i in range(1, 10 * repeat)])

    def load_and_paint() -> None:  # another day each time: its words laid out afresh
        grid.set_data(from_day(day_grid(db, next(days), room_ids=room_ids)))
        paint()

    paint()  # warm the font caches once
    figures = {
        "paint_ms": timed(paint, repeat),
        "total_ms": timed(load_and_paint, repeat),
        "blocks": float(len(data.bookings)),
        "columns_painted": float(len(data.columns)),
    }
    grid.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bookings", type=int, default=200_000)
    parser.add_argument("--rooms", type=int, default=50)
    parser.add_argument("--data-dir")
    args = parser.parse_args()
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="djdesk-bench-rooms-"))
    paths = AppPaths.resolve(data_dir)
    db = open_database(paths)
    actor = Actor.system()
    if count_bookings(db, BookingFilter()) < args.bookings:
        start = time.perf_counter()
        counts = {"members": 0, "rooms": args.rooms, "bookings": args.bookings}
        fill_demo(db, DemoOptions(seed=7, counts=counts), actor=actor)
        print(f"demo data: {args.bookings} bookings in {time.perf_counter() - start:.1f} s")
    raw = sqlite3.connect(str(paths.database_file))
    rooms = [r for r in list_rooms(db) if not r.name.startswith(BENCH_ROOM)]
    now = centre_now()
    day = now.date() + timedelta(days=5)
    busy = next(r for r in rooms if r.name == "多功能厅")  # packed with demo bookings
    data = BookingInput(
        room_id=busy.id,
        day=day,
        start=20 * 60,
        end=21 * 60,
        booker=BookerInput(name="测试居民", phone="13800138000"),
        purpose="读书会",
        attendees=5,
        public_benefit=True,
    )

    status_list = ",".join("?" * len(ACTIVE))
    conflict_sql = (
        "SELECT b.id, b.start_minute, b.end_minute, b.status, k.name FROM booking b"
        " JOIN booker k ON k.id = b.booker_id WHERE b.room_id = ? AND b.day BETWEEN ? AND ?"
        f" AND b.status IN ({status_list}) AND b.deleted_at IS NULL"
    )
    around = (busy.id, (day - timedelta(days=1)).isoformat(), (day + timedelta(days=1)).isoformat())
    check_ms = timed(lambda: check_booking(db, data, now=now), 50)
    conflict_ms = timed(lambda: check_conflict(db, busy.id, day, 20 * 60, 21 * 60), 50)
    conflict_raw_ms = timed(lambda: raw.execute(conflict_sql, (*around, *ACTIVE)).fetchall(), 50)

    thirty = [r.id for r in rooms[:30]]
    day_ms = timed(lambda: day_grid(db, day, room_ids=thirty), 20)
    marks = ",".join("?" * len(thirty))
    day_sql = (
        "SELECT b.id, b.room_id, b.start_minute, b.end_minute, b.status, k.name, b.purpose"
        " FROM booking b JOIN booker k ON k.id = b.booker_id WHERE b.day = ?"
        f" AND b.status IN ({status_list}) AND b.room_id IN ({marks})"
    )
    day_raw_ms = timed(
        lambda: (
            raw.execute(day_sql, (day.isoformat(), *ACTIVE, *thirty)).fetchall(),
            raw.execute(f"SELECT * FROM room_hours WHERE room_id IN ({marks})", thirty).fetchall(),
        ),
        20,
    )

    ui = ui_figures(db, day, thirty, 20)

    save_rules(
        db, RuleOverrides(series_advance_days=400, quota_count=0, quota_hours=0), actor=actor
    )
    series_ms: list[float] = []
    raw_series_ms: list[float] = []
    for n in range(3):
        room = save_room(
            db,
            RoomInput(
                name=f"{BENCH_ROOM}{n}-{time.time_ns() % 10**9}",
                capacity=30,
                hours=dict.fromkeys(range(7), ((540, 1260),)),
            ),
            actor=actor,
        )
        series = SeriesInput(
            replace(data, room_id=room.id, day=now.date() + timedelta(days=2)),
            Frequency.WEEKLY,
            count=52,
        )
        start = time.perf_counter()
        result = book_series(db, series, actor=actor, now=now)
        series_ms.append((time.perf_counter() - start) * 1000)
        assert len(result.booked) + len(result.skipped) == 52
        start = time.perf_counter()
        with raw:
            for i in range(52):
                d = (now.date() + timedelta(days=2 + 7 * i)).isoformat()
                raw.execute(conflict_sql, (room.id, d, d, *ACTIVE)).fetchall()
            raw.executemany(
                EVENT_SQL,
                [(result.booked[0].id, f"bench-{n}-{i}-{time.time_ns()}") for i in range(52)],
            )
        raw_series_ms.append((time.perf_counter() - start) * 1000)
        with raw:
            raw.execute("DELETE FROM booking_event WHERE kind = 'bench'")

    result_json = {
        "bookings": count_bookings(db, BookingFilter()),
        "rooms": len(rooms),
        "conflict_check_ms": round(conflict_ms, 3),
        "conflict_check_baseline_ms": round(conflict_raw_ms, 3),
        "conflict_check_ratio": round(conflict_ms / max(conflict_raw_ms, 0.001), 1),
        "full_rule_check_ms": round(check_ms, 3),
        "full_rule_check_ratio": round(check_ms / max(conflict_raw_ms, 0.001), 1),
        "day_view_30_rooms_ms": round(day_ms, 2),
        "day_view_baseline_ms": round(day_raw_ms, 3),
        "day_view_ratio": round(day_ms / max(day_raw_ms, 0.001), 1),
        "day_view_blocks_drawn": int(ui["blocks"]),
        "day_view_paint_ms": round(ui["paint_ms"], 2),
        "day_view_drawn_ms": round(ui["total_ms"], 2),
        "day_view_drawn_ratio": round(ui["total_ms"] / max(day_raw_ms, 0.001), 1),
        "series_52_ms": round(statistics.median(series_ms), 1),
        "series_52_baseline_ms": round(statistics.median(raw_series_ms), 2),
        "series_ratio": round(
            statistics.median(series_ms) / max(statistics.median(raw_series_ms), 0.001), 1
        ),
        "budgets": {"conflict_check_ms": 2, "day_view_drawn_ms": 50, "series_52_ms": 200},
    }
    out = Path(__file__).parent / "results" / "rooms.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result_json, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(result_json, ensure_ascii=False, indent=2))
    db.dispose()


if __name__ == "__main__":
    main()
