"""Fixtures for the roster import tests: the sample site with two units and a grid."""

from __future__ import annotations

import pytest

from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.services.checkin.grids import save_grid
from djdesk.services.checkin.units import UnitInput, save_unit
from djdesk.services.site.identity import SiteInfo
from tests.helpers.roster_sheets import OTHER_UNIT, UNIT

GRID = "东风一网格"


@pytest.fixture
def registry(db: Database, site: SiteInfo) -> dict[str, int]:
    """Units and a grid the sheets refer to; returns their ids by name."""
    actor = Actor.system()
    ids = {
        UNIT: save_unit(db, UnitInput(name=UNIT, category=4), actor=actor).id,
        OTHER_UNIT: save_unit(db, UnitInput(name=OTHER_UNIT, category=5), actor=actor).id,
    }
    ids[GRID] = save_grid(db, name=GRID, actor=actor).id
    return ids


#: The employer of members checked in by tests that are not about units (a check-in needs one).
EMPLOYER = "宜宾学院"


def employer(db: Database) -> int:
    """The id of the unit :data:`EMPLOYER`, registered on first use."""
    from djdesk.services.checkin.units import list_units

    found = [u.id for u in list_units(db) if u.name == EMPLOYER]
    if found:
        return found[0]
    return save_unit(db, UnitInput(name=EMPLOYER, category=5), actor=Actor.system()).id
