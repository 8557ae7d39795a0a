"""The page registry: which pages the main window's navigation offers, in order.

Each area lists its pages in its own ``djdesk/ui/<area>/pages.py`` as ``PAGES``: one
:class:`PageSpec` each (a key, the Chinese title shown in the navigation, a factory taking the
:class:`~djdesk.ui.common.context.UiContext`, and an ``order`` that places it). The registry
finds those modules by scanning the ``djdesk.ui`` package, so a new area touches no shared
file. Factories import their page module lazily so the registry stays cheap::

    PAGES = [PageSpec("rooms", "场地预约", _rooms_page, order=200)]

A page is any ``QWidget``; if it has a ``refresh()`` method, the window calls it each time the
page is shown. :func:`register_page` adds or replaces a page at run time (tests, plug-ins).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PySide6.QtWidgets import QWidget

from djdesk.actor import Role
from djdesk.discovery import area_modules
from djdesk.ui.common.context import UiContext

PageFactory = Callable[[UiContext], QWidget]

#: ``order`` of the first and the last page; areas place theirs in between.
FIRST, LAST = 0, 10_000


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: PageFactory
    tooltip: str = ""
    #: Roles that see the page in the navigation; ``None`` = everyone.
    roles: tuple[Role, ...] | None = None
    #: Position in the navigation: lower first (概览 0, 设置 10000).
    order: int = 500
    #: Site levels (社区 / 街道 / 区) whose navigation offers the page; ``None`` = every level.
    levels: tuple[str, ...] | None = None


def _overview_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.overview_page import OverviewPage

    return OverviewPage(ctx)


OVERVIEW = PageSpec("overview", "概览", _overview_page, "本机站点与数据概况", order=FIRST)

#: Pages registered at run time; they replace discovered pages with the same key.
_REGISTERED: list[PageSpec] = []


@cache
def area_pages() -> tuple[PageSpec, ...]:
    """The pages every ``djdesk.ui.<area>.pages`` module lists."""
    modules = area_modules("djdesk.ui", "pages")
    return tuple(spec for module in modules for spec in module.PAGES)


def register_page(spec: PageSpec) -> None:
    """Add a page, or replace the one with the same key."""
    _REGISTERED[:] = [p for p in _REGISTERED if p.key != spec.key]
    _REGISTERED.append(spec)


def default_pages() -> list[PageSpec]:
    """The navigation for one window, top to bottom."""
    by_key = {p.key: p for p in (OVERVIEW, *area_pages())}
    by_key.update({p.key: p for p in _REGISTERED})
    return sorted(by_key.values(), key=lambda p: p.order)


def visible_pages(specs: list[PageSpec], role: Role, level: str | None) -> list[PageSpec]:
    """The pages of ``role`` and of a site at ``level`` (every level's while no site is set)."""
    return [
        s
        for s in specs
        if (s.roles is None or role in s.roles)
        and (s.levels is None or level is None or level in s.levels)
    ]
