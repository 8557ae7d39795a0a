"""Demo data: a realistic data set for trying djdesk out, deterministic for a seed.

Demo data goes into the site that is set up; a demo community is created only when no site is.
Each area contributes a filler to :func:`demo_fillers` (members, units, bookings … as they
land); a filler receives the open session, the options and a seeded random generator, and
returns counts of what it created.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from djdesk.actor import ADMINS, Actor
from djdesk.db.session import Database
from djdesk.services.site.identity import SiteInfo, SiteInput, get_site, save_site


@dataclass(frozen=True)
class DemoOptions:
    members: int = 200
    seed: int = 1


@dataclass(frozen=True)
class DemoSummary:
    site: SiteInfo
    site_created: bool
    created: dict[str, int] = field(default_factory=dict)


DemoFiller = Callable[[Session, DemoOptions, random.Random], dict[str, int]]


def demo_fillers() -> list[DemoFiller]:
    """Every area's filler, run in order inside one transaction."""
    from djdesk.services.checkin.demo import fill_checkin_demo

    return [fill_checkin_demo]


#: Demo communities of the reference district (宜宾市翠屏区); the seed picks one.
DEMO_SITES: tuple[SiteInput, ...] = (
    SiteInput(
        level="社区",
        code="511502003012",
        name="宜宾市翠屏区东城街道东风社区",
        short_name="东风社区",
        street_code="511502003",
        street_name="东城街道",
        district_code="511502",
        district_name="翠屏区",
        address="宜宾市翠屏区东风路88号",
        phone="0831-8221234",
        party_org="中共宜宾市翠屏区东城街道东风社区委员会",
        serial_prefix="东风社区",
    ),
    SiteInput(
        level="社区",
        code="511502002005",
        name="宜宾市翠屏区合江门街道合江门社区",
        short_name="合江门社区",
        street_code="511502002",
        street_name="合江门街道",
        district_code="511502",
        district_name="翠屏区",
        address="宜宾市翠屏区走马街16号",
        phone="0831-8126655",
        party_org="中共宜宾市翠屏区合江门街道合江门社区委员会",
        serial_prefix="合江门社区",
    ),
    SiteInput(
        level="社区",
        code="511502004021",
        name="宜宾市翠屏区西郊街道白沙湾社区",
        short_name="白沙湾社区",
        street_code="511502004",
        street_name="西郊街道",
        district_code="511502",
        district_name="翠屏区",
        address="宜宾市翠屏区白沙湾路200号",
        phone="0831-8335108",
        party_org="中共宜宾市翠屏区西郊街道白沙湾社区委员会",
        serial_prefix="白沙湾社区",
    ),
)


def fill_demo(db: Database, options: DemoOptions, *, actor: Actor) -> DemoSummary:
    """Create the demo site if none is set up, then run every area's filler in one transaction."""
    rng = random.Random(options.seed)
    site = get_site(db)
    site_created = site is None
    if site is None:
        site = save_site(db, DEMO_SITES[options.seed % len(DEMO_SITES)], actor=actor)
    created: dict[str, int] = {}
    with db.unit_of_work(actor, roles=ADMINS, what="填入演示数据") as session:
        for filler in demo_fillers():
            for key, count in filler(session, options, rng).items():
                created[key] = created.get(key, 0) + count
    return DemoSummary(site=site, site_created=site_created, created=created)
