"""The 报到回执: the sentence, the stub, one page whatever the data, byte-stable output."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from djdesk.documents.checkin.receipt import CheckinReceipt, body_text, build_checkin_receipt
from tests.helpers.pdf_text import flat_text, fonts, metadata, page_count

RECEIPT = CheckinReceipt(
    party_org="中共宜宾市翠屏区东城街道东风社区委员会",
    community="宜宾市翠屏区东城街道东风社区",
    serial="东风社区报〔2026〕第007号",
    name="张晓东",
    gender="男",
    id_tail="123X",
    id_masked="511***********123X",
    mobile_masked="138****5678",
    unit_name="中国移动通信集团四川有限公司宜宾分公司",
    branch="中共中国移动通信集团四川有限公司宜宾分公司委员会",
    checked_in_on=date(2026, 11, 23),
    posts=("政策宣传", "治安巡逻"),
    grid_name="东风一网格",
    grid_leader="张三",
    grid_phone="15012345678",
    available_times=("周末", "节假日"),
    specialties=("法律", "计算机"),
    site_phone="0831-8221234",
    site_address="宜宾市翠屏区东风路88号",
    received_by="李四",
    handled_by="王五",
    issued_on=date(2026, 11, 24),
)


def test_body_sentence_with_every_clause() -> None:
    assert body_text(RECEIPT) == (
        "张晓东同志（身份证号后四位 123X，工作单位：中国移动通信集团四川有限公司宜宾分公司，"
        "所在党组织：中共中国移动通信集团四川有限公司宜宾分公司委员会）于 2026年11月23日 "
        "到本社区报到，认领 政策宣传、治安巡逻 岗位，"
        "编入 东风一网格（网格长 张三，电话 15012345678）。"
    )


def test_body_sentence_leaves_out_clauses_without_data() -> None:
    bare = replace(RECEIPT, id_tail="", unit_name="", branch="", posts=(), grid_name="")
    assert body_text(bare) == "张晓东同志于 2026年11月23日 到本社区报到。"
    no_leader = replace(RECEIPT, grid_leader="", grid_phone="", branch="")
    text = body_text(no_leader)
    assert text.endswith("编入 东风一网格。") and "所在党组织" not in text


def test_receipt_content_read_back() -> None:
    pdf = build_checkin_receipt(RECEIPT)
    text = flat_text(pdf)
    assert page_count(pdf) == 1
    for piece in (
        "中共宜宾市翠屏区东城街道东风社区委员会",  # header and seal line
        "在职党员到社区报到回执",
        "编号：东风社区报〔2026〕第007号",
        "张晓东同志（身份证号后四位123X",
        "认领政策宣传、治安巡逻岗位",
        "编入东风一网格（网格长张三",
        "服务时间周末、节假日",
        "专业特长法律、计算机",
        "电话0831-8221234",
        "接收人李四",
        "二〇二六年十一月二十四日",
        "沿此线剪开",
        "报到回执存根（社区留存）",
        "身份证号511***********123X",
        "手机138****5678",
        "经办人王五",
        "办理日期2026年11月24日",
        "报到日期2026年11月23日",
    ):
        assert piece in text, piece
    assert text.count("东风社区报〔2026〕第007号") == 2  # the receipt and its stub
    assert metadata(pdf)["/Title"] == "在职党员到社区报到回执"
    assert all(fonts(pdf).values())


def test_stub_comes_after_the_cut_line() -> None:
    text = flat_text(build_checkin_receipt(RECEIPT))
    assert text.index("特此回执") < text.index("沿此线剪开") < text.index("存根")


def test_long_data_still_fits_one_page() -> None:
    posts = ("政策宣传", "环境整治", "扶贫帮困", "治安巡逻", "文明劝导", "矛盾调解", "法律服务")
    long = replace(
        RECEIPT,
        unit_name="宜宾市翠屏区" + "某" * 100 + "有限责任公司",
        branch="中共宜宾市翠屏区" + "某" * 110 + "委员会第一党支部",
        posts=posts * 2,
        specialties=("法律", "医疗卫生", "教育辅导", "心理咨询", "文艺", "体育", "书法绘画"),
        site_address="宜宾市翠屏区东风路88号东风社区党群服务中心一楼大厅服务窗口",
    )
    pdf = build_checkin_receipt(long)
    assert page_count(pdf) == 1
    assert "有限责任公司" in flat_text(pdf)  # the upper part keeps the full name


def test_missing_optional_data_prints_dashes() -> None:
    bare = replace(RECEIPT, gender="", mobile_masked="", grid_name="", posts=(), specialties=())
    text = flat_text(build_checkin_receipt(bare))
    assert "专业特长—" in text and "手机—" in text and "网格—" in text


def test_invariant_mode_is_byte_stable() -> None:
    first = build_checkin_receipt(RECEIPT, invariant=True)
    assert first == build_checkin_receipt(RECEIPT, invariant=True)
    assert first != build_checkin_receipt(replace(RECEIPT, serial="X"), invariant=True)
