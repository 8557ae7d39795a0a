"""The site information sheet (站点信息表): content read back from the PDF, levels, layout."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from typing import Any

import pytest

from djdesk.documents.site.site_sheet import SiteSheet, build_site_sheet, identity_rows
from djdesk.services.site.identity import SiteInfo, SiteInput
from tests.conftest import SAMPLE_SITE
from tests.helpers.pdf_text import fonts, metadata, page_count, pdf_text

COUNTS = (
    ("在职党员", 1286),
    ("驻区单位", 47),
    ("场地预约", 312),
    ("办件登记", 2051),
    ("证明出具", 0),
)
DATA_DIR = r"C:\Users\dongfeng\AppData\Local\djdesk\djdesk"


def make_sheet(site: SiteInput = SAMPLE_SITE, **changes: Any) -> SiteSheet:
    sheet = SiteSheet(
        **{f.name: getattr(site, f.name) for f in fields(SiteInput)},
        serial="东风社区信〔2026〕第001号",
        issued_on=date(2026, 11, 23),
        record_counts=COUNTS,
        program_version="0.1.0",
        data_location=DATA_DIR,
    )
    return replace(sheet, **changes)


def flat(pdf: bytes) -> str:
    return "".join(pdf_text(pdf).split())


def test_sheet_mirrors_the_site_identity_fields() -> None:
    identity = {f.name for f in fields(SiteInput)}
    assert identity <= {f.name for f in fields(SiteSheet)}


def test_sample_sheet_content() -> None:
    pdf = build_site_sheet(make_sheet())
    text = flat(pdf)
    for expected in (
        "宜宾市翠屏区东城街道东风社区",
        "站点信息表",
        "编号：东风社区信〔2026〕第001号",
        "层级社区",
        "统计用区划代码511502003012",
        "简称东风社区",
        "所属街道东城街道（511502003）",
        "所属区翠屏区（511502）",
        "地址宜宾市翠屏区东风路88号",
        "联系电话0831-8221234",
        "党组织全称中共宜宾市翠屏区东城街道东风社区委员会",
        "文书编号前缀东风社区",
        "一、站点基本信息",
        "二、数据概况",
        "程序版本djdesk0.1.0",
        "数据位置" + DATA_DIR,
        "本表用于向街道、区报送本站点基础信息",
        "以本表“统计用区划代码”为准",
        "二〇二六年十一月二十三日",
        "（盖章）",
        "由djdesk0.1.0生成",
    ):
        assert expected in text, expected
    for label, count in COUNTS:
        assert f"{label}{count}" in text
    # the title comes after the header, and the date after the tables
    assert text.index("宜宾市翠屏区东城街道东风社区") < text.index("站点信息表")
    assert text.index("二、数据概况") < text.index("二〇二六年十一月二十三日")


def test_sample_sheet_is_one_page_with_its_number() -> None:
    pdf = build_site_sheet(make_sheet())
    assert page_count(pdf) == 1
    assert "第1页/共1页" in flat(pdf)


def test_built_from_a_saved_site(site: SiteInfo) -> None:
    text = flat(build_site_sheet(make_sheet(site)))
    assert site.name in text
    assert f"统计用区划代码{site.code}" in text


def test_street_level_shows_only_the_district() -> None:
    street = replace(
        make_sheet(),
        level="街道",
        code="511502003",
        name="宜宾市翠屏区东城街道",
        short_name="东城街道",
        street_code="",
        street_name="",
    )
    labels = [label for label, _ in identity_rows(street)]
    assert "所属街道" not in labels
    assert "所属区" in labels
    text = flat(build_site_sheet(street))
    assert "所属街道" not in text
    assert "所属区翠屏区（511502）" in text
    assert "本表用于向区报送本站点基础信息" in text


def test_district_level_shows_no_parents() -> None:
    district = replace(
        make_sheet(),
        level="区",
        code="511502",
        name="宜宾市翠屏区",
        short_name="翠屏区",
        street_code="",
        street_name="",
        district_code="",
        district_name="",
    )
    labels = [label for label, _ in identity_rows(district)]
    assert "所属街道" not in labels
    assert "所属区" not in labels
    text = flat(build_site_sheet(district))
    assert "所属" not in text
    assert "本级存档" in text


def test_no_records_yet() -> None:
    text = flat(build_site_sheet(make_sheet(record_counts=(), program_version="")))
    assert "业务记录暂无" in text
    assert "由djdesk生成" in text


def test_very_long_names_wrap_on_one_page() -> None:
    name = "宜宾市翠屏区东城街道东风社区党群服务中心暨新时代文明实践站与退役军人服务站联合办公室"
    party_org = "中共宜宾市翠屏区东城街道东风社区委员会第一党支部暨驻区单位联合党总支部委员会"
    address = (
        "宜宾市翠屏区东风路88号东风大厦附楼三层，进门左转走廊尽头，东风社区党群服务中心会议室旁"
    )
    pdf = build_site_sheet(make_sheet(name=name, party_org=party_org, address=address))
    assert page_count(pdf) == 1
    text = flat(pdf)
    assert text.count(name) == 3  # header, table and signature, each whole after unwrapping
    assert f"党组织全称{party_org}" in text
    assert f"地址{address}" in text
    assert "二〇二六年十一月二十三日" in text


def test_rare_characters_are_printed_not_dropped() -> None:
    # 堃 is outside GB 2312, so the Song face lacks it and the Hei face draws it
    pdf = build_site_sheet(make_sheet(name="宜宾市翠屏区东城街道堃园社区"))
    assert flat(pdf).count("堃园社区") == 3


def test_invariant_builds_are_byte_identical() -> None:
    sheet = make_sheet()
    first = build_site_sheet(sheet, invariant=True)
    assert build_site_sheet(sheet, invariant=True) == first
    assert (
        build_site_sheet(replace(sheet, serial="东风社区信〔2026〕第002号"), invariant=True)
        != first
    )


def test_metadata_and_embedded_fonts() -> None:
    pdf = build_site_sheet(make_sheet())
    info = metadata(pdf)
    assert info["/Title"] == "站点信息表"
    assert info["/Author"] == "宜宾市翠屏区东城街道东风社区"
    assert "511502003012" in info["/Subject"]
    assert info["/Creator"] == "djdesk"
    used = fonts(pdf)
    assert len(used) >= 2
    assert all(used.values()), used


@pytest.mark.parametrize("level", ["社区", "街道", "区"])
def test_identity_rows_always_carry_the_core_fields(level: str) -> None:
    labels = [label for label, _ in identity_rows(make_sheet(level=level))]
    for core in (
        "层级",
        "统计用区划代码",
        "全称",
        "简称",
        "地址",
        "联系电话",
        "党组织全称",
        "文书编号前缀",
    ):
        assert core in labels
