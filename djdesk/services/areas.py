"""How an area plugs into the shared parts without editing them.

Each area package under ``djdesk/services/`` may hold a module ``area.py`` with one
``AREA = AreaSpec(...)``: the tables it wants counted (概览, ``djdesk info``, backups), its
demo-data contributor and the command-line options that size it, its overview tiles, the
Chinese labels of its tables' columns (the audit log shows 变更内容 with them) and what it sets
up for itself once the site is configured (:func:`run_site_setup`).
:func:`area_specs` finds them by scanning the package, so a new area adds its own folder and
touches no shared file. ``area.py`` must stay cheap to import: it names functions that
import the area's heavier modules when they are called.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy.orm import DeclarativeBase, Session

from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.discovery import area_modules
from djdesk.paths import AppPaths

#: An area's set-up for the configured site (see :attr:`AreaSpec.site_setup`).
SiteSetup = Callable[[AppPaths, Database, Actor], str | None]


@dataclass(frozen=True)
class DemoOptions:
    """What ``djdesk demo`` was asked for: a seed and a count per sizing option."""

    seed: int = 1
    counts: Mapping[str, int] = field(default_factory=dict)

    def count(self, key: str) -> int:
        """The asked-for count of ``key``, else the option's registered default."""
        if key in self.counts:
            return self.counts[key]
        return next((o.default for o in demo_options() if o.key == key), 0)


@dataclass(frozen=True)
class DemoOption:
    """A sizing option of the demo (``--members N``), shown by ``djdesk demo --help``."""

    key: str
    help: str
    default: int


#: Fills an area's demo data in the open session; returns counts by Chinese label.
DemoFiller = Callable[[Session, DemoOptions, random.Random], dict[str, int]]


@dataclass(frozen=True)
class CountedTable:
    """A table shown in record counts, with its Chinese label (tombstones are not counted)."""

    key: str
    label: str
    model: type[DeclarativeBase]


@dataclass(frozen=True)
class OverviewTile:
    """A figure on the 概览 page: title, value, a line of detail, the page that shows more."""

    title: str
    value: str
    detail: str = ""
    page: str = ""
    #: True when the figure needs the clerk's attention (shown highlighted).
    attention: bool = False


@dataclass(frozen=True)
class AreaSpec:
    """What one area contributes to the shared parts."""

    key: str
    title: str
    #: Position among areas (navigation, demo order, counts): lower first.
    order: int
    counted_tables: tuple[CountedTable, ...] = ()
    demo: DemoFiller | None = None
    demo_options: tuple[DemoOption, ...] = ()
    tiles: Callable[[Database], list[OverviewTile]] | None = None
    #: Chinese label of each column of the area's tables: table name → column → label.
    field_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: Run whenever the site's identity is saved (so it must do nothing the second time):
    #: what the area sets up for itself, said in one Chinese line, or ``None`` for nothing new.
    site_setup: SiteSetup | None = None


@cache
def area_specs() -> tuple[AreaSpec, ...]:
    """Every area's spec, in ``order``."""
    specs = [module.AREA for module in area_modules("djdesk.services", "area")]
    return tuple(sorted(specs, key=lambda s: (s.order, s.key)))


def run_site_setup(paths: AppPaths, db: Database, *, actor: Actor) -> list[str]:
    """Let every area set itself up for the configured site; what was new, one line each."""
    notes = []
    for spec in area_specs():
        if spec.site_setup is not None and (note := spec.site_setup(paths, db, actor)):
            notes.append(note)
    return notes


def demo_options() -> list[DemoOption]:
    return [option for spec in area_specs() for option in spec.demo_options]


def counted_tables() -> list[CountedTable]:
    return [table for spec in area_specs() for table in spec.counted_tables]
