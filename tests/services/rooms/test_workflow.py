"""Approval, rejection, cancellation, use, no-shows and suspension, keys, overrides and the
priority bump, each change recorded with who and why."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from djdesk.errors import DjdeskError, PermissionDeniedError, ValidationErrors
from djdesk.services.accounts.audit import AuditFilter, entries_page
from djdesk.services.rooms.bookers import BookerInput, get_booker, save_booker
from djdesk.services.rooms.booking_info import booking_history, get_booking
from djdesk.services.rooms.bookings import check_booking, create_booking
from djdesk.services.rooms.bump import calls_to_make, mark_notified
from djdesk.services.rooms.keys import hand_over_key, keys_out, return_key
from djdesk.services.rooms.noshows import lift_suspension, suspensions
from djdesk.services.rooms.transitions import (
    approve_booking,
    cancel_booking,
    mark_no_show,
    mark_used,
    reject_booking,
)
from djdesk.services.rooms.types import BookingStatus, EventKind, KeyCondition, Outcome, Rule
from djdesk.services.store import Database
from tests.helpers.rooms import ADMIN, CLERK, NOW, booking, room_id

THU = date(2026, 12, 3)


def test_pending_requests_are_tentative_and_a_conflicting_one_is_never_approved(
    rooms_db: Database,
) -> None:
    hall = room_id(rooms_db, "多功能厅")  # needs approval
    first = create_booking(rooms_db, booking(hall, THU, "14:00", "16:00"), actor=CLERK, now=NOW)
    assert first.booking.status == BookingStatus.PENDING
    second_data = booking(hall, THU, "15:00", "17:00", name="李四", phone="13900001111")
    check = check_booking(rooms_db, second_data, now=NOW)
    assert check.allowed and check.result(Rule.TENTATIVE).outcome is Outcome.WARN
    second = create_booking(rooms_db, second_data, actor=CLERK, now=NOW)
    assert "待审批" in second.check.warnings[0].message
    approved = approve_booking(rooms_db, second.booking.id, actor=CLERK, now=NOW)
    assert approved.overlapping_pending == (first.booking.id,)
    with pytest.raises(ValidationErrors) as info:
        approve_booking(rooms_db, first.booking.id, actor=CLERK, now=NOW)
    assert "时间冲突" in info.value.message and "李四" in info.value.message
    assert get_booking(rooms_db, first.booking.id).status == BookingStatus.PENDING
    with pytest.raises(ValidationErrors):
        reject_booking(rooms_db, first.booking.id, actor=CLERK, reason=" ")
    rejected = reject_booking(rooms_db, first.booking.id, actor=CLERK, reason="与已批准的活动冲突")
    assert rejected.status == BookingStatus.REJECTED
    history = booking_history(rooms_db, first.booking.id)
    assert [(h.kind, h.to_status) for h in history] == [
        (EventKind.CREATED, BookingStatus.PENDING),
        (EventKind.REJECTED, BookingStatus.REJECTED),
    ]
    assert history[-1].actor_name == "前台小王" and history[-1].reason == "与已批准的活动冲突"


def test_used_and_no_show_only_after_the_start(rooms_db: Database) -> None:
    room = room_id(rooms_db, "党群书屋")
    made = create_booking(rooms_db, booking(room, THU, "10:00", "12:00"), actor=CLERK, now=NOW)
    with pytest.raises(ValidationErrors):
        mark_used(rooms_db, made.booking.id, actor=CLERK, now=NOW)
    used = mark_used(
        rooms_db, made.booking.id, actor=CLERK, attendees=8, now=datetime(2026, 12, 3, 12, 5)
    )
    assert used.status == BookingStatus.USED and used.actual_attendees == 8
    with pytest.raises(DjdeskError):
        cancel_booking(rooms_db, made.booking.id, actor=CLERK, reason="晚了")


def test_three_no_shows_suspend_the_booker(rooms_db: Database) -> None:
    room = room_id(rooms_db, "舞蹈排练室")
    team = save_booker(
        rooms_db,
        BookerInput(category="居民团队", name="广场舞二队", phone="13600001111"),
        actor=CLERK,
    )
    for day in (2, 3, 4):
        made = create_booking(
            rooms_db,
            booking(room, date(2026, 12, day), "19:00", "20:00", booker_id=team.id),
            actor=CLERK,
            now=NOW,
        )
        result = mark_no_show(
            rooms_db,
            made.booking.id,
            actor=CLERK,
            reason="无人到场",
            now=datetime(2026, 12, 4, 21, 0),
        )
    assert result.no_shows == 3 and result.suspended_until is not None
    later = datetime(2026, 12, 5, 9, 0)
    info = get_booker(rooms_db, team.id, today=later.date())
    assert info.suspended_until == date(2027, 1, 2)
    with pytest.raises(ValidationErrors) as refused:
        create_booking(
            rooms_db,
            booking(room, date(2026, 12, 8), "19:00", "20:00", booker_id=team.id),
            actor=CLERK,
            now=later,
        )
    error = refused.value.for_field("booker")
    assert error is not None and "暂停预约资格" in error.message and "2027-01-02" in error.message
    suspension = suspensions(rooms_db, today=later.date())[0]
    with pytest.raises(PermissionDeniedError):
        lift_suspension(rooms_db, suspension.id, actor=CLERK, reason="已说明情况")
    lift_suspension(rooms_db, suspension.id, actor=ADMIN, reason="已说明情况")
    create_booking(
        rooms_db,
        booking(room, date(2026, 12, 8), "19:00", "20:00", booker_id=team.id),
        actor=CLERK,
        now=later,
    )


def test_keys_go_out_and_come_back_with_the_condition(rooms_db: Database) -> None:
    room = room_id(rooms_db, "党群书屋")
    made = create_booking(rooms_db, booking(room, THU, "10:00", "12:00"), actor=CLERK, now=NOW)
    hand_over_key(rooms_db, made.booking.id, handed_to="张三", actor=CLERK)
    assert [k.booking_id for k in keys_out(rooms_db)] == [made.booking.id]
    with pytest.raises(ValidationErrors):
        return_key(rooms_db, made.booking.id, condition=KeyCondition.DAMAGED, actor=CLERK)
    back = return_key(
        rooms_db,
        made.booking.id,
        condition=KeyCondition.DAMAGED,
        remarks="椅子一把损坏",
        actor=CLERK,
    )
    assert back.condition == KeyCondition.DAMAGED and back.returned_at is not None
    assert keys_out(rooms_db) == []
    assert get_booking(rooms_db, made.booking.id).status == BookingStatus.USED
    kinds = [h.kind for h in booking_history(rooms_db, made.booking.id)]
    assert kinds == [EventKind.CREATED, EventKind.KEY_OUT, EventKind.KEY_IN]


def test_an_administrator_may_override_a_rule_with_a_reason(rooms_db: Database) -> None:
    room = room_id(rooms_db, "党群书屋")
    data = booking(room, NOW.date(), "15:00", "16:00", override_reason="街道临时通知的座谈会")
    with pytest.raises(PermissionDeniedError):
        create_booking(rooms_db, data, actor=CLERK, now=NOW)
    made = create_booking(rooms_db, data, actor=ADMIN, now=NOW)
    assert made.booking.override_reason == "街道临时通知的座谈会"
    assert [r.rule for r in made.check.overridden] == [Rule.NOTICE]
    history = booking_history(rooms_db, made.booking.id)
    assert history[-1].kind == EventKind.OVERRIDE and "最少提前" in history[-1].reason
    audit = entries_page(rooms_db, ADMIN, AuditFilter())
    assert any("例外放行" in e.summary for e in audit)
    # capacity is never overridden
    over = booking(room, THU, "10:00", "11:00", attendees=80, override_reason="人多")
    with pytest.raises(ValidationErrors):
        create_booking(rooms_db, over, actor=ADMIN, now=NOW)


def test_an_official_party_meeting_displaces_a_resident_booking(rooms_db: Database) -> None:
    room = room_id(rooms_db, "新时代文明实践站")
    resident = create_booking(rooms_db, booking(room, THU, "14:00", "16:00"), actor=CLERK, now=NOW)
    branch = save_booker(
        rooms_db,
        BookerInput(category="党组织", name="东风社区第一党支部", phone="0831-8221234"),
        actor=CLERK,
    )
    meeting = booking(
        room, THU, "15:00", "17:00", booker_id=branch.id, official=True, purpose="支部党员大会"
    )
    with pytest.raises(ValidationErrors):
        create_booking(rooms_db, meeting, actor=CLERK, now=NOW)  # no reason: an ordinary clash
    preview = check_booking(rooms_db, meeting, now=NOW, bump=True)
    assert preview.allowed and preview.displaced() == (resident.booking.id,)
    made = create_booking(rooms_db, meeting, actor=CLERK, now=NOW, bump_reason="上级通知临时召开")
    assert [d.id for d in made.displaced] == [resident.booking.id]
    displaced = get_booking(rooms_db, resident.booking.id)
    assert displaced.status == BookingStatus.CANCELLED and displaced.bumped_by_id == made.booking.id
    assert [c.id for c in calls_to_make(rooms_db)] == [resident.booking.id]
    mark_notified(rooms_db, resident.booking.id, actor=CLERK, note="已电话告知，改约周五")
    assert calls_to_make(rooms_db) == []
    # a resident's booking does not displace anyone, nor does a meeting displace a unit
    with pytest.raises(ValidationErrors):
        create_booking(
            rooms_db,
            booking(room, THU, "16:00", "17:00", name="王五", phone="13500001111"),
            actor=CLERK,
            now=NOW,
            bump_reason="急",
        )
