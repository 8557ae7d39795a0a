"""Every item model of the rooms screens passes pytest-qt's ``qtmodeltester``, filled and
empty; the paged booking list reads only the pages it shows."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from djdesk.services.rooms.booking_info import booking_history
from djdesk.services.rooms.bookings import create_booking
from djdesk.services.rooms.bump import calls_to_make
from djdesk.services.rooms.closures import add_closure, list_closures, list_day_hours, set_day_hours
from djdesk.services.rooms.keys import hand_over_key, keys_out
from djdesk.services.rooms.noshows import suspensions
from djdesk.services.rooms.rooms import list_rooms
from djdesk.services.rooms.series import SeriesInput, plan_series
from djdesk.services.rooms.types import Frequency
from djdesk.services.rooms.views import BookingFilter
from djdesk.ui.common.context import UiContext
from djdesk.ui.rooms.admin_models import ClosuresModel, RoomsModel, SuspensionsModel
from djdesk.ui.rooms.bookings_model import BookingsModel
from djdesk.ui.rooms.record_models import CallsModel, HistoryModel, KeysModel
from djdesk.ui.rooms.series_panel import SeriesPlanModel
from tests.helpers.rooms import ADMIN, CLERK, booking, room_id
from tests.ui.rooms.conftest import open_day
from tests.ui.rooms.test_booking_dialog import suspended


def test_the_booking_list_model(qtmodeltester: ModelTester, clerk_ctx: UiContext) -> None:
    db, day = clerk_ctx.db, open_day()
    for hour in range(9, 20):
        data = booking(room_id(db, "党群书屋"), day, f"{hour}:00", f"{hour}:30", name=f"居民{hour}")
        create_booking(db, data, actor=CLERK)
    names = {r.id: r.name for r in list_rooms(db)}
    model = BookingsModel(db, names, page_size=4)
    assert model.rowCount() == 11 and model.pages_loaded == 0
    qtmodeltester.check(model)
    model.set_filter(BookingFilter(text="没有这个人"))
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_the_small_models(qtbot: QtBot, qtmodeltester: ModelTester, clerk_ctx: UiContext) -> None:
    db, day = clerk_ctx.db, open_day()
    first = create_booking(db, booking(room_id(db, "党群书屋"), day, "10:00", "11:00"), actor=CLERK)
    meeting = booking(
        room_id(db, "党群书屋"),
        day,
        "10:00",
        "11:00",
        name="东风社区党委",
        category="党组织",
        official=True,
        purpose="党员大会",
    )
    create_booking(db, meeting, actor=CLERK, bump_reason="换届选举")
    other = create_booking(db, booking(room_id(db, "儿童之家"), day, "10:00", "11:00"), actor=CLERK)
    hand_over_key(db, other.booking.id, handed_to="张三", actor=CLERK)
    add_closure(db, day + timedelta(days=3), day + timedelta(days=4), "维修", actor=ADMIN)
    set_day_hours(db, day + timedelta(days=6), [(540, 720)], actor=ADMIN, reason="运动会")
    suspended(db)
    plan = plan_series(
        db,
        SeriesInput(
            booking(room_id(db, "党群书屋"), day, "10:00", "11:00"), Frequency.WEEKLY, count=3
        ),
    )
    filled = [
        (HistoryModel(), booking_history(db, first.booking.id)),
        (CallsModel(), calls_to_make(db)),
        (KeysModel(), keys_out(db)),
        (RoomsModel(), list_rooms(db)),
        (
            ClosuresModel({r.id: r.name for r in list_rooms(db)}),
            [*list_closures(db), *list_day_hours(db)],
        ),
        (SuspensionsModel(), suspensions(db)),
        (SeriesPlanModel(), list(plan.entries)),
    ]
    for model, records in filled:
        assert records, type(model).__name__
        qtmodeltester.check(model)  # empty
        model.set_records(records)  # type: ignore[attr-defined]
        qtmodeltester.check(model)
