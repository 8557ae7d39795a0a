"""Registering cases: the item, the fields, 清单外事项, blocked certificates, results."""

from __future__ import annotations

from datetime import date

import pytest

from djdesk.errors import ValidationErrors
from djdesk.services.cases.case_input import CaseInput
from djdesk.services.cases.case_query import CaseFilter, case_detail, case_page
from djdesk.services.cases.registration import register_case
from djdesk.services.cases.types import CaseResult, CatalogKind
from djdesk.services.store import Database
from tests.helpers.cases_data import SYSTEM, VALID_ID, certificate_case


def _refused(db: Database, data: CaseInput) -> ValidationErrors:
    with pytest.raises(ValidationErrors) as info:
        register_case(db, data, actor=SYSTEM)
    return info.value


def test_a_work_item_needs_no_applicant(cdb: Database) -> None:
    done = register_case(
        cdb, CaseInput(item_code="zz9", handler="李四", minutes_spent=30), actor=SYSTEM
    )
    assert (done.item_code, done.result, done.certificate_serial) == ("ZZ-09", "办结", "")
    row = case_page(cdb, CaseFilter()).rows[0]
    assert row.catalog == CatalogKind.WORK and row.handler == "李四"


def test_a_certificate_item_issues_a_numbered_certificate(cdb: Database) -> None:
    done = certificate_case(cdb, on=date(2026, 3, 2))
    assert done.certificate_serial == "东风社区居证〔2026〕第001号"
    assert done.check_line.startswith("DJZ1-511502003012-2026-001-20260302-")
    detail = case_detail(cdb, done.case_id)
    assert detail.row.certificate_serial == done.certificate_serial
    assert detail.row.applicant_id_masked == "340***********001X"
    assert detail.materials == ("申请人居民身份证",) and detail.catalog_version == 1


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"applicant_id_number": "340524198001010013"}, "applicant_id_number", "校验位不正确"),
        ({"applicant_id_number": ""}, "applicant_id_number", "依法证明事项必须填写"),
        ({"applicant_name": ""}, "applicant_name", "必须填写申请人"),
        ({"applicant_phone": "12345"}, "applicant_phone", "11 位手机号"),
        ({"handler": " "}, "handler", "请填写经办人"),
        ({"facts": ""}, "facts", "请填写证明的具体内容"),
        ({"materials": ("结婚证",)}, "materials", "不在该事项的材料清单中"),
        ({"result": CaseResult.TRANSFERRED}, "transferred_to", "接收部门"),
        ({"result": CaseResult.REFUSED}, "refusal_reason", "须写明原因"),
        ({"minutes_spent": -5}, "minutes_spent", "0–1440"),
        ({"handled_on": date(2999, 1, 1)}, "handled_on", "不能晚于今天"),
        ({"purpose": "用" * 201}, "purpose", "不能超过 200 个字"),
    ],
)
def test_bad_fields_are_refused_at_the_field(
    cdb: Database, changes: dict[str, object], field: str, reason: str
) -> None:
    with pytest.raises(ValidationErrors) as info:
        certificate_case(cdb, **changes)
    error = info.value.for_field(field)
    assert error is not None and reason in error.message, info.value.message
    assert case_page(cdb, CaseFilter()).total == 0


def test_work_outside_the_catalogues_needs_department_and_reason(cdb: Database) -> None:
    errors = _refused(cdb, CaseInput(outside=True, item_name="代收材料", handler="李四"))
    assert {e.field for e in errors.errors} == {"requesting_department", "request_reason"}
    done = register_case(
        cdb,
        CaseInput(
            outside=True,
            item_name="代收材料",
            handler="李四",
            requesting_department="区统计局",
            request_reason="临时交办",
        ),
        actor=SYSTEM,
    )
    detail = case_detail(cdb, done.case_id)
    assert detail.row.catalog == CatalogKind.OUTSIDE and detail.requesting_department == "区统计局"
    assert done.catalog_version is None


def test_blocked_certificates_are_refused_with_the_document_number(cdb: Database) -> None:
    errors = _refused(cdb, CaseInput(item_code="FM-08", handler="李四"))
    assert errors.errors[0].field == "item"
    assert "婚姻状况证明" in errors.message and "民发〔2020〕20号" in errors.message
    assert "第 8 项" in errors.message


def test_kinship_for_notarisation_is_allowed_with_its_limitation(cdb: Database) -> None:
    done = certificate_case(
        cdb, code="ZM-05", facts="与李五系父子关系", materials=("户口簿",), purpose="办理公证"
    )
    assert done.certificate_serial
    from djdesk.db.models.cases import Certificate

    with cdb.reading() as session:
        row = session.get(Certificate, 1)
        assert row is not None and row.limitation == "仅限公证"
        assert "张三（男，公民身份号码：34052419800101001X）与李五系父子关系" in row.body


def test_unknown_item_and_missing_item(cdb: Database) -> None:
    assert (
        "没有编号为“ZZ-99”的事项"
        in _refused(cdb, CaseInput(item_code="ZZ-99", handler="李")).message
    )
    assert "清单外事项" in _refused(cdb, CaseInput(handler="李四")).message


def test_a_transferred_certificate_case_issues_nothing(cdb: Database) -> None:
    done = certificate_case(cdb, result=CaseResult.TRANSFERRED, transferred_to="街道便民服务中心")
    assert done.certificate_serial == "" and done.result == "转办"


def test_case_page_filters(cdb: Database) -> None:
    done = certificate_case(cdb)
    register_case(cdb, CaseInput(item_code="XZ-09", handler="王五"), actor=SYSTEM)
    assert case_page(cdb, CaseFilter(text="张")).total == 1
    assert case_page(cdb, CaseFilter(text=VALID_ID.lower())).total == 1
    assert case_page(cdb, CaseFilter(handler="王五")).rows[0].item_code == "XZ-09"
    assert case_page(cdb, CaseFilter(catalog=CatalogKind.CERTIFICATE)).total == 1
    assert case_page(cdb, CaseFilter(text=done.certificate_serial)).rows[0].id == done.case_id
    page = case_page(cdb, CaseFilter(), offset=1, limit=1)
    assert page.total == 2 and len(page.rows) == 1
