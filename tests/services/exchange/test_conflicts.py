"""Records refused while the rest of their package applies, and the conflict report."""

from __future__ import annotations

import json
import uuid

from openpyxl import load_workbook

from djdesk.errors import DjdeskError
from djdesk.services.exchange.importing import import_package, import_packages
from djdesk.services.exchange.street_reports import write_conflict_report
from tests.helpers.exchange import (
    ACTOR,
    COMMUNITY,
    canonical_dump,
    edit_lines,
    rewrite_package,
    site_key,
)
from tests.services.exchange.conftest import World


def _next(data: dict[str, object]) -> None:
    data["sequence"], data["follows"], data["full"] = 2, 1, False


def test_same_version_with_other_content_is_refused_alone(world: World) -> None:
    import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)

    def changed(files: dict[str, bytes]) -> None:
        def edit(lines: list[str]) -> list[str]:
            record = json.loads(lines[0])
            record["remarks"] = "恢复备份后改过"
            return [json.dumps(record, ensure_ascii=False), *lines[1:]]

        edit_lines(files, "member", edit)

    forged = rewrite_package(
        world.package,
        world.root / "c-2.zip",
        private_key=site_key(world.community),
        members=changed,
        manifest=_next,
    )
    result = import_package(world.street.paths, world.street.db, forged, actor=ACTOR)
    assert result.applied and result.total("refused") == 1
    conflict = result.conflicts[0]
    assert conflict.table == "member" and conflict.line == 1 and "同一版本" in conflict.reason
    assert result.total("unchanged") == result.total("total") - 1
    out = world.root / "冲突清单.xlsx"
    assert write_conflict_report(world.street.db, [(forged.name, result)], out) == 1
    sheet = load_workbook(out).active
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("同一版本" in t for t in texts) and conflict.uid in texts


def test_clash_with_a_unique_rule_refuses_that_record_only(world: World) -> None:
    def twin(files: dict[str, bytes]) -> None:
        def edit(lines: list[str]) -> list[str]:
            record = json.loads(lines[0])
            record["uid"] = str(uuid.uuid4())  # same person (ID number), another record
            return [*lines, json.dumps(record, ensure_ascii=False)]

        edit_lines(files, "member", edit)

    forged = rewrite_package(
        world.package, world.root / "twin.zip", private_key=site_key(world.community), members=twin
    )
    result = import_package(world.street.paths, world.street.db, forged, actor=ACTOR)
    assert result.total("refused") == 1 and "重复" in result.conflicts[0].reason
    source = canonical_dump(world.community.file, {COMMUNITY.code})
    assert canonical_dump(world.street.file, {COMMUNITY.code}) == source


def test_clashes_inside_a_batch_refuse_those_records_and_write_the_rest(world: World) -> None:
    """New records go in one statement per batch without a savepoint; each clash found there
    is refused with its own line, and every record before and after it is written."""
    twins: set[str] = set()

    def clash(files: dict[str, bytes]) -> None:
        def edit(lines: list[str]) -> list[str]:
            out = list(lines)
            for source, position in ((0, 2), (1, 3), (2, 6)):  # each after the record it copies
                record = json.loads(lines[source])
                record["uid"] = str(uuid.uuid4())  # the same person (ID number), another record
                twins.add(record["uid"])
                out.insert(position, json.dumps(record, ensure_ascii=False))
            return out

        edit_lines(files, "member", edit)

    forged = rewrite_package(
        world.package,
        world.root / "twins.zip",
        private_key=site_key(world.community),
        members=clash,
    )
    result = import_package(world.street.paths, world.street.db, forged, actor=ACTOR)
    refused = [c for c in result.conflicts if c.table == "member"]
    assert [c.line for c in refused] == [3, 4, 7] and {c.uid for c in refused} == twins
    assert all("重复" in c.reason for c in refused) and result.total("refused") == 3
    members = next(t for t in result.tables if t.table == "member")
    assert members.new == members.total - 3
    source = canonical_dump(world.community.file, {COMMUNITY.code})
    assert canonical_dump(world.street.file, {COMMUNITY.code}) == source


def test_a_batch_of_nothing_but_clashes_refuses_each_record(world: World) -> None:
    """A community that set djdesk up again and typed its members in anew sends the same
    people under new uids: every one is refused alone, the rest of the package applies."""
    import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    before = canonical_dump(world.street.file, {COMMUNITY.code})

    def anew(files: dict[str, bytes]) -> None:
        def edit(lines: list[str]) -> list[str]:
            records = [json.loads(line) for line in lines]
            for record in records:
                record["uid"] = str(uuid.uuid4())
            return [json.dumps(record, ensure_ascii=False) for record in records]

        edit_lines(files, "member", edit)

    forged = rewrite_package(
        world.package,
        world.root / "anew.zip",
        private_key=site_key(world.community),
        members=anew,
        manifest=_next,
    )
    result = import_package(world.street.paths, world.street.db, forged, actor=ACTOR)
    members = next(t for t in result.tables if t.table == "member")
    assert members.new == 0 and members.refused == members.total > 1
    refused = [c for c in result.conflicts if c.table == "member"]
    assert [c.line for c in refused] == list(range(1, members.total + 1))
    assert all("重复" in c.reason for c in refused)
    assert canonical_dump(world.street.file, {COMMUNITY.code}) == before


def test_each_file_of_a_batch_stands_alone(world: World) -> None:
    bad = world.root / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 broken")
    results = import_packages(
        world.street.paths, world.street.db, [bad, world.package], actor=ACTOR
    )
    assert isinstance(results[0], DjdeskError) and not isinstance(results[1], DjdeskError)
    out = world.root / "冲突.xlsx"
    assert write_conflict_report(world.street.db, [("bad.zip", results[0])], out) == 1
