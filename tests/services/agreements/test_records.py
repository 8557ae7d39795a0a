"""Agreement records: drafts, the rules, signing after printing, 已到期, 终止, 续签, expiring."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from djdesk.actor import Actor, Role
from djdesk.db.session import Database
from djdesk.errors import DjdeskError, PermissionDeniedError, ValidationError, ValidationErrors
from djdesk.services.agreements.printing import print_agreement
from djdesk.services.agreements.records import (
    create_agreement,
    expiring_agreements,
    get_agreement,
    list_agreements,
    renew_agreement,
    renew_expiring,
    renewal_term,
    sign_agreement,
    terminate_agreement,
    update_agreement,
)
from djdesk.services.agreements.types import (
    AgreementFilter,
    AgreementKind,
    AgreementStatus,
    TaskInput,
)
from djdesk.services.checkin.units import UnitInfo, save_unit
from djdesk.services.documents import Destination
from tests.services.agreements.conftest import (
    END,
    FULL_UNIT,
    TODAY,
    agreement_input,
    responsibility_input,
)

SYSTEM = Actor.system()


def printed(db: Database, agreement_id: int, tmp_path: Path) -> str:
    out = tmp_path / f"a{agreement_id}.pdf"
    return print_agreement(
        db, agreement_id, Destination.file(out), actor=SYSTEM, today=TODAY
    ).serial


def test_draft_print_sign_expire(db: Database, unit: UnitInfo, tmp_path: Path) -> None:
    draft = create_agreement(db, agreement_input(unit.id), actor=SYSTEM, today=TODAY)
    assert draft.status == AgreementStatus.DRAFT and draft.serial == "" and draft.editable
    assert draft.unit_name == FULL_UNIT.name and draft.content_items[0] == "组织共建"
    with pytest.raises(DjdeskError, match="先打印"):
        sign_agreement(db, draft.id, TODAY, actor=SYSTEM, today=TODAY)
    serial = printed(db, draft.id, tmp_path)
    assert serial == "东风社区共建〔2026〕第001号"
    issued = get_agreement(db, draft.id)
    assert issued.template_version == 1 and issued.issued_on == TODAY and not issued.editable
    with pytest.raises(DjdeskError, match="不能再修改"):
        update_agreement(db, draft.id, agreement_input(unit.id, copies=2), actor=SYSTEM)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        sign_agreement(db, draft.id, TODAY + timedelta(days=1), actor=SYSTEM, today=TODAY)
    signed = sign_agreement(db, draft.id, TODAY, actor=SYSTEM, today=TODAY)
    assert signed.status == AgreementStatus.SIGNED and signed.signed_on == TODAY
    later = END + timedelta(days=1)
    assert get_agreement(db, draft.id, today=later).status == AgreementStatus.EXPIRED
    flt = AgreementFilter(status=AgreementStatus.EXPIRED)
    assert [a.id for a in list_agreements(db, flt, today=later)] == [draft.id]
    assert list_agreements(db, flt, today=TODAY) == []


def test_drafts_can_be_edited(db: Database, unit: UnitInfo) -> None:
    draft = create_agreement(db, agreement_input(unit.id), actor=SYSTEM)
    changed = update_agreement(
        db, draft.id, agreement_input(unit.id, projects_per_year=5), actor=SYSTEM
    )
    assert changed.projects_per_year == 5
    with pytest.raises(ValidationError, match="文书类型"):
        update_agreement(db, draft.id, responsibility_input(unit.id), actor=SYSTEM)
    book = create_agreement(db, responsibility_input(unit.id), actor=SYSTEM)
    fewer = update_agreement(
        db, book.id, responsibility_input(unit.id, tasks=book.tasks[:1]), actor=SYSTEM
    )
    assert [t.task for t in fewer.tasks] == ["参加社区党建联席会议"]


def test_bad_input_is_refused_with_the_reason(db: Database, unit: UnitInfo) -> None:
    with pytest.raises(ValidationErrors) as caught:
        create_agreement(
            db,
            agreement_input(
                unit.id,
                ends_on=date(2025, 12, 31),
                first_leader="",
                meeting_frequency="每天",
                content_items=(),
                copies=9,
            ),
            actor=SYSTEM,
        )
    errors = caught.value
    ends = errors.for_field("ends_on")
    assert ends is not None and "期限结束在开始之前" in ends.message
    assert ends.message.startswith("终止日期：")
    for field in ("first_leader", "meeting_frequency", "content_items", "copies"):
        assert errors.for_field(field) is not None, field
    with pytest.raises(ValidationErrors, match="期限不能超过 5 年"):
        create_agreement(db, agreement_input(unit.id, ends_on=date(2032, 1, 1)), actor=SYSTEM)


def test_missing_party_data_is_named(db: Database, unit: UnitInfo) -> None:
    thin = save_unit(
        db,
        replace(FULL_UNIT, name="某某公司", secretary="", address="", liaison_name=""),
        actor=SYSTEM,
    )
    with pytest.raises(ValidationErrors) as caught:
        create_agreement(db, agreement_input(thin.id), actor=SYSTEM)
    problem = caught.value.for_field("unit_id")
    assert problem is not None
    assert "某某公司" in problem.message
    for missing in ("党组织书记（负责人）", "单位地址", "联络员"):
        assert missing in problem.message
    with pytest.raises(ValidationErrors, match="找不到该单位"):
        create_agreement(db, agreement_input(9999), actor=SYSTEM)


def test_responsibility_book_needs_tasks(db: Database, unit: UnitInfo) -> None:
    with pytest.raises(ValidationErrors, match="至少要有一项目标任务"):
        create_agreement(db, responsibility_input(unit.id, tasks=()), actor=SYSTEM)
    bad = (TaskInput("其他", "", "全年", "", 0),)
    with pytest.raises(ValidationErrors) as caught:
        create_agreement(db, responsibility_input(unit.id, tasks=bad, goal=""), actor=SYSTEM)
    text = caught.value.message
    for piece in ("任务类别", "具体任务不能为空", "完成时限", "分值应为 1–100 分", "年度目标"):
        assert piece in text, piece
    book = create_agreement(db, responsibility_input(unit.id), actor=SYSTEM)
    assert book.kind == AgreementKind.RESPONSIBILITY and len(book.tasks) == 3


def test_terminate_and_renew(db: Database, unit: UnitInfo, tmp_path: Path) -> None:
    first = create_agreement(db, agreement_input(unit.id), actor=SYSTEM)
    with pytest.raises(DjdeskError, match="只有已签订"):
        renew_agreement(db, first.id, actor=SYSTEM)
    printed(db, first.id, tmp_path)
    sign_agreement(db, first.id, TODAY, actor=SYSTEM, today=TODAY)
    renewal = renew_agreement(db, first.id, actor=SYSTEM, today=TODAY)
    assert renewal.status == AgreementStatus.DRAFT and renewal.renewed_from_id == first.id
    assert (renewal.starts_on, renewal.ends_on) == (date(2029, 1, 1), date(2031, 12, 31))
    assert renewal.serial == "" and renewal.open_facilities == "多功能厅、停车场"
    with pytest.raises(DjdeskError, match=r"已续签（第 \d+ 号记录，草稿），不能重复续签"):
        renew_agreement(db, first.id, actor=SYSTEM, today=TODAY)
    with pytest.raises(ValidationError, match="终止原因"):
        terminate_agreement(db, first.id, TODAY, "  ", actor=SYSTEM)
    ended = terminate_agreement(db, first.id, TODAY, "单位搬迁", actor=SYSTEM)
    assert ended.status == AgreementStatus.TERMINATED and ended.termination_reason == "单位搬迁"
    with pytest.raises(DjdeskError, match="已于"):
        terminate_agreement(db, first.id, TODAY, "again", actor=SYSTEM)


def test_renewal_term() -> None:
    assert renewal_term(date(2024, 1, 1), date(2026, 12, 31)) == (
        date(2027, 1, 1),
        date(2029, 12, 31),
    )
    assert renewal_term(date(2025, 3, 15), date(2026, 3, 14)) == (
        date(2026, 3, 15),
        date(2027, 3, 14),
    )
    assert renewal_term(date(2026, 1, 1), date(2026, 6, 30)) == (
        date(2026, 7, 1),
        date(2026, 12, 28),  # as many days as the old term
    )


def test_expiring_within_thirty_days(db: Database, unit: UnitInfo, tmp_path: Path) -> None:
    soon = create_agreement(
        db,
        agreement_input(unit.id, starts_on=date(2024, 1, 1), ends_on=TODAY + timedelta(days=30)),
        actor=SYSTEM,
    )
    later = create_agreement(
        db,
        agreement_input(unit.id, starts_on=date(2024, 1, 1), ends_on=TODAY + timedelta(days=31)),
        actor=SYSTEM,
    )
    draft = create_agreement(
        db,
        agreement_input(unit.id, starts_on=date(2024, 1, 1), ends_on=TODAY + timedelta(days=3)),
        actor=SYSTEM,
    )
    for agreement in (soon, later):
        printed(db, agreement.id, tmp_path)
        sign_agreement(db, agreement.id, TODAY, actor=SYSTEM, today=TODAY)
    expiring = expiring_agreements(db, today=TODAY)
    assert [a.id for a in expiring] == [soon.id]
    assert expiring[0].days_left == 30 and draft.id not in [a.id for a in expiring]
    flt = AgreementFilter(text="人民医院", kind=AgreementKind.AGREEMENT)
    assert len(list_agreements(db, flt, today=TODAY)) == 3


def test_renew_every_expiring_agreement(db: Database, unit: UnitInfo, tmp_path: Path) -> None:
    ends = TODAY + timedelta(days=10)
    ids = []
    for _ in range(2):
        made = create_agreement(
            db, agreement_input(unit.id, starts_on=date(2024, 1, 1), ends_on=ends), actor=SYSTEM
        )
        printed(db, made.id, tmp_path)
        sign_agreement(db, made.id, TODAY, actor=SYSTEM, today=TODAY)
        ids.append(made.id)
    renew_agreement(db, ids[0], actor=SYSTEM, today=TODAY)  # one was renewed by hand already
    batch = renew_expiring(db, actor=SYSTEM, today=TODAY)
    assert [d.renewed_from_id for d in batch.drafts] == [ids[1]] and batch.skipped == ()
    assert renew_expiring(db, actor=SYSTEM, today=TODAY).drafts == ()


def test_viewer_cannot_write(db: Database, unit: UnitInfo) -> None:
    viewer = Actor("kan", "查看员", Role.VIEWER)
    with pytest.raises(PermissionDeniedError):
        create_agreement(db, agreement_input(unit.id), actor=viewer)
