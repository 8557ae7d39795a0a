"""Shared fixtures: a temporary data folder and a fresh, migrated database per test.

The offscreen Qt platform is set here, before any Qt import, so tests never need a display.
The tests run on the centre's clock: a counter PC keeps China time (UTC+8, no daylight saving),
and the services read stored UTC moments in the centre's time zone (Asia/Shanghai). On a CI
machine keeping UTC, ``date.today()`` would otherwise be yesterday's date between 16:00 and
24:00 UTC. The POSIX form ``CST-8`` needs no zone database on the machine.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DJDESK_DATABASE_URL", None)
os.environ["TZ"] = "CST-8"

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.db.startup import open_database
from djdesk.paths import AppPaths
from djdesk.services.site.identity import SiteInfo, SiteInput, save_site

time.tzset()  # the TZ set above, before anything asks for the date

SAMPLE_SITE = SiteInput(
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
)


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """A data folder of its own for each test; also exported as DJDESK_DATA_DIR."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv("DJDESK_DATA_DIR", str(data_dir))
    return AppPaths.resolve(data_dir)


@pytest.fixture
def db(paths: AppPaths) -> Iterator[Database]:
    """A fresh database migrated to head, with no site configured."""
    database = open_database(paths)
    yield database
    database.dispose()


@pytest.fixture
def site(db: Database) -> SiteInfo:
    """The sample community saved as this installation's identity."""
    return save_site(db, SAMPLE_SITE, actor=Actor.system())
