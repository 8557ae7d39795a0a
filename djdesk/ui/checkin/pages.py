"""The check-in area's pages: 党员报到, 党员名册, 驻区单位, 网格与岗位."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from djdesk.ui.common.context import UiContext
from djdesk.ui.registry import PageSpec


def _checkin_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.checkin.checkin_page import CheckInPage

    return CheckInPage(ctx)


def _members_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.checkin.members_page import MembersPage

    return MembersPage(ctx)


def _units_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.checkin.units_page import UnitsPage

    return UnitsPage(ctx)


def _grids_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.checkin.grids_page import GridsPage

    return GridsPage(ctx)


PAGES = [
    PageSpec(
        "checkin",
        "党员报到",
        _checkin_page,
        "查找党员、办理报到与迁出、打印报到回执",
        order=100,
    ),
    PageSpec(
        "members", "党员名册", _members_page, "在职党员名册：筛选、排序、导入与导出", order=110
    ),
    PageSpec("units", "驻区单位", _units_page, "驻区单位党组织报到登记（双报到）", order=120),
    PageSpec("grids", "网格与岗位", _grids_page, "社区网格与服务岗位清单（管理员维护）", order=130),
]
