"""Certificates: numbers per year never reused, prints and reprints, voiding, check codes."""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from djdesk.db.base import SyncMixin
from djdesk.db.models.cases import CaseSecret
from djdesk.db.startup import open_database
from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.paths import AppPaths
from djdesk.services.cases.case_query import case_detail
from djdesk.services.cases.certificates import (
    certificate_pdf,
    print_certificate,
    void_certificate,
)
from djdesk.services.cases.check_code import compute_code, parse_line
from djdesk.services.cases.types import PrintKind, VerifyStatus
from djdesk.services.cases.verify import looks_like_check_line, verify
from djdesk.services.documents import (
    Destination,
    ReprintReasonRequiredError,
    find_by_serial,
    reprint_serial,
    reproduce,
)
from djdesk.services.site.identity import SiteInfo
from djdesk.services.store import Database
from tests.helpers.cases_data import SYSTEM, certificate_case
from tests.helpers.pdf_text import flat_text


def test_numbers_run_per_year_and_survive_void_and_restart(cdb: Database, paths: AppPaths) -> None:
    first = certificate_case(cdb, on=date(2025, 12, 30))
    second = certificate_case(cdb, on=date(2025, 12, 31))
    new_year = certificate_case(cdb, on=date(2026, 1, 2))
    assert first.certificate_serial == "东风社区居证〔2025〕第001号"
    assert second.certificate_serial == "东风社区居证〔2025〕第002号"
    assert new_year.certificate_serial == "东风社区居证〔2026〕第001号"
    assert void_certificate(cdb, second.case_id, "写错", actor=SYSTEM) == second.certificate_serial
    cdb.dispose()
    reopened = open_database(paths)
    try:
        after = certificate_case(reopened, on=date(2025, 12, 31))
        assert after.certificate_serial == "东风社区居证〔2025〕第003号"  # 002 stays void
        assert verify(reopened, second.check_line).status == VerifyStatus.VOID
    finally:
        reopened.dispose()


def _register_many(data_dir: str, count: int) -> list[str]:
    database = open_database(AppPaths.resolve(data_dir))
    try:
        return [
            certificate_case(database, on=date(2026, 6, 1)).certificate_serial for _ in range(count)
        ]
    finally:
        database.dispose()


def test_two_sessions_never_get_the_same_number(paths: AppPaths, cdb: Database) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        results = pool.starmap(_register_many, [(str(paths.data_dir), 12)] * 2)
    issued = [serial for batch in results for serial in batch]
    assert len(set(issued)) == 24
    numbers = sorted(int(s.split("第")[1][:-1]) for s in issued)
    assert numbers == list(range(1, 25))


def test_print_then_reprint_needs_a_reason_and_counts(cdb: Database, tmp_path: Path) -> None:
    done = certificate_case(cdb)
    first = print_certificate(cdb, done.case_id, tmp_path / "a.pdf", actor=SYSTEM)
    assert (first.kind, first.sequence, first.reprint) == (PrintKind.ORIGINAL, 1, 0)
    assert "补打" not in flat_text((tmp_path / "a.pdf").read_bytes())
    with pytest.raises(ReprintReasonRequiredError, match="须填写补打原因"):
        print_certificate(cdb, done.case_id, tmp_path / "b.pdf", actor=SYSTEM)
    assert not (tmp_path / "b.pdf").exists()
    again = print_certificate(cdb, done.case_id, tmp_path / "b.pdf", actor=SYSTEM, reason="遗失")
    third = print_certificate(cdb, done.case_id, tmp_path / "c.pdf", actor=SYSTEM, reason="污损")
    assert (again.reprint, third.reprint, third.sequence) == (1, 2, 3)
    assert "第2次补打" in flat_text((tmp_path / "c.pdf").read_bytes())
    kind, preview = certificate_pdf(cdb, done.case_id)
    assert kind == PrintKind.REPRINT and "第3次补打" in flat_text(preview)
    # The register is the one count: every rendering, its mark and reason.
    entries = find_by_serial(cdb, done.certificate_serial)
    assert [(e.copy_number, e.mark, e.reason) for e in entries] == [
        (0, "", ""),
        (1, "补打", "遗失"),
        (2, "补打", "污损"),
    ]
    assert entries[0].kind == "cases-certificate" and entries[0].subject_label == "张三"
    assert case_detail(cdb, done.case_id).certificate_prints == 3


def test_the_register_reprints_a_certificate_from_its_serial(cdb: Database, tmp_path: Path) -> None:
    done = certificate_case(cdb)
    first = print_certificate(cdb, done.case_id, tmp_path / "a.pdf", actor=SYSTEM, invariant=True)
    assert reproduce(cdb, first.document_id, invariant=True) == (tmp_path / "a.pdf").read_bytes()
    issued = reprint_serial(
        cdb,
        done.certificate_serial,
        Destination.file(tmp_path / "r.pdf"),
        actor=SYSTEM,
        reason="原件遗失",
    )
    assert issued.document.copy_number == 1
    assert "第1次补打" in flat_text((tmp_path / "r.pdf").read_bytes())
    # the case page's next print follows the register's count
    second = print_certificate(cdb, done.case_id, tmp_path / "b.pdf", actor=SYSTEM, reason="污损")
    assert second.reprint == 2
    void_certificate(cdb, done.case_id, "信息有误", actor=SYSTEM)
    with pytest.raises(DjdeskError, match="已作废（信息有误），不能再补打"):
        reprint_serial(
            cdb,
            done.certificate_serial,
            Destination.file(tmp_path / "x.pdf"),
            actor=SYSTEM,
            reason="再要一份",
        )
    assert not (tmp_path / "x.pdf").exists()


def test_a_voided_certificate_prints_crossed_and_cannot_be_voided_twice(
    cdb: Database, tmp_path: Path
) -> None:
    done = certificate_case(cdb)
    with pytest.raises(ValidationErrors, match="作废原因"):
        void_certificate(cdb, done.case_id, " ", actor=SYSTEM)
    void_certificate(cdb, done.case_id, "被证明人信息有误", actor=SYSTEM)
    with pytest.raises(DjdeskError, match="已于此前作废"):
        void_certificate(cdb, done.case_id, "再次", actor=SYSTEM)
    printed = print_certificate(cdb, done.case_id, tmp_path / "v.pdf", actor=SYSTEM)
    assert printed.kind == PrintKind.VOID_COPY and printed.reprint == 0
    text = flat_text((tmp_path / "v.pdf").read_bytes())
    assert "作废" in text and "已作废：被证明人信息有误" in text
    # printed again to file with the stub: a 副本 whose reason is filled in
    filed = print_certificate(cdb, done.case_id, tmp_path / "w.pdf", actor=SYSTEM)
    assert filed.reprint == 1 and "第1次副本" in flat_text((tmp_path / "w.pdf").read_bytes())
    entry = find_by_serial(cdb, done.certificate_serial)[-1]
    assert (entry.mark, entry.reason) == ("副本", "作废存档（被证明人信息有误）")


def test_a_changed_digit_fails_the_check(cdb: Database) -> None:
    line = certificate_case(cdb, on=date(2026, 3, 2)).check_line
    assert verify(cdb, line).status == VerifyStatus.VALID
    assert verify(cdb, "  " + line.lower() + "\n").status == VerifyStatus.VALID  # as scanned
    for position, char in enumerate(line):
        if not char.isdigit() or position < 5:
            continue
        changed = line[:position] + str((int(char) + 1) % 10) + line[position + 1 :]
        status = verify(cdb, changed).status
        if changed.split("-")[1] != "511502003012":
            assert status == VerifyStatus.FOREIGN
        else:
            assert status == VerifyStatus.BAD_CODE, changed


def test_a_code_for_a_number_never_issued_is_not_found(cdb: Database, site: SiteInfo) -> None:
    line = parse_line(certificate_case(cdb, on=date(2026, 3, 2)).check_line)
    assert line is not None
    with cdb.reading() as session:
        secret = bytes.fromhex(session.get(CaseSecret, site.code).secret)  # type: ignore[union-attr]
    forged = replace(line, number=99)
    forged = replace(forged, code=compute_code(secret, site.code, 2026, 99, line.issued_on))
    assert verify(cdb, forged.text).status == VerifyStatus.NOT_FOUND


def test_lines_of_other_sites_and_non_lines(cdb: Database) -> None:
    certificate_case(cdb)
    foreign = "DJZ1-511502003099-2026-001-20260302-ABCDEFGH"
    assert verify(cdb, foreign).status == VerifyStatus.FOREIGN
    assert looks_like_check_line(foreign) and not looks_like_check_line("张三")
    with pytest.raises(DjdeskError, match="不是证明上的验证码"):
        verify(cdb, "东风社区居证〔2026〕第001号")


def test_the_key_is_local_and_not_a_travelling_record() -> None:
    assert not issubclass(CaseSecret, SyncMixin)
    assert CaseSecret.__audit_secret_fields__ == ("secret",)
