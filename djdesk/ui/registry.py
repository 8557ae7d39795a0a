"""The page registry: which pages the main window's navigation offers, in order.

Each area adds its page with one :class:`PageSpec` (a key, the Chinese title shown in the
navigation, and a factory taking the :class:`~djdesk.ui.context.UiContext`). Factories import
their page module lazily so the registry stays cheap and free of import cycles::

    register_page(PageSpec("members", "党员报到", _members_page), before="settings")

A page is any ``QWidget``; if it has a ``refresh()`` method, the window calls it each time the
page is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from djdesk.actor import ADMINS, Role
from djdesk.ui.context import UiContext

PageFactory = Callable[[UiContext], QWidget]


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: PageFactory
    tooltip: str = ""
    #: Roles that see the page in the navigation; ``None`` = everyone.
    roles: tuple[Role, ...] | None = None


def _overview_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.overview_page import OverviewPage

    return OverviewPage(ctx)


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


def _users_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.accounts.users_page import UsersPage

    return UsersPage(ctx)


def _audit_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.accounts.audit_page import AuditPage

    return AuditPage(ctx)


def _settings_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.site.settings_page import SettingsPage

    return SettingsPage(ctx)


#: The navigation, top to bottom. 设置 stays last.
PAGES: list[PageSpec] = [
    PageSpec("overview", "概览", _overview_page, "本机站点与数据概况"),
    PageSpec("checkin", "党员报到", _checkin_page, "查找党员、办理报到与迁出、打印报到回执"),
    PageSpec("members", "党员名册", _members_page, "在职党员名册：筛选、排序、导入与导出"),
    PageSpec("units", "驻区单位", _units_page, "驻区单位党组织报到登记（双报到）"),
    PageSpec("grids", "网格与岗位", _grids_page, "社区网格与服务岗位清单（管理员维护）"),
    PageSpec("users", "用户管理", _users_page, "工作人员账户：新建、重置密码、停用", ADMINS),
    PageSpec("audit", "审计日志", _audit_page, "谁在何时做了什么：筛选与导出", ADMINS),
    PageSpec("settings", "设置", _settings_page, "本机站点信息、数据文件夹与版本"),
]


def register_page(spec: PageSpec, *, before: str | None = "settings") -> None:
    """Add a page (or replace the one with the same key) before ``before`` (default 设置).

    With ``before=None``, or a key that is not registered, the page goes last.
    """
    existing = [i for i, p in enumerate(PAGES) if p.key == spec.key]
    if existing:
        PAGES[existing[0]] = spec
        return
    keys = [p.key for p in PAGES]
    PAGES.insert(keys.index(before) if before in keys else len(PAGES), spec)


def default_pages() -> list[PageSpec]:
    """A copy of the registry, for one window."""
    return list(PAGES)
