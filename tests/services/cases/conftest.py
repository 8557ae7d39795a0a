"""Fixtures of the 服务事项 service tests."""

from __future__ import annotations

import pytest

from djdesk.services.site.identity import SiteInfo
from djdesk.services.store import Database


@pytest.fixture
def cdb(db: Database, site: SiteInfo) -> Database:
    """A migrated database with the sample community set up."""
    return db
