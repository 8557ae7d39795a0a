"""Demo data: a realistic data set for trying djdesk out, deterministic for a seed.

Demo data goes into the site that is set up; a demo community is created only when no site is
(set up like any site when the data folder is given: its signing key pair too).
Each area contributes a filler through its ``AREA`` spec (:mod:`djdesk.services.areas`); a
filler receives the open session, the options and a seeded random generator, and returns
counts of what it created, keyed like the counted tables. A data folder that already holds
demo data is left as it is unless more is asked for explicitly.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sqlalchemy import select

from djdesk.actor import ADMINS, Actor
from djdesk.db.audit import record_event
from djdesk.db.models.accounts import AuditEntry
from djdesk.db.session import Database
from djdesk.paths import AppPaths
from djdesk.services.areas import DemoOptions, area_specs
from djdesk.services.site.demo_sites import DEMO_SITES
from djdesk.services.site.identity import SiteInfo, get_site, save_site
from djdesk.services.site.setup import set_up_site

__all__ = ["DemoOptions", "DemoSummary", "fill_demo", "has_demo_data"]

#: Summary written to the audit log by every demo run (how a later run recognises one).
DEMO_EVENT = "填入演示数据"


@dataclass(frozen=True)
class DemoSummary:
    site: SiteInfo
    site_created: bool
    created: dict[str, int] = field(default_factory=dict)


def has_demo_data(db: Database) -> bool:
    """True once ``fill_demo`` has run on this database."""
    with db.reading() as session:
        stmt = select(AuditEntry.id).where(AuditEntry.summary == DEMO_EVENT).limit(1)
        return session.scalar(stmt) is not None


def fill_demo(
    db: Database, options: DemoOptions, *, actor: Actor, paths: AppPaths | None = None
) -> DemoSummary:
    """Create the demo site if none is set up (with the areas' set-up when ``paths`` is given),
    then run every area's filler in one transaction."""
    rng = random.Random(options.seed)
    site = get_site(db)
    site_created = site is None
    if site is None:
        demo_site = DEMO_SITES[options.seed % len(DEMO_SITES)]
        if paths is None:
            site = save_site(db, demo_site, actor=actor)
        else:
            site, _ = set_up_site(paths, db, demo_site, actor=actor)
    created: dict[str, int] = {}
    with db.unit_of_work(actor, roles=ADMINS, what=DEMO_EVENT) as session:
        for spec in area_specs():
            if spec.demo is None:
                continue
            for key, count in spec.demo(session, options, rng).items():
                created[key] = created.get(key, 0) + count
        record_event(
            session,
            "demo",
            table="site",
            uid=site.code,
            summary=DEMO_EVENT,
            details={"seed": options.seed, **created},
        )
    return DemoSummary(site=site, site_created=site_created, created=created)
