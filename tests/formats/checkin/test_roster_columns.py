"""Header synonyms, header-row detection and cell values of messy roster sheets."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from djdesk.formats.checkin.roster_columns import (
    CellValueError,
    detect_header,
    field_for_header,
    id_number_text,
    parse_date,
    split_address,
    split_phones,
    text_of,
    title_unit,
)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("身份证号", "id_number"),
        ("公民身份号码", "id_number"),
        ("身份证号码", "id_number"),
        ("身份证", "id_number"),
        ("公民身份号码（18位）", "id_number"),
        ("*姓 名", "name"),
        ("手机", "mobile"),
        ("手机号码", "mobile"),
        ("联系电话", "phone"),
        ("电话", "phone"),
        ("工作单位", "unit"),
        ("所在单位", "unit"),
        ("单位名称", "unit"),
        ("出生年月", "birth_date"),
        ("入党日期", "joined_party_on"),
        ("党组织", "branch"),
        ("现住址", "address"),
        ("居住地址", "address"),
        ("服务岗位", "posts"),
        ("特长", "specialties"),
        ("序号", "seq"),
        ("单位类别", "unit_category"),
        ("报到日期", "checked_in_on"),
        ("网格", "grid"),
        ("职务", "post_title"),
        ("政治面貌", "political_status"),
        ("填报说明", None),
        (None, None),
    ],
)
def test_header_synonyms(header: str | None, field: str | None) -> None:
    assert field_for_header(header) == field


def test_detect_header_skips_title_and_unit_lines() -> None:
    rows = [
        ("2024年在职党员花名册", None, None, None),
        ("填报单位：宜宾学院", None, "填报日期：2024.5.6", None),
        (None, None, None, None),
        ("序号", "公民身份号码", "姓名", "手机"),
        (1, "511502198001011236", "张三", "13812345678"),
    ]
    header = detect_header(rows)
    assert header is not None
    assert header.row == 4
    assert header.columns == {"seq": 0, "id_number": 1, "name": 2, "mobile": 3}


def test_detect_header_needs_name_and_id() -> None:
    assert detect_header([("序号", "姓名", "手机", "工作单位")]) is None
    assert detect_header([]) is None


@pytest.mark.parametrize(
    ("value", "expected", "month_only"),
    [
        (datetime(2023, 5, 6, 0, 0), date(2023, 5, 6), False),
        (date(2023, 5, 6), date(2023, 5, 6), False),
        (45052, date(2023, 5, 6), False),  # Excel serial number
        (45052.0, date(2023, 5, 6), False),
        ("2023.5.6", date(2023, 5, 6), False),
        ("2023-05-06", date(2023, 5, 6), False),
        ("2023/5/6", date(2023, 5, 6), False),
        ("2023年5月6日", date(2023, 5, 6), False),
        ("２０２３年５月６日", date(2023, 5, 6), False),  # full-width digits
        ("20230506", date(2023, 5, 6), False),
        (20230506, date(2023, 5, 6), False),
        ("2023-05-06 00:00:00", date(2023, 5, 6), False),
        ("2023.5", date(2023, 5, 1), True),
        ("2023年5月", date(2023, 5, 1), True),
        (2023.05, date(2023, 5, 1), True),
        (2023.11, date(2023, 11, 1), True),
        (202305, date(2023, 5, 1), True),
    ],
)
def test_dates(value: object, expected: date, month_only: bool) -> None:
    parsed = parse_date(value)
    assert parsed is not None
    assert (parsed.value, parsed.month_only) == (expected, month_only)


@pytest.mark.parametrize("value", ["明年", "2023.13.1", "2023-02-30", "5/6"])
def test_bad_dates(value: str) -> None:
    with pytest.raises(CellValueError):
        parse_date(value)


def test_empty_date() -> None:
    assert parse_date(None) is None
    assert parse_date("  ") is None


def test_id_number_cells() -> None:
    assert id_number_text(" 51150219800101123x ") == "51150219800101123X"
    assert id_number_text(511502198001011236) == "511502198001011236"
    with pytest.raises(CellValueError, match=r"存成数字（显示为 5\.11502E\+17）"):
        id_number_text(5.11502e17)


def test_text_of_cleans_full_width_and_spaces() -> None:
    assert text_of("  张\u3000三 ") == "张 三"
    assert text_of("１３８１２３４５６７８") == "13812345678"
    assert text_of(13812345678.0) == "13812345678"
    assert text_of(None) == ""


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("东风小区3栋2单元501", ("东风小区", "3", "2", "501")),
        ("东风小区3-2-501", ("东风小区", "3", "2", "501")),
        ("滨江花园 12幢 1单元 1203室", ("滨江花园", "12", "1", "1203")),
        ("叙府名城A座1802", ("叙府名城", "A", "", "1802")),
        ("东风路88号", ("东风路88号", "", "", "")),
        ("翠屏区某某街道", ("翠屏区某某街道", "", "", "")),
    ],
)
def test_address_split(text: str, parts: tuple[str, str, str, str]) -> None:
    address = split_address(text)
    assert (address.estate, address.building, address.entrance, address.room) == parts


def test_phones_split_mobile_and_landline() -> None:
    assert split_phones("13812345678") == ("13812345678", "")
    assert split_phones("0831-8221234") == ("", "0831-8221234")
    assert split_phones("13812345678/0831-8221234") == ("13812345678", "0831-8221234")
    assert split_phones("8221234") == ("8221234", "")
    assert split_phones(None) == ("", "")


@pytest.mark.parametrize(
    ("rows", "unit"),
    [
        ([("填报单位：宜宾学院          填报日期：2024年5月6日",)], "宜宾学院"),
        ([("填报单位（盖章）：宜宾学院",)], "宜宾学院"),
        ([("填报单位：", "宜宾学院", "填报日期：2024.5.6")], "宜宾学院"),
        ([("填报单位：__________        填报日期：____年__月__日",)], ""),
        ([("2024年花名册",)], ""),
    ],
)
def test_title_unit(rows: list[tuple[object, ...]], unit: str) -> None:
    assert title_unit(rows) == unit
