"""A street checks its communities' certificates against the registers they sent upward."""

from __future__ import annotations

from djdesk.services.cases.certificates import void_certificate
from djdesk.services.cases.types import VerifyStatus
from djdesk.services.cases.verify import verify
from djdesk.services.exchange.export import export_records
from djdesk.services.exchange.importing import import_package
from tests.helpers.cases_data import certificate_case
from tests.helpers.exchange import ACTOR, COMMUNITY, SECOND_COMMUNITY
from tests.services.exchange.conftest import World


def _with_part(line: str, index: int, value: str) -> str:
    parts = line.split("-")
    parts[index] = value
    return "-".join(parts)


def _changed_digit(line: str) -> str:
    head, code = line.rsplit("-", 1)
    first = "B" if code[0] != "B" else "C"
    return f"{head}-{first}{code[1:]}"


def test_the_street_verifies_by_the_merged_register(world: World) -> None:
    issued = certificate_case(world.community.db)
    voided = certificate_case(world.community.db, applicant_name="李梅")
    void_certificate(world.community.db, voided.case_id, "被证明人姓名写错", actor=ACTOR)
    later = world.root / "community-2.zip"
    export_records(world.community.paths, world.community.db, later, actor=ACTOR)
    street = world.street.db
    before = verify(street, issued.check_line)
    assert before.status == VerifyStatus.FOREIGN  # nothing of the community arrived yet
    for package in (world.package, later):
        import_package(world.street.paths, street, package, actor=ACTOR)

    found = verify(street, issued.check_line)
    assert found.status == VerifyStatus.VALID, found.message
    assert found.serial == issued.certificate_serial and found.subject_name == "张三"
    assert verify(street, voided.check_line).status == VerifyStatus.VOID
    assert verify(street, _changed_digit(issued.check_line)).status == VerifyStatus.BAD_CODE
    missing = verify(street, _with_part(issued.check_line, 3, "999"))
    assert missing.status == VerifyStatus.NOT_FOUND and "尚未上报" in missing.message
    elsewhere = _with_part(issued.check_line, 1, SECOND_COMMUNITY.code)
    assert verify(street, elsewhere).status == VerifyStatus.FOREIGN


def test_a_community_never_verifies_another_communitys_line(world: World) -> None:
    issued = certificate_case(world.community.db)
    line = _with_part(issued.check_line, 1, SECOND_COMMUNITY.code)
    result = verify(world.community.db, line)
    assert result.status == VerifyStatus.FOREIGN
    assert COMMUNITY.code in result.message
