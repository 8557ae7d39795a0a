"""Two demo communities merged at a demo street: the street's reports show both."""

from __future__ import annotations

import sqlite3
from datetime import date

from openpyxl import load_workbook

from djdesk.services.checkin.checkins import check_in
from djdesk.services.checkin.member_rules import MemberInput
from djdesk.services.checkin.writes import CheckInInput
from djdesk.services.exchange.export import export_records
from djdesk.services.exchange.importing import import_package
from djdesk.services.exchange.keys import write_key_file
from djdesk.services.exchange.partners import partners, register_from_key_file
from djdesk.services.exchange.street_data import communities
from djdesk.services.exchange.street_reports import (
    ReportFilter,
    StreetReport,
    report_rows,
    write_street_report,
)
from tests.helpers.exchange import ACTOR, COMMUNITY, SECOND_COMMUNITY, Site, new_site
from tests.services.exchange.conftest import World

FIRST = COMMUNITY.name
SECOND = SECOND_COMMUNITY.name


def _someone_in(site: Site) -> tuple[str, str]:
    conn = sqlite3.connect(site.file)
    try:
        row = conn.execute(
            "SELECT m.name, m.id_number FROM member m JOIN checkin c ON c.member_id = m.id"
            " WHERE c.status = '在册' ORDER BY m.id LIMIT 1"
        ).fetchone()
        return str(row[0]), str(row[1])
    finally:
        conn.close()


def _merged(world: World) -> Site:
    second = new_site(world.root / "second", SECOND_COMMUNITY, members=20, seed=2)
    name, id_number = _someone_in(world.community)
    conn = sqlite3.connect(second.file)
    unit_id = conn.execute("SELECT id FROM unit ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    check_in(
        second.db,
        MemberInput(name=name, id_number=id_number, mobile="13800001234", unit_id=unit_id),
        CheckInInput(checked_in_on=date.today()),
        actor=ACTOR,
    )
    write_key_file(second.paths, second.db, world.root / "second.key", actor=ACTOR)
    register_from_key_file(world.street.db, world.root / "second.key", actor=ACTOR)
    package = world.root / "second-1.zip"
    export_records(second.paths, second.db, package, actor=ACTOR)
    for upward in (world.package, package):
        result = import_package(world.street.paths, world.street.db, upward, actor=ACTOR)
        assert not result.conflicts
    return second


def test_reports_across_two_communities(world: World) -> None:
    second = _merged(world)
    try:
        everyone = ReportFilter()
        checkins = report_rows(world.street.db, StreetReport.CHECKINS, everyone)
        assert {r[0] for r in checkins} == {FIRST, SECOND}
        cases = report_rows(world.street.db, StreetReport.CASES, everyone)
        assert {r[0] for r in cases} == {FIRST, SECOND}
        assert {r[1] for r in cases} >= {"保留社区工作事项", "依法证明事项"}
        rooms = report_rows(world.street.db, StreetReport.ROOMS, everyone)
        assert {r[0] for r in rooms} == {FIRST, SECOND}
        outside = report_rows(world.street.db, StreetReport.OUTSIDE, everyone)
        assert outside and all(r[0] in (FIRST, SECOND) for r in outside)
        only = report_rows(
            world.street.db, StreetReport.CHECKINS, ReportFilter(SECOND_COMMUNITY.code)
        )
        assert {r[0] for r in only} == {SECOND}
        duplicates = report_rows(world.street.db, StreetReport.DUPLICATES, everyone)
        assert len(duplicates) == 1 and FIRST in duplicates[0][2] and SECOND in duplicates[0][2]
        assert "*" in duplicates[0][0]  # the ID number is masked
        received = report_rows(world.street.db, StreetReport.RECEIVED, everyone)
        assert {(r[0], r[2], r[5]) for r in received} == {
            (COMMUNITY.code, 1, "正常"),
            (SECOND_COMMUNITY.code, 1, "正常"),
        }
        assert [c.code for c in communities(world.street.db)] == [
            "511502003",
            COMMUNITY.code,
            SECOND_COMMUNITY.code,
        ]
        out = world.root / "报到汇总.xlsx"
        rows = write_street_report(
            world.street.db, StreetReport.CHECKINS, out, everyone, actor=ACTOR
        )
        sheet = load_workbook(out).active
        texts = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
        assert rows == len(checkins) and FIRST in texts and SECOND in texts
    finally:
        second.close()


def test_a_community_with_no_package_is_behind(world: World) -> None:
    second = new_site(world.root / "second", SECOND_COMMUNITY)
    try:
        write_key_file(second.paths, second.db, world.root / "second.key", actor=ACTOR)
    finally:
        second.close()
    register_from_key_file(world.street.db, world.root / "second.key", actor=ACTOR)
    import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    status = {p.code: p.behind for p in partners(world.street.db)}
    assert status == {COMMUNITY.code: "", SECOND_COMMUNITY.code: "尚未收到数据包"}
