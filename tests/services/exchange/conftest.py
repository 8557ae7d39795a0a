"""A community with demo data, its first package, and a street that registered it.

Built once per test session in a template folder and copied for every test, so each test gets
fresh databases without paying for the demo data again.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from djdesk.services.exchange.export import export_records
from djdesk.services.exchange.keys import write_key_file
from djdesk.services.exchange.partners import register_from_key_file
from tests.helpers.exchange import ACTOR, COMMUNITY, STREET, Site, new_site, open_site


@dataclass
class World:
    root: Path
    community: Site
    street: Site
    package: Path  # the community's first (full) package
    community_key: Path
    street_key: Path

    def close(self) -> None:
        self.community.close()
        self.street.close()


@pytest.fixture(scope="session")
def exchange_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("exchange-template")
    community = new_site(root / "community", COMMUNITY, members=30, seed=1)
    write_key_file(community.paths, community.db, root / "community.key", actor=ACTOR)
    export_records(community.paths, community.db, root / "community-1.zip", actor=ACTOR)
    street = new_site(root / "street", STREET)
    register_from_key_file(street.db, root / "community.key", actor=ACTOR)
    write_key_file(street.paths, street.db, root / "street.key", actor=ACTOR)
    community.close()
    street.close()
    return root


@pytest.fixture
def world(exchange_template: Path, tmp_path: Path) -> Iterator[World]:
    root = tmp_path / "world"
    shutil.copytree(exchange_template, root)
    w = World(
        root=root,
        community=open_site(root / "community"),
        street=open_site(root / "street"),
        package=root / "community-1.zip",
        community_key=root / "community.key",
        street_key=root / "street.key",
    )
    yield w
    w.close()
