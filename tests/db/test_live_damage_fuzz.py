"""Live-database damage: 64 seeded page-level damages of a demo database, each on a fresh
data folder in a worker process running ``djdesk info``, ``djdesk demo`` and a write through
the services, one after the other.

A file that SQLite's integrity check finds damaged must be refused by all three with the
message naming it, and never written; a damage the check cannot see may be used. Never a
traceback or a hang, never a change after a refusal.
Set ``DJDESK_FUZZ_REPORT=file`` to collect the figures.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from djdesk.actor import Actor
from djdesk.paths import AppPaths
from djdesk.services.areas import DemoOptions
from djdesk.services.demo import fill_demo
from djdesk.services.store import open_database
from tests.helpers.db_damage import PAGE_KINDS, header_damage, page_damage
from tests.helpers.fuzz_harness import run_cases

SEED = 57


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A demo data folder and a checkpointed copy of its database to damage."""
    data = tmp_path_factory.mktemp("live-template")
    paths = AppPaths.resolve(data)
    db = open_database(paths)
    fill_demo(db, DemoOptions(seed=7, counts={"members": 60}), actor=Actor.system())
    db.dispose()  # the last connection folds the WAL into the file
    good = data / "good.sqlite3"
    shutil.copyfile(paths.database_file, good)
    return data, good


def _cases(folder: Path, good: Path) -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    cases: list[dict[str, Any]] = []
    for i in range(56):
        kind = PAGE_KINDS[i % len(PAGE_KINDS)]
        path = page_damage(good, folder / f"live{i}.sqlite3", rng, kind)
        cases.append({"id": f"page-{kind}-{i}", "path": str(path), "expect": "any"})
    for i in range(8):
        path = header_damage(good, folder / f"header{i}.sqlite3", rng)
        cases.append({"id": f"header-{i}", "path": str(path), "expect": "any"})
    return cases


def test_live_damage_fuzz(template: tuple[Path, Path], tmp_path: Path) -> None:
    data, good = template
    folder = tmp_path / "cases"
    folder.mkdir()
    cases = _cases(folder, good)
    assert len(cases) >= 50
    tally = run_cases("live", data, cases, tmp_path, timeout=60.0, memory_mb=1536)
    figures = tally.figures()
    assert tally.problems == [], "\n".join(tally.problems[:20])
    assert figures["run"] == len(cases)
    assert figures["tracebacks"] == figures["hangs"] == figures["changed_on_refusal"] == 0
    assert figures["wrong_acceptance"] == 0
    assert figures["refused"] >= 25  # most page damage is found by the check at opening
