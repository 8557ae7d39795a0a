"""Catalogue files are hostile: every bad file is refused with a Chinese reason, none parsed
past its size limit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from djdesk.formats.cases import catalog_file
from djdesk.formats.cases.blocked_list import base_name, parse_blocked_list
from djdesk.formats.cases.catalog_fields import CatalogFileError
from djdesk.formats.cases.catalog_file import (
    MAX_BYTES,
    PLACEHOLDERS,
    parse_catalog,
    read_catalog_file,
)
from djdesk.resources import resource_path
from tests.helpers.cases_data import sample_catalog, write_catalog


def _refused(data: dict[str, Any] | bytes) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()
    with pytest.raises(CatalogFileError) as info:
        parse_catalog(raw, source="x.json")
    assert info.value.message.startswith("目录文件“x.json”未载入，数据未改动：")
    return info.value.message


def test_the_sample_has_34_37_22_items_and_templates_for_every_certificate() -> None:
    catalog = read_catalog_file(resource_path("catalogs", "catalog-sample-v1.json"))
    assert [(c.key, len(c.items), c.count) for c in catalog.catalogs] == [
        ("ZZ", 34, 34),
        ("XZ", 37, 37),
        ("ZM", 22, 22),
    ]
    assert catalog.sample and "示例" in catalog.note and catalog.version == 1
    zm = catalog.catalogs[2].items
    assert all(i.certificate is not None for i in zm)
    assert all(i.lead_department for i in catalog.catalogs[1].items)
    kinship = next(i for i in zm if i.name.startswith("亲属关系证明"))
    assert kinship.certificate is not None and kinship.certificate.limitation == "仅限公证"


def test_the_blocked_list_has_the_20_national_items_with_one_exception() -> None:
    listed = parse_blocked_list(resource_path("catalogs", "blocked-certificates.json").read_bytes())
    assert listed.document == "民发〔2020〕20号" and len(listed.items) == 20
    assert [i.number for i in listed.items] == list(range(1, 21))
    assert [i.name for i in listed.items if i.limitation] == ["亲属关系证明"]
    assert listed.match("无犯罪记录证明") is not None
    assert listed.match("亲属关系证明（仅限公证）") is not None  # the name alone is not enough
    assert listed.match("亲属关系证明（仅限公证）", "仅限公证") is None
    assert listed.match("居住（租住）证明") is None
    assert base_name("社区戒毒社区康复人员情况证明（表现证明）") == "社区戒毒社区康复人员情况证明"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_BYTES + 1))
    monkeypatch.setattr(catalog_file.json, "loads", lambda *a, **k: pytest.fail("parsed"))
    with pytest.raises(CatalogFileError, match="文件过大"):
        read_catalog_file(big)


def _cert(d: dict[str, Any]) -> dict[str, Any]:
    return d["catalogs"][2]["items"][0]["certificate"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["catalogs"][0]["items"][1].update(code="ZZ-01"), "事项编号“ZZ-01”重复"),
        (lambda d: d["catalogs"][1]["items"][0].pop("name"), "缺少目录“协助政府工作事项”第 1 项"),
        (lambda d: d["catalogs"][1]["items"][2].update(name="  "), "名称为空"),
        (lambda d: d["catalogs"][0].update(count=35), "表头写明 35 项，实际列出 34 项"),
        (lambda d: d.update(colour="red"), "文件头有未知字段“colour”"),
        (lambda d: d["catalogs"][2]["items"][0].update(fee=5), "有未知字段“fee”"),
        (lambda d: _cert(d).update(body="兹证明{姓名}{年龄}"), "未知的占位符“{年龄}”"),
        (lambda d: d["catalogs"][0]["items"][0].update(code="XZ-99"), "编号应为“ZZ-”"),
        (
            lambda d: d["catalogs"][0]["items"][0].update(certificate={"title": "t", "body": "b"}),
            "不能带证明模板",
        ),
        (lambda d: d["catalogs"][2]["items"][0].pop("certificate"), "缺少证明模板"),
        (lambda d: d["catalogs"].pop(), "缺少目录“依法证明事项”"),
        (lambda d: d.update(version="2"), "目录版本号应为整数"),
        (lambda d: d.update(effective_date="2026-02-30"), "不是真实的日期"),
        (lambda d: d.update(format_version=2), "由更新版本的程序生成"),
        (lambda d: d["catalogs"][0]["items"][0].update(name="组织\u202e生活"), "控制字符"),
        (lambda d: d["catalogs"][2]["items"][0].update(materials=["身份证", "身份证"]), "重复"),
    ],
)
def test_bad_files_are_refused_with_the_reason(change: Any, reason: str) -> None:
    data = sample_catalog()
    change(data)
    assert reason in _refused(data)


def test_every_problem_is_listed_at_once() -> None:
    data = sample_catalog()
    data["catalogs"][0]["count"] = 1
    data["catalogs"][1]["items"][0].pop("name")
    data["extra"] = True
    message = _refused(data)
    assert "表头写明 1 项" in message and "缺少" in message and "未知字段“extra”" in message


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\xff\xfe\x00", "不是 UTF-8"),
        (b"{not json", "不是有效的 JSON"),
        (b"[]", "最外层应为 JSON 对象"),
        (b'{"format": "something-else"}', "不是 djdesk 目录文件"),
        (b'{"format": "djdesk-catalog", "format": "djdesk-catalog"}', "出现了两次"),
        (b"[" * 100_000 + b"]" * 100_000, "嵌套层数过多"),
    ],
)
def test_files_that_are_not_catalogues(raw: bytes, reason: str) -> None:
    assert reason in _refused(raw)


def test_placeholders_are_the_documented_ones(tmp_path: Path) -> None:
    data = sample_catalog()
    _cert(data)["body"] = "".join(f"{{{p}}}" for p in PLACEHOLDERS)
    parsed = read_catalog_file(write_catalog(tmp_path, data))
    assert parsed.catalogs[2].items[0].certificate is not None
    doc = Path(__file__).resolve().parents[3] / "docs" / "catalog-format.md"
    text = doc.read_text(encoding="utf-8")
    assert all(f"{{{p}}}" in text for p in PLACEHOLDERS)
