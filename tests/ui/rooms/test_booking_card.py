"""预约详情: approving, rejecting and cancelling with reasons (the safe choice by default),
used and no-show, keys, the confirmation slip and its 补打, a series, a displaced booking."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor, Role
from djdesk.services.documents import find_by_serial
from djdesk.services.rooms.booking_info import get_booking
from djdesk.services.rooms.bookings import create_booking
from djdesk.services.rooms.calendar import centre_now
from djdesk.services.rooms.series import SeriesInput, book_series
from djdesk.services.rooms.settings import RuleOverrides, save_rules
from djdesk.services.rooms.types import BookingStatus, Frequency
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.rooms.action_dialogs import (
    KeyInDialog,
    KeyOutDialog,
    NotifiedDialog,
    ReasonConfirmDialog,
    UsedDialog,
)
from djdesk.ui.rooms.booking_card import BookingCard
from tests.helpers.rooms import ADMIN, CLERK, booking, room_id
from tests.ui.rooms.conftest import open_day


def card_for(qtbot: QtBot, ctx: UiContext, booking_id: int) -> BookingCard:
    card = BookingCard(ctx, booking_id)
    qtbot.addWidget(card)
    card.show()
    return card


def visible(card: BookingCard) -> set[str]:
    return {name for name, button in card.buttons.items() if button.isVisibleTo(card)}


def made(ctx: UiContext, room: str = "议事厅", start: str = "10:00", **kw: object) -> int:
    data = booking(room_id(ctx.db, room), open_day(), start, "11:00", **kw)  # type: ignore[arg-type]
    return create_booking(ctx.db, data, actor=CLERK).booking.id


def past(ctx: UiContext, room: str = "党群书屋") -> int:
    """An approved booking that started yesterday or before."""
    day = centre_now().date() - timedelta(days=1)
    then = datetime.combine(day - timedelta(days=2), time(9))
    data = booking(room_id(ctx.db, room), day, "10:00", "11:00")
    return create_booking(ctx.db, data, actor=CLERK, now=then).booking.id


def test_a_request_is_approved(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    first, second = made(clerk_ctx), made(clerk_ctx, name="李四", phone="13900139000")
    card = card_for(qtbot, clerk_ctx, first)
    assert visible(card) == {"approve", "reject_request", "cancel", "print"}
    assert card.focusWidget() is card.buttons["approve"]
    with qtbot.waitSignal(clerk_ctx.events.changed):
        card.buttons["approve"].click()
    assert card.info.status == BookingStatus.APPROVED and card.badge.text() == "已批准"
    assert isinstance(card.child, QMessageBox) and "1 个待审批申请" in card.child.text()
    assert [e.kind for e in card.history.records()] == ["登记", "批准"]
    other = card_for(qtbot, clerk_ctx, second)
    other.approve()  # now it clashes: refused with the clash named, nothing changes
    assert get_booking(clerk_ctx.db, second).status == BookingStatus.PENDING


def test_rejecting_needs_a_reason_and_the_safe_choice_is_the_default(
    qtbot: QtBot, clerk_ctx: UiContext
) -> None:
    card = card_for(qtbot, clerk_ctx, made(clerk_ctx))
    dialog = card.reject_request()
    assert isinstance(dialog, ReasonConfirmDialog)
    assert dialog.safe_button.isDefault() and dialog.action_button.text() == "驳回预约"
    assert dialog.focusWidget() is dialog.safe_button
    dialog.accept()
    assert dialog.isVisible() and "请填写理由" in dialog.grid.error_text("reason")
    assert get_booking(clerk_ctx.db, card.booking_id).status == BookingStatus.PENDING
    dialog.reason_edit.setEditText("该时段另有安排")
    dialog.accept()
    assert not dialog.isVisible() and card.info.status == BookingStatus.REJECTED
    assert visible(card) == set()


def test_cancelling_asks_first(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    card = card_for(qtbot, clerk_ctx, made(clerk_ctx, room="党群书屋"))
    dialog = card.cancel()
    assert isinstance(dialog, ReasonConfirmDialog) and dialog.action_button.text() == "取消预约"
    dialog.reject()  # 返回: nothing happens
    assert get_booking(clerk_ctx.db, card.booking_id).status == BookingStatus.APPROVED
    dialog = card.cancel()
    assert isinstance(dialog, ReasonConfirmDialog)
    dialog.reason_edit.setEditText("预约人申请取消")
    dialog.accept()
    assert card.info.status == BookingStatus.CANCELLED


def test_used_only_after_the_start(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    ahead = card_for(qtbot, clerk_ctx, made(clerk_ctx, room="党群书屋"))
    dialog = ahead.used()
    assert isinstance(dialog, UsedDialog)
    dialog.accept()
    assert dialog.isVisible() and "尚未开始" in dialog.grid.error_text("start")
    assert ahead.info.status == BookingStatus.APPROVED
    card = card_for(qtbot, clerk_ctx, past(clerk_ctx))
    dialog = card.used()
    assert isinstance(dialog, UsedDialog)
    dialog.attendees_spin.setValue(7)
    dialog.accept()
    assert card.info.status == BookingStatus.USED and card.info.actual_attendees == 7


def test_keys_out_and_back_with_the_condition(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    card = card_for(qtbot, clerk_ctx, past(clerk_ctx))
    dialog = card.key_out()
    assert isinstance(dialog, KeyOutDialog)
    dialog.person_edit.clear()
    dialog.accept()
    assert dialog.isVisible() and "领取钥匙的人" in dialog.grid.error_text("contact_name")
    dialog.person_edit.setText("王秀英")
    dialog.accept()
    assert visible(card) >= {"key_in"} and "key_out" not in visible(card)
    back = card.key_in()
    assert isinstance(back, KeyInDialog)
    back.condition_combo.setCurrentIndex(back.condition_combo.findData("有损坏"))
    back.accept()
    assert back.isVisible() and "请写明情况" in back.grid.error_text("reason")
    back.note_edit.setText("一把椅子腿松动")
    back.accept()
    assert card.info.status == BookingStatus.USED
    assert [e.kind for e in card.history.records()][-2:] == ["领取钥匙", "归还钥匙"]


def test_a_no_show_can_suspend_the_booker(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    save_rules(clerk_ctx.db, RuleOverrides(no_show_limit=1), actor=ADMIN)
    card = card_for(qtbot, clerk_ctx, past(clerk_ctx))
    dialog = card.no_show()
    assert isinstance(dialog, ReasonConfirmDialog) and dialog.action_button.text() == "登记爽约"
    dialog.accept()  # the reason is optional here
    assert card.info.status == BookingStatus.NO_SHOW
    qtbot.waitUntil(lambda: isinstance(card.child, QMessageBox))
    assert isinstance(card.child, QMessageBox) and "暂停至" in card.child.text()


def test_the_slip_prints_once_then_as_a_reprint_with_a_reason(
    qtbot: QtBot, clerk_ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = card_for(qtbot, clerk_ctx, made(clerk_ctx, room="党群书屋"))
    card.print()
    preview = card.child
    assert isinstance(preview, PdfPreviewDialog) and preview.document_id
    assert preview.page_count() == 1
    asked: list[str] = []
    monkeypatch.setattr(
        "djdesk.ui.common.print_flow.ask_reprint_reason",
        lambda _p, exc: asked.append(exc.serial) or "",
    )
    card.print()  # a 补打: the reason is asked; cancelled, nothing is printed
    assert asked == [card.info.serial] and card.child is preview
    monkeypatch.setattr(
        "djdesk.ui.common.print_flow.ask_reprint_reason", lambda _p, _exc: "原件遗失"
    )
    card.print()
    assert card.child is not preview
    copies = find_by_serial(clerk_ctx.db, card.info.serial)
    assert [(c.copy_number, c.reason) for c in copies] == [(0, ""), (1, "原件遗失")]


def test_the_rest_of_a_series_is_cancelled(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    db = clerk_ctx.db
    save_rules(db, RuleOverrides(quota_count=0, quota_hours=0), actor=ADMIN)
    data = booking(room_id(db, "党群书屋"), open_day(), "10:00", "11:00", name="夕阳红合唱团")
    result = book_series(db, SeriesInput(data, Frequency.WEEKLY, count=4), actor=CLERK)
    card = card_for(qtbot, clerk_ctx, result.booked[1].id)
    assert "cancel_rest" in visible(card)
    dialog = card.cancel_rest()
    assert isinstance(dialog, ReasonConfirmDialog)
    dialog.reason_edit.setEditText("团队活动结束")
    dialog.accept()
    statuses = [get_booking(db, b.id).status for b in result.booked]
    assert statuses == ["已批准", "已取消", "已取消", "已取消"]


def test_a_displaced_booking_is_phoned_and_gets_its_notice(
    qtbot: QtBot, clerk_ctx: UiContext
) -> None:
    db = clerk_ctx.db
    resident = made(clerk_ctx, room="党群书屋")
    meeting = booking(
        room_id(db, "党群书屋"),
        open_day(),
        "10:00",
        "11:00",
        name="东风社区第一党支部",
        category="党组织",
        official=True,
        purpose="支部委员会",
    )
    create_booking(db, meeting, actor=CLERK, bump_reason="上级临时通知")
    card = card_for(qtbot, clerk_ctx, resident)
    assert visible(card) == {"notified", "notice"}
    assert "尚未电话通知" in card.values["note"].text()
    dialog = card.notified()
    assert isinstance(dialog, NotifiedDialog)
    dialog.note_edit.setText("已改约周五下午")
    dialog.accept()
    qtbot.wait(1)  # the event loop turns between two clicks (the closed dialog goes)
    assert card.info.notified_at is not None and visible(card) == {"notice"}
    card.notice()
    assert isinstance(card.child, PdfPreviewDialog)


def test_a_viewer_sees_but_cannot_act(qtbot: QtBot, clerk_ctx: UiContext) -> None:
    viewer = UiContext(
        db=clerk_ctx.db,
        paths=clerk_ctx.paths,
        tasks=clerk_ctx.tasks,
        actor=Actor("chakan", "查看员", Role.VIEWER, 9),
    )
    card = card_for(qtbot, viewer, made(clerk_ctx))
    assert visible(card) == {"approve", "reject_request", "cancel", "print"}
    assert not any(card.buttons[name].isEnabled() for name in visible(card))
