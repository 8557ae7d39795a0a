"""Roster fuzz: 1,050 seeded roster files (damaged bytes, zips, cells, merges, rows) imported
into a demo site, each in a worker process with a time and memory cap.

Every case must end in a refusal with a reason or an import; never a traceback or a hang,
never a changed database after a refusal, and never stored text or dates the rules refuse.
Set ``DJDESK_FUZZ_REPORT=file`` to collect the figures.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from djdesk.actor import Actor
from djdesk.paths import AppPaths
from djdesk.services.areas import DemoOptions
from djdesk.services.checkin.grids import list_grids
from djdesk.services.checkin.units import list_units
from djdesk.services.demo import fill_demo
from djdesk.services.store import open_database
from tests.helpers.fuzz_harness import run_cases
from tests.helpers.roster_fuzz import (
    HEADER,
    ODD_VALUES,
    valid_rows,
    write_sheet,
    xml_rows,
    zip_damage,
)

SEED = 20261127
ZIP_KINDS = (
    "encrypted",
    "method",
    "version",
    "size",
    "drop",
    "garbage",
    "truncated-xml",
    "strings",
    "bad-number",
    "entity",
    "traversal",
    "duplicate",
)
ROW_KINDS = ("row-beyond-excel", "padding", "far-cell", "dimension")


@pytest.fixture(scope="module")
def template(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, list[str], list[str]]:
    data = tmp_path_factory.mktemp("roster-template")
    paths = AppPaths.resolve(data)
    db = open_database(paths)
    fill_demo(db, DemoOptions(seed=3, counts={"members": 20}), actor=Actor.system())
    units = [u.name for u in list_units(db)][:5]
    grids = [g.name for g in list_grids(db)][:3]
    db.dispose()
    return data, units, grids


def _cases(folder: Path, units: list[str], grids: list[str]) -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    cases: list[dict[str, Any]] = []

    def case(family: str, path: Path, expect: str = "any") -> None:
        cases.append({"id": f"{family}-{len(cases)}", "path": str(path), "expect": expect})

    bases = [
        write_sheet(folder / f"base{i}.xlsx", valid_rows(rng, units, grids, rng.randint(1, 12)))
        for i in range(4)
    ]
    for i in range(300):
        data = bytearray(rng.choice(bases).read_bytes())
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
        (target := folder / f"flip{i}.xlsx").write_bytes(bytes(data))
        case("flip", target)
    for i in range(100):
        data = rng.choice(bases).read_bytes()
        (target := folder / f"cut{i}.xlsx").write_bytes(data[: rng.randrange(1, len(data))])
        case("truncated", target)
    for i in range(150):
        kind = ZIP_KINDS[i % len(ZIP_KINDS)]
        target = folder / f"zip{i}.xlsx"
        case(f"zip-{kind}", target, zip_damage(rng.choice(bases), target, rng, kind))
    for i in range(300):
        rows = valid_rows(rng, units, grids, rng.randint(1, 8))
        for _ in range(rng.randint(1, 4)):
            rng.choice(rows)[rng.randrange(len(HEADER))] = rng.choice(ODD_VALUES)
        case("cells", write_sheet(folder / f"cells{i}.xlsx", rows, title=rng.random() < 0.7))
    for i in range(150):
        n = rng.randint(2, 10)
        rows = valid_rows(rng, units, grids, n)
        merges, expect = [], "any"
        if i % 3 == 0:  # an ID column merged over data rows: those people cannot be told apart
            top = rng.randint(3, n + 1)
            merges.append(f"C{top}:C{rng.randint(top + 1, n + 2)}")
            expect = "refuse"
        elif i % 3 == 1:  # a header cell merged down into the data
            column = "ABCDEFGHI"[rng.randrange(9)]
            merges.append(f"{column}2:{column}{rng.randint(5, 30)}")
            expect = "refuse" if n >= 3 else "any"
        for _ in range(rng.randint(0, 3)):
            c1, c2 = sorted(rng.sample(range(9), 2))
            r1 = rng.randint(1, n + 2)
            merges.append(f"{'ABCDEFGHI'[c1]}{r1}:{'ABCDEFGHI'[c2]}{rng.randint(r1, n + 4)}")
        try:
            write_sheet(target := folder / f"merge{i}.xlsx", rows, merges)
        except ValueError:  # openpyxl refuses overlapping merges on writing: keep the first
            write_sheet(target, rows, merges[:1])
        case("merge", target, expect)
    for i in range(50):
        kind = ROW_KINDS[i % len(ROW_KINDS)]
        target = folder / f"rows{i}.xlsx"
        case(f"rows-{kind}", target, xml_rows(rng.choice(bases), target, rng, kind))
    return cases


def test_roster_fuzz(template: tuple[Path, list[str], list[str]], tmp_path: Path) -> None:
    data, units, grids = template
    folder = tmp_path / "cases"
    folder.mkdir()
    cases = _cases(folder, units, grids)
    assert len(cases) >= 1000
    tally = run_cases("roster", data, cases, tmp_path, timeout=30.0, memory_mb=1536)
    figures = tally.figures()
    assert tally.problems == [], "\n".join(tally.problems[:20])
    assert figures["run"] == len(cases)
    assert figures["tracebacks"] == figures["hangs"] == figures["changed_on_refusal"] == 0
    assert figures["refused"] > 300 and figures["accepted"] > 100  # both paths really ran
