"""Statistics and the 出具证明登记簿 by period, as xlsx and PDF; the area's demo and tiles."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from djdesk.documents.cases import reports as pdf_reports
from djdesk.errors import DjdeskError
from djdesk.formats.cases import reports as xlsx_reports
from djdesk.services.areas import DemoOptions
from djdesk.services.cases.case_input import CaseInput
from djdesk.services.cases.case_query import CaseFilter, case_page
from djdesk.services.cases.certificates import print_certificate, void_certificate
from djdesk.services.cases.demo import fill_cases_demo
from djdesk.services.cases.overview import cases_tiles
from djdesk.services.cases.periods import parse_period
from djdesk.services.cases.registration import register_case
from djdesk.services.cases.report_data import case_stats, iter_register
from djdesk.services.cases.reports import write_cases_report
from djdesk.services.cases.types import CaseResult
from djdesk.services.documents import RegisterQuery, register_page
from djdesk.services.store import Database
from tests.helpers.cases_data import SYSTEM, certificate_case
from tests.helpers.pdf_text import flat_text

NOV = date(2026, 11, 10)


@pytest.fixture
def month(cdb: Database) -> Database:
    certificate_case(cdb, on=NOV)
    second = certificate_case(cdb, on=date(2026, 11, 12))
    void_certificate(cdb, second.case_id, "写错", actor=SYSTEM)
    certificate_case(cdb, on=date(2026, 10, 30))
    register_case(
        cdb,
        CaseInput(item_code="XZ-09", handler="王五", minutes_spent=20, handled_on=NOV),
        actor=SYSTEM,
        today=NOV,
    )
    register_case(
        cdb,
        CaseInput(
            outside=True,
            item_name="填报表格",
            handler="王五",
            handled_on=NOV,
            requesting_department="区统计局",
            request_reason="临时",
            result=CaseResult.REFUSED,
            refusal_reason="不属社区职责",
        ),
        actor=SYSTEM,
        today=NOV,
    )
    return cdb


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2026-11", "2026年11月", date(2026, 11, 1), date(2026, 11, 30)),
        ("2026-Q4", "2026年第四季度", date(2026, 10, 1), date(2026, 12, 31)),
        ("2024-02", "2024年2月", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026", "2026年度", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026年第1季度", "2026年第一季度", date(2026, 1, 1), date(2026, 3, 31)),
    ],
)
def test_periods(text: str, label: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "26", "上个月", ""])
def test_bad_periods(text: str) -> None:
    with pytest.raises(DjdeskError, match="无法识别"):
        parse_period(text)


def test_statistics_by_section(month: Database) -> None:
    stats = case_stats(month, parse_period("2026-11"))
    rows = {(r[0], r[1]): r[2:] for r in stats.rows}
    assert rows[("按清单", "依法证明事项")] == (2, 2, 0, 0, 1, 0)  # one of two voided
    assert rows[("按清单", "清单外事项")] == (1, 0, 0, 1, 0, 0)
    assert rows[("按事项", "ZM-01 居住（租住）证明")][0] == 2
    assert rows[("按经办人", "王五")] == (2, 1, 0, 1, 0, 20)
    assert rows[("按月份", "2026-11")][0] == 4
    assert rows[("清单外交办部门", "区统计局")][0] == 1
    assert stats.total == ("合计", "", 4, 3, 0, 1, 1, 20)
    assert (stats.certificates, stats.voided, stats.outside, stats.departments) == (1, 1, 1, 1)
    quarter = case_stats(month, parse_period("2026-Q4"))
    assert quarter.total[2] == 5


def test_register_lines(month: Database) -> None:
    lines = list(iter_register(month, parse_period("2026-Q4")))
    assert [line[0] for line in lines] == [1, 2, 3]
    assert [line[1][-5:] for line in lines] == ["第001号", "第002号", "第003号"]
    first = lines[0]
    assert len(first) == len(pdf_reports.REGISTER_COLUMNS)
    assert first[5] == "340***********001X" and first[6] == "138****5678"
    assert first[3] == "ZM-01 居住证明" and first[12] == "是"
    assert "作废：写错" in lines[1][13]


def test_pdf_and_xlsx_columns_agree() -> None:
    for pdf_cols, xlsx_cols in (
        (pdf_reports.REGISTER_COLUMNS, xlsx_reports.REGISTER_COLUMNS),
        (pdf_reports.STATS_COLUMNS, xlsx_reports.STATS_COLUMNS),
    ):
        assert [c.title for c in pdf_cols] == [c.title for c in xlsx_cols]
    assert pdf_reports.REGISTER_TITLE == xlsx_reports.REGISTER_TITLE


def test_reports_are_written_in_both_formats(month: Database, tmp_path: Path) -> None:
    period = parse_period("2026-11")
    for kind in ("cases", "certificate-register"):
        write_cases_report(month, kind, period, tmp_path / f"{kind}.xlsx", actor=SYSTEM)
        write_cases_report(month, kind, period, tmp_path / f"{kind}.pdf", actor=SYSTEM)
    ws = load_workbook(tmp_path / "cases.xlsx").active
    assert ws["A1"].value == "服务事项办理情况统计表"
    assert "统计期间：2026年11月" in ws["A2"].value
    text = flat_text((tmp_path / "certificate-register.pdf").read_bytes())
    assert "出具证明登记簿" in text and "第002号" in text and "作废：写错" in text
    # The PDFs are documents in the register; the workbooks are exports.
    page = register_page(month, RegisterQuery(kind="cases-certificate-register"))
    assert [d.title for d in page.rows] == ["2026年11月出具证明登记簿"]
    assert page.rows[0].outputs[0].target == str(tmp_path / "certificate-register.pdf")
    assert register_page(month, RegisterQuery(kind="cases-stats")).total == 1
    with pytest.raises(DjdeskError, match="只能保存为"):
        write_cases_report(month, "cases", period, tmp_path / "x.csv", actor=SYSTEM)


def test_reprints_are_counted_from_the_register(month: Database, tmp_path: Path) -> None:
    flt = CaseFilter(date_from=NOV, date_to=NOV, catalog="依法证明事项")
    first = case_page(month, flt).rows[0]
    assert first.certificate_serial.endswith("第001号")
    print_certificate(month, first.id, tmp_path / "a.pdf", actor=SYSTEM)
    print_certificate(month, first.id, tmp_path / "b.pdf", actor=SYSTEM, reason="遗失")
    stats = case_stats(month, parse_period("2026-11"))
    assert stats.reprints == 1 and "补打 1 次" in stats.closing[0]
    lines = list(iter_register(month, parse_period("2026-11")))
    assert "打印 2 次" in lines[0][13]


def test_demo_fills_a_year_with_certificates(cdb: Database) -> None:
    made = fill_demo_cases(cdb, 400)
    assert made["service_case"] == 400 and 30 < made["certificate"] < 120
    stats = case_stats(cdb, parse_period(f"{date.today().year}"))
    assert stats.total[2] <= 400
    # every demo certificate has its first print in the register, a few a 补打
    printed = register_page(cdb, RegisterQuery(kind="cases-certificate"), limit=1).total
    assert made["certificate"] < printed < made["certificate"] * 1.2
    titles = [t.title for t in cases_tiles(cdb)]
    assert titles == ["今日办件", "本月证明", "服务事项目录"]


def fill_demo_cases(db: Database, count: int) -> dict[str, int]:
    with db.unit_of_work(SYSTEM) as session:
        return fill_cases_demo(session, DemoOptions(counts={"cases": count}), random.Random(3))
