"""Fixtures of the rooms area's tests: the sample site with its default rooms."""

from __future__ import annotations

import pytest

from djdesk.actor import Actor
from djdesk.services.rooms.rooms import ensure_default_rooms
from djdesk.services.site.identity import SiteInfo
from djdesk.services.store import Database


@pytest.fixture
def rooms_db(db: Database, site: SiteInfo) -> Database:
    """The sample community with the 12 default rooms."""
    ensure_default_rooms(db, actor=Actor.system())
    return db
