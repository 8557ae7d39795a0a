"""预约查询: the paged list and its filters, opening a booking, the follow-up lists (calls to
make, keys out) and the usage statistics (a bad period refused at its field)."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from djdesk.services.documents import get_document
from djdesk.services.rooms.bookings import create_booking
from djdesk.services.rooms.keys import hand_over_key
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.common.table_view import fit_columns
from djdesk.ui.rooms.booking_card import BookingCard
from djdesk.ui.rooms.bookings_model import BookingsModel
from djdesk.ui.rooms.bookings_page import BookingsPage
from djdesk.ui.rooms.calls_dialog import CallsDialog, KeysDialog
from djdesk.ui.rooms.usage_dialog import UsageDialog
from tests.helpers.rooms import CLERK, booking, room_id
from tests.ui.rooms.conftest import open_day


def page_for(qtbot: QtBot, ctx: UiContext) -> BookingsPage:
    page = BookingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def seed(ctx: UiContext) -> dict[str, int]:
    db, day = ctx.db, open_day()
    ids = {}
    for name, room, start, phone in (
        ("张三", "党群书屋", "10:00", "13800138000"),
        ("李四", "议事厅", "10:00", "13900139000"),
        ("王五", "党群书屋", "14:00", "13700137000"),
    ):
        data = booking(
            room_id(db, room), day, start, f"{int(start[:2]) + 1}:00", name=name, phone=phone
        )
        ids[name] = create_booking(db, data, actor=CLERK).booking.id
    return ids


def names(page: BookingsPage) -> list[str]:
    return sorted(
        page.model.record(r).booker_name  # type: ignore[union-attr]
        for r in range(page.model.rowCount())
    )


def test_the_list_filters(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    ids = seed(clerk_ctx)
    page = page_for(qtbot, clerk_ctx)
    assert page.total_label.text() == "共 3 个预约" and names(page) == ["张三", "李四", "王五"]
    page.status_filter.setCurrentIndex(page.status_filter.findData("待审批"))
    assert names(page) == ["李四"]
    page.reset_filter()
    page.room_filter.setCurrentIndex(page.room_filter.findData(room_id(clerk_ctx.db, "党群书屋")))
    assert names(page) == ["张三", "王五"]
    page.reset_filter()
    page.text_filter.setText("1390")  # the first digits of a phone
    page.apply_filter()
    assert names(page) == ["李四"]
    page.reset_filter()
    later = open_day() + timedelta(days=1)
    page.from_edit.set_value(later)
    page.apply_filter()
    assert names(page) == []
    page.reset_filter()
    page.select_booking(ids["王五"])
    page.only_button.click()
    assert names(page) == ["王五"] and "王五" in page.booker_button.text()
    page.booker_button.click()
    assert len(names(page)) == 3


def test_enter_opens_the_booking(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    ids = seed(clerk_ctx)
    page = page_for(qtbot, clerk_ctx)
    page.select_booking(ids["李四"])
    page.view.activated.emit(page.view.currentIndex())
    assert isinstance(page.dialog, BookingCard) and page.dialog.info.id == ids["李四"]
    page.dialog.approve()
    assert page.model.record(page.view.currentIndex().row()).status == "已批准"  # type: ignore[union-attr]


def test_calls_to_make_and_keys_out(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    db = clerk_ctx.db
    ids = seed(clerk_ctx)
    meeting = booking(
        room_id(db, "党群书屋"),
        open_day(),
        "10:00",
        "11:00",
        name="东风社区党委",
        category="党组织",
        official=True,
        purpose="党员大会",
    )
    create_booking(db, meeting, actor=CLERK, bump_reason="换届选举")
    hand_over_key(db, ids["王五"], handed_to="王五", actor=CLERK)
    page = page_for(qtbot, clerk_ctx)
    assert page.calls_link.isVisible() and "待电话通知 1 个" in page.calls_link.text()
    assert page.keys_link.isVisible() and "钥匙未还 1 把" in page.keys_link.text()
    calls = page.open_calls()
    assert isinstance(calls, CallsDialog) and [b.id for b in calls.model.records()] == [ids["张三"]]
    keys = page.open_keys()
    assert isinstance(keys, KeysDialog) and keys.model.records()[0].handed_to == "王五"
    card = keys.open_booking()
    assert isinstance(card, BookingCard) and card.info.id == ids["王五"]


def test_usage_statistics_refuse_a_bad_period_then_print(
    qtbot: QtBot, clerk_ctx: UiContext
) -> None:
    seed(clerk_ctx)
    page = page_for(qtbot, clerk_ctx)
    dialog = page.open_usage()
    assert isinstance(dialog, UsageDialog)
    day = open_day()
    dialog.first_edit.set_value(day)
    dialog.last_edit.set_value(day - timedelta(days=1))
    dialog.accept()
    assert dialog.isVisible() and "不能早于开始日期" in dialog.grid.error_text("last_day")
    dialog.last_edit.setText("2026-13-45")
    dialog.accept()
    assert dialog.isVisible() and dialog.grid.error_text("last_day")
    dialog.first_edit.set_value(day.replace(day=1))
    dialog.last_edit.set_value(day)
    dialog.accept()
    preview = dialog.preview
    assert isinstance(preview, PdfPreviewDialog)
    assert get_document(clerk_ctx.db, preview.document_id or 0).kind == "room-usage"


def test_the_serial_column_shows_whole_serials(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    """Sized to its contents the serial column fits the whole number (its delegate cuts a
    serial only when there is no room; measuring the cut text would shrink it every time)."""
    seed(clerk_ctx)
    page = page_for(qtbot, clerk_ctx)
    qtbot.waitExposed(page)
    view, column = page.view, BookingsModel.COL_SERIAL
    serial = page.model.record(0).serial  # type: ignore[union-attr]
    needed = view.fontMetrics().horizontalAdvance(serial)
    assert view.columnWidth(column) >= needed
    fit_columns(view)  # again: it does not shrink
    assert view.columnWidth(column) >= needed
