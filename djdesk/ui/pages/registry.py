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

from djdesk.actor import Role
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
    from djdesk.ui.pages.overview_page import OverviewPage

    return OverviewPage(ctx)


def _settings_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.pages.settings_page import SettingsPage

    return SettingsPage(ctx)


#: The navigation, top to bottom. 设置 stays last.
PAGES: list[PageSpec] = [
    PageSpec("overview", "概览", _overview_page, "本机站点与数据概况"),
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
