"""Serial numbers: per kind and year, consecutive, never reused, across restarts and processes."""

from __future__ import annotations

import multiprocessing
from datetime import date

import pytest

from djdesk.actor import Actor
from djdesk.db.models.serials import IssuedSerial
from djdesk.db.startup import open_database
from djdesk.documents.base.serials import document_kind, document_kinds, format_serial
from djdesk.errors import SiteNotConfiguredError
from djdesk.paths import AppPaths
from djdesk.services.serials import allocate_serial, issue_serial, issued_count
from djdesk.services.site.identity import SiteInfo

SYSTEM = Actor.system()


def test_every_area_declares_its_kinds() -> None:
    kinds = document_kinds()
    assert {"site-sheet", "checkin-receipt"} <= set(kinds)
    assert len({k.mark for k in kinds.values()}) == len(kinds)
    with pytest.raises(ValueError, match="unknown document kind"):
        document_kind("no-such-kind")


def test_format() -> None:
    assert format_serial("东风社区", document_kind("checkin-receipt"), 2026, 15) == (
        "东风社区报〔2026〕第015号"
    )
    kind = document_kind("checkin-receipt")
    assert format_serial("东风社区", kind, 2026, 1234).endswith("第1234号")


def test_consecutive_per_kind_and_year(db, site: SiteInfo) -> None:  # type: ignore[no-untyped-def]
    a = issue_serial(db, "site-sheet", actor=SYSTEM, on=date(2026, 3, 1))
    b = issue_serial(db, "site-sheet", actor=SYSTEM, on=date(2026, 3, 2))
    other_kind = issue_serial(db, "checkin-receipt", actor=SYSTEM, on=date(2026, 3, 2))
    next_year = issue_serial(db, "site-sheet", actor=SYSTEM, on=date(2027, 1, 1))
    assert (a.number, b.number, other_kind.number, next_year.number) == (1, 2, 1, 1)
    assert b.text == "东风社区信〔2026〕第002号"
    assert next_year.text == "东风社区信〔2027〕第001号"


def test_survives_restart(paths: AppPaths, site: SiteInfo, db) -> None:  # type: ignore[no-untyped-def]
    issue_serial(db, "site-sheet", actor=SYSTEM, on=date(2026, 5, 1))
    db.dispose()
    reopened = open_database(paths)
    try:
        assert issue_serial(reopened, "site-sheet", actor=SYSTEM, on=date(2026, 5, 1)).number == 2
    finally:
        reopened.dispose()


def test_rolled_back_number_is_not_lost_nor_duplicated(db, site: SiteInfo) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError), db.unit_of_work(Actor.system()) as session:  # noqa: PT012
        allocate_serial(session, "site-sheet", year=2026)
        raise RuntimeError("printer on fire")
    assert issue_serial(db, "site-sheet", actor=SYSTEM, on=date(2026, 1, 1)).number == 1


def test_needs_a_site(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SiteNotConfiguredError):
        issue_serial(db, "site-sheet", actor=SYSTEM)


def _allocate_many(data_dir: str, count: int) -> list[str]:
    database = open_database(AppPaths.resolve(data_dir))
    try:
        return [
            issue_serial(database, "checkin-receipt", actor=SYSTEM, on=date(2026, 6, 1)).text
            for _ in range(count)
        ]
    finally:
        database.dispose()


def test_concurrent_processes_never_share_a_number(paths: AppPaths, site: SiteInfo, db) -> None:  # type: ignore[no-untyped-def]
    workers, each = 4, 25
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers) as pool:
        results = pool.starmap(_allocate_many, [(str(paths.data_dir), each)] * workers)
    issued = [text for batch in results for text in batch]
    assert len(issued) == len(set(issued)) == workers * each
    with db.reading() as session:
        numbers = sorted(
            r.number for r in session.query(IssuedSerial).filter_by(kind="checkin-receipt")
        )
    assert numbers == list(range(1, workers * each + 1))
    assert issued_count(db, "checkin-receipt") == workers * each
