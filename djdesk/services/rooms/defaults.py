"""The rooms a new centre starts with (domain.md §4.1) and their usual hours (§4.2).

They are created for a site on first use (:func:`djdesk.services.rooms.rooms.ensure_default_rooms`)
and an administrator edits them afterwards like any other room.
"""

from __future__ import annotations

from dataclasses import dataclass

from djdesk.services.rooms.types import BookerCategory

ALL = tuple(BookerCategory)
PARTY = (BookerCategory.PARTY_ORG, BookerCategory.UNIT)
COMMUNITY = (
    BookerCategory.RESIDENT,
    BookerCategory.TEAM,
    BookerCategory.SOCIAL_ORG,
    BookerCategory.PARTY_ORG,
)


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


#: 周一至周五 8:30–12:00、13:30–17:30 (the party activity room of §4.2).
OFFICE = ((hm("8:30"), hm("12:00")), (hm("13:30"), hm("17:30")))
#: 每天 9:00–21:00 (activity rooms with evening hours).
LONG_DAY = ((hm("9:00"), hm("21:00")),)
#: 工作日 8:30–17:30.
WORKDAY = ((hm("8:30"), hm("17:30")),)


@dataclass(frozen=True)
class DefaultRoom:
    name: str
    floor: str
    capacity: int
    area_sqm: int
    equipment: tuple[str, ...]
    categories: tuple[BookerCategory, ...]
    needs_approval: bool
    weekdays: tuple[tuple[int, int], ...]
    weekend: tuple[tuple[int, int], ...]


DEFAULT_ROOMS = (
    DefaultRoom(
        "党员活动室", "3楼", 40, 80, ("投影", "音响", "党旗", "桌椅"), PARTY, False, OFFICE, ()
    ),
    DefaultRoom("议事厅", "2楼", 30, 60, ("投影", "话筒", "会议桌"), ALL, True, WORKDAY, ()),
    DefaultRoom(
        "多功能厅", "1楼", 120, 200, ("投影", "音响", "舞台", "桌椅"), ALL, True, LONG_DAY, LONG_DAY
    ),
    DefaultRoom(
        "党群书屋", "2楼", 30, 70, ("书架", "阅览桌"), COMMUNITY, False, LONG_DAY, LONG_DAY
    ),
    DefaultRoom("日间照料室", "1楼", 20, 60, ("沙发", "电视"), COMMUNITY, True, WORKDAY, ()),
    DefaultRoom(
        "儿童之家", "2楼", 25, 50, ("桌椅", "玩具柜"), COMMUNITY, False, LONG_DAY, LONG_DAY
    ),
    DefaultRoom("志愿服务站", "1楼", 15, 30, ("桌椅",), ALL, False, WORKDAY, WORKDAY),
    DefaultRoom(
        "调解室", "1楼", 8, 20, ("会谈桌",), (BookerCategory.PARTY_ORG,), True, WORKDAY, ()
    ),
    DefaultRoom(
        "心理咨询室", "2楼", 6, 15, ("沙发",), (BookerCategory.SOCIAL_ORG,), True, WORKDAY, ()
    ),
    DefaultRoom(
        "舞蹈排练室", "3楼", 40, 90, ("镜墙", "音响", "把杆"), COMMUNITY, False, LONG_DAY, LONG_DAY
    ),
    DefaultRoom("党群共建室", "3楼", 30, 60, ("投影", "会议桌"), PARTY, False, OFFICE, ()),
    DefaultRoom(
        "新时代文明实践站", "1楼", 50, 100, ("投影", "音响", "桌椅"), ALL, False, LONG_DAY, LONG_DAY
    ),
)


def default_hours(
    weekdays: tuple[tuple[int, int], ...], weekend: tuple[tuple[int, int], ...]
) -> dict[int, tuple[tuple[int, int], ...]]:
    """Hours by weekday (0–6) from a weekday and a weekend pattern."""
    hours = dict.fromkeys(range(5), weekdays) | dict.fromkeys((5, 6), weekend)
    return {k: v for k, v in hours.items() if v}


def default_hours_rows(
    room_id: int, weekdays: tuple[tuple[int, int], ...], weekend: tuple[tuple[int, int], ...]
) -> list[dict[str, int]]:
    """The same as rows of ``room_hours`` for a bulk insert."""
    return [
        {"room_id": room_id, "day_kind": kind, "opens": o, "closes": c}
        for kind, intervals in default_hours(weekdays, weekend).items()
        for o, c in intervals
    ]
