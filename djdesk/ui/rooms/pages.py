"""The rooms area's pages: 场地预约 (day and week views), 预约查询 (the searchable list) and,
for administrators, 场地管理 (rooms, rules, closures, suspensions)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from djdesk.actor import ADMINS
from djdesk.ui.common.context import UiContext
from djdesk.ui.registry import PageSpec


def _day_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.rooms.day_page import RoomsDayPage

    return RoomsDayPage(ctx)


def _bookings_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.rooms.bookings_page import BookingsPage

    return BookingsPage(ctx)


def _admin_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.rooms.admin_page import RoomsAdminPage

    return RoomsAdminPage(ctx)


PAGES = [
    PageSpec(
        "rooms-day",
        "场地预约",
        _day_page,
        "按日、按周查看各场地的预约，在空闲时段新建预约",
        order=200,
    ),
    PageSpec(
        "bookings",
        "预约查询",
        _bookings_page,
        "查找预约、审批、待电话通知、钥匙与使用统计",
        order=210,
    ),
    PageSpec(
        "rooms-admin",
        "场地管理",
        _admin_page,
        "场地、开放时间、预约规则、闭馆安排与暂停名单（管理员维护）",
        ADMINS,
        order=220,
    ),
]
