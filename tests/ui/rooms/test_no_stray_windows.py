"""Opening every page and dialog of the rooms area shows no widget as a window of its own (a
parentless label or field made visible before it is placed flashes up on the screen)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from djdesk.services.rooms.bookings import create_booking
from djdesk.services.rooms.rooms import list_rooms
from djdesk.ui.common.context import UiContext
from djdesk.ui.rooms.action_dialogs import (
    KeyInDialog,
    KeyOutDialog,
    NotifiedDialog,
    ReasonConfirmDialog,
    UsedDialog,
)
from djdesk.ui.rooms.admin_page import RoomsAdminPage
from djdesk.ui.rooms.booking_card import BookingCard
from djdesk.ui.rooms.booking_dialog import BookingDialog
from djdesk.ui.rooms.bookings_page import BookingsPage
from djdesk.ui.rooms.calls_dialog import CallsDialog, KeysDialog
from djdesk.ui.rooms.closure_dialog import ClosureDialog, DayHoursDialog
from djdesk.ui.rooms.day_page import RoomsDayPage
from djdesk.ui.rooms.room_dialog import RoomDialog
from djdesk.ui.rooms.rules_dialog import RulesDialog
from djdesk.ui.rooms.usage_dialog import UsageDialog
from tests.helpers.keyboard import KeyboardSession
from tests.helpers.rooms import CLERK, booking, room_id
from tests.ui.rooms.conftest import open_day

Factory = Callable[[UiContext, int], QWidget]


def _info(ctx: UiContext, booking_id: int):  # type: ignore[no-untyped-def]
    from djdesk.services.rooms.booking_info import get_booking

    return get_booking(ctx.db, booking_id)


SCREENS: dict[str, Factory] = {
    "day page": lambda ctx, _b: RoomsDayPage(ctx),
    "list page": lambda ctx, _b: BookingsPage(ctx),
    "admin page": lambda ctx, _b: RoomsAdminPage(ctx),
    "booking form": lambda ctx, _b: BookingDialog(ctx),
    "booking card": lambda ctx, b: BookingCard(ctx, b),
    "calls": lambda ctx, _b: CallsDialog(ctx),
    "keys": lambda ctx, _b: KeysDialog(ctx),
    "usage": lambda ctx, _b: UsageDialog(ctx),
    "room": lambda ctx, _b: RoomDialog(ctx, list_rooms(ctx.db)[0]),
    "centre rules": lambda ctx, _b: RulesDialog(ctx),
    "room rules": lambda ctx, _b: RulesDialog(ctx, list_rooms(ctx.db)[0]),
    "closure": lambda ctx, _b: ClosureDialog(ctx),
    "special hours": lambda ctx, _b: DayHoursDialog(ctx),
    "reason": lambda ctx, _b: ReasonConfirmDialog("取消预约", "取消？", "取消预约", str),
    "used": lambda ctx, b: UsedDialog(_info(ctx, b), lambda _n, _t: None),
    "key out": lambda ctx, b: KeyOutDialog(_info(ctx, b), str),
    "key in": lambda ctx, b: KeyInDialog(_info(ctx, b), lambda _c, _t: None),
    "notified": lambda ctx, b: NotifiedDialog(_info(ctx, b), str),
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_only_the_screen_itself_is_a_window(qtbot: QtBot, admin_ctx: UiContext, name: str) -> None:
    db = admin_ctx.db
    made = create_booking(
        db, booking(room_id(db, "党群书屋"), open_day(), "10:00", "11:00"), actor=CLERK
    )
    watch = KeyboardSession(qtbot)
    try:
        screen = SCREENS[name](admin_ctx, made.booking.id)
        qtbot.addWidget(screen)
        screen.show()
        qtbot.waitExposed(screen)
    finally:
        watch.stop()
    assert watch.windows == [screen]
