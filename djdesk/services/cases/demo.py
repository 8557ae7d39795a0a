"""Demo data for the 服务事项 area: a realistic year of cases at the counter.

Cases are spread over the last twelve months (fewer at weekends), about two fifths 协助政府工作
事项, a third 保留社区工作事项, a sixth 依法证明事项 and a few 清单外事项 handed down by
departments. Every 依法证明事项 handled to the end has its numbered certificate, check code and
first print in the document register; a few are voided or reprinted (补打 with a reason).
Rows are written with bulk inserts in chunks and certificate numbers are taken in blocks, so
500,000 cases take minutes, not hours.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from djdesk.db.audit import record_event
from djdesk.db.base import new_uid, utc_now
from djdesk.db.models.cases import Certificate, ServiceCase
from djdesk.db.models.documents import DocumentRecord
from djdesk.documents.cases.kinds import CERTIFICATE_KIND
from djdesk.services.areas import DemoOptions
from djdesk.services.cases.catalog_store import ensure_catalog, item_info, version_items
from djdesk.services.cases.check_code import make_line, site_secret
from djdesk.services.cases.issuing import fill_template
from djdesk.services.cases.types import CaseResult, CatalogKind, CertificateStatus
from djdesk.services.documents import DocumentFormat, ReprintMark
from djdesk.services.origin import load_site
from djdesk.services.serials import allocate_serials
from djdesk.validation.idcard import check_char

CHUNK = 10_000
HANDLERS = ("陈静", "刘洋", "王芳", "张磊", "杨雪")
REVIEWERS = ("李书记", "周主任")
DEPARTMENTS = (
    "区住房和城乡建设局",
    "区市场监督管理局",
    "区统计局",
    "区卫生健康局",
    "街道综合行政执法队",
    "区教育和体育局",
)
OUTSIDE_WORK = ("代收材料并填报表格", "协助入户核查", "组织居民填写调查问卷", "张贴宣传材料")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂玉萍毅浩宇轩欣怡涵萱辰俊华志国庆海燕红梅"
ESTATES = ("东风小区", "滨江花园", "叙府名城", "翠屏山水", "南岸一号", "金江苑", "长江华庭")
FACTS = {
    "ZM-01": "自{y}年{m}月起在本社区居住至今",
    "ZM-02": "家庭共{n}人，因病致困，家庭生活困难",
    "ZM-03": "家庭共{n}人，家庭经济困难",
    "ZM-04": "于{y}年参加本社区志愿服务共计{n}0小时",
}
KIND_WEIGHTS = (
    (CatalogKind.WORK, 33),
    (CatalogKind.ASSIST, 42),
    (CatalogKind.CERTIFICATE, 18),
    (CatalogKind.OUTSIDE, 7),
)


def _person(rng: random.Random) -> tuple[str, str, str]:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    born = date(1945, 1, 1) + timedelta(days=rng.randrange(365 * 60))
    male = rng.random() < 0.5
    order = rng.randrange(0, 50) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    first17 = f"511502{born:%Y%m%d}{order:03d}"
    return name, first17 + check_char(first17), "男" if male else "女"


def _dates(rng: random.Random, count: int, today: date) -> list[date]:
    days: list[date] = []
    while len(days) < count:
        day = today - timedelta(days=rng.randrange(365))
        if day.weekday() < 5 or rng.random() < 0.2:
            days.append(day)
    return sorted(days)


def _chunks(days: list[date]) -> Iterator[list[date]]:
    for start in range(0, len(days), CHUNK):
        yield days[start : start + CHUNK]


def _case(rng: random.Random, on: date, items: dict[CatalogKind, list[Any]]) -> dict[str, Any]:
    kind = rng.choices([k for k, _ in KIND_WEIGHTS], [w for _, w in KIND_WEIGHTS])[0]
    name, id_number, gender = _person(rng)
    roll = rng.random()
    result = CaseResult.DONE if roll < 0.87 else CaseResult.TRANSFERRED if roll < 0.95 else None
    result = result or CaseResult.REFUSED
    row: dict[str, Any] = {
        "handled_on": on,
        "catalog": kind.value,
        "applicant_name": name,
        "applicant_id_number": id_number,
        "applicant_phone": f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
        "applicant_address": f"{rng.choice(ESTATES)}{rng.randrange(1, 20)}栋"
        f"{rng.randrange(1, 30)}0{rng.randrange(1, 5)}室",
        "handler": rng.choice(HANDLERS),
        "result": result.value,
        "transferred_to": "街道便民服务中心" if result == CaseResult.TRANSFERRED else "",
        "refusal_reason": "材料不全，已一次性告知" if result == CaseResult.REFUSED else "",
        "minutes_spent": rng.choice((5, 10, 10, 15, 20, 30, 45)),
        "remarks": "",
        "_gender": gender,
    }
    if kind == CatalogKind.OUTSIDE:
        row.update(
            item_name=rng.choice(OUTSIDE_WORK),
            requesting_department=rng.choice(DEPARTMENTS),
            request_reason="部门临时交办",
            materials="[]",
        )
        return row
    item = rng.choice(items[kind])
    if kind == CatalogKind.WORK and rng.random() < 0.6:
        row.update(
            applicant_name="", applicant_id_number="", applicant_phone="", applicant_address=""
        )
    row.update(
        _item=item,
        item_id=item["id"],
        item_code=item["code"],
        item_name=item["name"],
        category=item["category"],
        materials=json.dumps(list(item["materials"]), ensure_ascii=False),
    )
    return row


def _certificate(
    row: dict[str, Any], rng: random.Random, site: Any, version: int
) -> dict[str, Any]:
    item = row["_item"]
    template = item["certificate"]
    on: date = row["handled_on"]
    fact = FACTS.get(item["code"], "情况属实").format(
        y=on.year - rng.randrange(1, 8), m=rng.randrange(1, 13), n=rng.randrange(2, 6)
    )
    values = {
        "姓名": row["applicant_name"],
        "性别": row["_gender"],
        "身份证号": row["applicant_id_number"],
        "住址": row["applicant_address"],
        "事实": fact,
        "用途": template.purpose_hint,
    }
    void = rng.random() < 0.02
    return {
        "uid": new_uid(),
        "origin": site.code,
        "version": 1,
        "updated_at": utc_now(),
        "case_id": row["id"],
        "issued_on": on,
        "catalog_version": version,
        "item_code": item["code"],
        "item_name": item["name"],
        "title": template.title,
        "body": fill_template(template.body, values),
        "purpose": template.purpose_hint,
        "legal_basis": item["legal_basis"],
        "limitation": template.limitation,
        "validity_months": template.validity_months,
        "subject_name": row["applicant_name"],
        "subject_gender": row["_gender"],
        "subject_id_number": row["applicant_id_number"],
        "subject_address": row["applicant_address"],
        "handler": row["handler"],
        "reviewer": rng.choice(REVIEWERS),
        "contact_phone": site.phone,
        "community": site.name,
        "verification": rng.choice(("查验原件", "入户核实", "查验原件、入户核实")),
        "sealed": True,
        "status": (CertificateStatus.VOID if void else CertificateStatus.VALID).value,
        "void_reason": "信息填写有误，已重新出具" if void else "",
        "voided_by": row["handler"] if void else "",
        "voided_at": utc_now() if void else None,
        "_prints": 2 if rng.random() < 0.05 else 1,
    }


def _number(session: Session, certs: list[dict[str, Any]], secret: bytes, site_code: str) -> None:
    """Give the chunk's certificates consecutive numbers per year, with their check codes."""
    by_year: dict[int, list[dict[str, Any]]] = {}
    for cert in certs:
        by_year.setdefault(cert["issued_on"].year, []).append(cert)
    for year, rows in sorted(by_year.items()):
        subjects = [r["subject_name"] for r in rows]
        serials = allocate_serials(session, CERTIFICATE_KIND, year=year, subjects=subjects)
        for cert, serial in zip(rows, serials, strict=True):
            line = make_line(secret, site_code, year, serial.number, cert["issued_on"])
            cert.update(serial=serial.text, year=year, number=serial.number, check_code=line.code)


def _prints(certs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The register entries of the demo prints: the original on the day of issue and, for a
    few, a 补打 the week after. Their bytes were never made, so they are not rebuilt from the
    register (the case page prints them again from the certificate)."""
    rows = []
    for cert in certs:
        for copy in range(cert["_prints"]):
            at = datetime.combine(cert["issued_on"] + timedelta(days=7 * copy), time(2), UTC)
            at = min(at, utc_now())
            rows.append(
                {
                    "uid": new_uid(),
                    "origin": cert["origin"],
                    "version": 1,
                    "updated_at": utc_now(),
                    "kind": CERTIFICATE_KIND,
                    "title": cert["title"],
                    "serial": cert["serial"],
                    "subject_table": "certificate",
                    "subject_uid": cert["uid"],
                    "subject_label": cert["subject_name"],
                    "template_version": f"第 {cert['catalog_version']} 版目录",
                    "file_format": DocumentFormat.PDF.value,
                    "copy_number": copy,
                    "mark": ReprintMark.REPRINT.value if copy else "",
                    "reason": "申请人遗失，补打" if copy else "",
                    "reprintable": False,
                    "payload": "",
                    "pages": 1,
                    "created_by": "demo",
                    "created_by_name": cert["handler"],
                    "created_at": at,
                }
            )
    return rows


def fill_cases_demo(session: Session, options: DemoOptions, rng: random.Random) -> dict[str, int]:
    site = load_site(session)
    assert site is not None  # fill_demo sets one up first
    version = ensure_catalog(session, site.code)
    items: dict[CatalogKind, list[Any]] = {kind: [] for kind in CatalogKind}
    for item_row in version_items(session, version):
        info = item_info(item_row, version.version)
        if not info.retired:
            items[info.catalog].append({**info.__dict__, "id": item_row.id})
    secret = site_secret(session, site.code, create=True)
    assert secret is not None
    next_case = (session.scalar(select(func.max(ServiceCase.id))) or 0) + 1
    made = {"service_case": 0, "certificate": 0}
    for days in _chunks(_dates(rng, options.count("cases"), date.today())):
        cases, certs = [], []
        for on in days:
            row = _case(rng, on, items)
            row.update(
                id=next_case,
                uid=new_uid(),
                origin=site.code,
                version=1,
                updated_at=utc_now(),
                version_id=version.id if row.get("item_id") else None,
                catalog_version=version.version if row.get("item_id") else None,
            )
            next_case += 1
            if row["catalog"] == CatalogKind.CERTIFICATE and row["result"] == CaseResult.DONE:
                certs.append(_certificate(row, rng, site, version.version))
            cases.append(row)
        _number(session, certs, secret, site.code)
        session.execute(
            insert(ServiceCase), [{k: v for k, v in r.items() if k[0] != "_"} for r in cases]
        )
        if certs:
            session.execute(
                insert(Certificate), [{k: v for k, v in c.items() if k[0] != "_"} for c in certs]
            )
            session.execute(insert(DocumentRecord), _prints(certs))
        made["service_case"] += len(cases)
        made["certificate"] += len(certs)
    summary = f"演示数据：{made['service_case']} 件办件，{made['certificate']} 份证明"
    record_event(session, "create", table="service_case", summary=summary)
    return made
