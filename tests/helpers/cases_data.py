"""Helpers for the 服务事项 tests: catalogue files derived from the shipped sample, cases."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

from djdesk.actor import Actor
from djdesk.resources import resource_path
from djdesk.services.cases.case_input import CaseInput
from djdesk.services.cases.registration import RegisteredCase, register_case
from djdesk.services.store import Database

SYSTEM = Actor.system()
VALID_ID = "34052419800101001X"
OTHER_ID = "11010519491231002X"


def sample_catalog() -> dict[str, Any]:
    """The shipped sample as a JSON object (a fresh copy to edit)."""
    path = resource_path("catalogs", "catalog-sample-v1.json")
    return copy.deepcopy(json.loads(path.read_text(encoding="utf-8")))


def write_catalog(folder: Path, data: dict[str, Any], name: str = "catalog.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def catalog_v2() -> dict[str, Any]:
    """Version 2: ZZ-34 dropped (retired), ZZ-35 added, XZ-01 renamed; counts kept true."""
    data = sample_catalog()
    data.update(version=2, sample=False, issuer="区社区减负办", document="区减负〔2026〕2号")
    zz = data["catalogs"][0]
    zz["items"] = [i for i in zz["items"] if i["code"] != "ZZ-34"]
    zz["items"].append({"code": "ZZ-35", "name": "社区微更新议事", "category": "居民自治"})
    zz["count"] = len(zz["items"])
    data["catalogs"][1]["items"][0]["name"] = "维护社会治安和平安建设"
    return data


def certificate_case(
    db: Database, *, code: str = "ZM-01", on: date | None = None, **changes: Any
) -> RegisteredCase:
    """Register a 证明 case handled to the end (so a certificate is issued)."""
    data = CaseInput(
        item_code=code,
        handled_on=on,
        applicant_name="张三",
        applicant_id_number=VALID_ID,
        applicant_phone="13812345678",
        applicant_address="东风小区1栋2单元301室",
        handler="李四",
        reviewer="王书记",
        facts="自2019年3月起在本社区居住",
        purpose="子女入学",
        verification="查验原件",
        materials=("申请人居民身份证",),
    )
    for key, value in changes.items():
        data = CaseInput(**{**data.__dict__, key: value})
    return register_case(db, data, actor=SYSTEM, today=on or date.today())
