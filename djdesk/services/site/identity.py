"""Site set-up: the installation's identity (level, official code, names, contacts).

Documents take their headers from it and sync packages their origin code. The same validation
serves the first-run dialog, the 设置 page and ``djdesk site set``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from djdesk.actor import ADMINS, Actor
from djdesk.db.base import Base
from djdesk.db.models.site import Site
from djdesk.db.session import Database
from djdesk.errors import SiteNotConfiguredError, ValidationError, ValidationErrors
from djdesk.services.origin import load_site, site_origin
from djdesk.validation.phone import PHONE_HINT, normalize_phone
from djdesk.validation.region_code import LEVELS, region_code_problem
from djdesk.validation.text import clean_text, text_problem

__all__ = ["load_site", "site_origin"]

FIELD_LABELS = {
    "level": "层级",
    "code": "统计用区划代码",
    "name": "全称",
    "short_name": "简称",
    "street_code": "所属街道代码",
    "street_name": "所属街道名称",
    "district_code": "所属区代码",
    "district_name": "所属区名称",
    "address": "地址",
    "phone": "联系电话",
    "party_org": "党组织全称",
    "serial_prefix": "文书编号前缀",
}


#: Longest text each field may hold (codes are checked by their own rules).
MAX_LENGTHS = {
    "level": 4,
    "code": 12,
    "street_code": 9,
    "district_code": 6,
    "street_name": 100,
    "district_name": 100,
    "phone": 40,
}


@dataclass(frozen=True)
class SiteInput:
    """What the clerk typed; every field is text, validated by :func:`validate_site`."""

    level: str = "社区"
    code: str = ""
    name: str = ""
    short_name: str = ""
    street_code: str = ""
    street_name: str = ""
    district_code: str = ""
    district_name: str = ""
    address: str = ""
    phone: str = ""
    party_org: str = ""
    serial_prefix: str = ""


@dataclass(frozen=True)
class SiteInfo(SiteInput):
    """The saved identity as views and documents see it."""

    uid: str = ""
    updated_at: datetime | None = None

    @property
    def parent_line(self) -> str:
        """e.g. ``某某区 · 某某街道`` — the parents of this site, for headers."""
        return " · ".join(p for p in (self.district_name, self.street_name) if p)

    def as_input(self) -> SiteInput:
        return SiteInput(**{f.name: getattr(self, f.name) for f in fields(SiteInput)})


def _text(value: str) -> str:
    return clean_text(value)


def validate_site(data: SiteInput) -> SiteInput:
    """Normalise and check every field; raises :class:`ValidationErrors` naming each bad field."""
    clean = SiteInput(**{f.name: _text(getattr(data, f.name)) for f in fields(SiteInput)})
    errors: list[ValidationError] = []

    def bad(field: str, message: str) -> None:
        errors.append(ValidationError(field, message, label=FIELD_LABELS[field]))

    for f in fields(SiteInput):
        problem = text_problem(getattr(clean, f.name), max_length=MAX_LENGTHS.get(f.name))
        if problem is not None:
            bad(f.name, problem)
    if errors:
        raise ValidationErrors(errors)
    if clean.level not in LEVELS:
        bad("level", "只能是 社区、街道 或 区")
        raise ValidationErrors(errors)
    if problem := region_code_problem(clean.code, clean.level):
        bad("code", problem)

    if clean.level == "社区":
        if problem := region_code_problem(clean.street_code, "街道"):
            bad("street_code", problem)
        elif not clean.code.startswith(clean.street_code):
            bad("code", f"社区代码必须以所属街道代码 {clean.street_code} 开头")
        if not clean.street_name:
            bad("street_name", "不能为空")
    else:
        clean = replace(clean, street_code="", street_name="")

    if clean.level in ("社区", "街道"):
        district_code = clean.district_code or clean.code[:6]
        if problem := region_code_problem(district_code, "区"):
            bad("district_code", problem)
        elif not clean.code.startswith(district_code):
            bad("district_code", f"与本级代码前 6 位 {clean.code[:6]} 不一致")
        clean = replace(clean, district_code=district_code)
        if not clean.district_name:
            bad("district_name", "不能为空")
    else:
        clean = replace(clean, district_code="", district_name="")

    for field, minimum, maximum in (("name", 2, 100), ("short_name", 2, 20), ("party_org", 4, 150)):
        value = getattr(clean, field)
        if not value:
            bad(field, "不能为空")
        elif not minimum <= len(value) <= maximum:
            bad(field, f"长度应为 {minimum}–{maximum} 个字")
    if not clean.address:
        bad("address", "不能为空")
    elif len(clean.address) > 200:
        bad("address", "不能超过 200 个字")

    phone = normalize_phone(clean.phone) if clean.phone else None
    if not clean.phone:
        bad("phone", "不能为空")
    elif phone is None:
        bad("phone", f"格式不正确，{PHONE_HINT}")
    else:
        clean = replace(clean, phone=phone)

    prefix = clean.serial_prefix.replace(" ", "") or clean.short_name
    if any(ch in prefix for ch in "〔〕[]【】第号"):
        bad("serial_prefix", "不能含有 〔〕、第、号 等编号格式字符，程序会自动加上")
    elif len(prefix) > 20:
        bad("serial_prefix", "不能超过 20 个字")
    clean = replace(clean, serial_prefix=prefix)

    if errors:
        raise ValidationErrors(errors)
    return clean


def _to_info(row: Site) -> SiteInfo:
    values = {f.name: getattr(row, f.name) for f in fields(SiteInput)}
    return SiteInfo(**values, uid=row.uid, updated_at=row.updated_at)


def get_site(db: Database) -> SiteInfo | None:
    """The configured identity, or ``None`` before the first-run set-up."""
    with db.reading() as session:
        row = load_site(session)
        return _to_info(row) if row else None


def require_site(db: Database) -> SiteInfo:
    site = get_site(db)
    if site is None:
        raise SiteNotConfiguredError()
    return site


def _records_of_origin(session: Session, origin: str) -> int:
    """Travelling records (other than the site row) stamped with ``origin``."""
    total = 0
    for table in Base.metadata.sorted_tables:
        if table.name == Site.__tablename__ or "origin" not in table.c:
            continue
        stmt = select(func.count()).select_from(table).where(table.c.origin == origin)
        total += int(session.scalar(stmt) or 0)
    return total


def save_site(db: Database, data: SiteInput, *, actor: Actor) -> SiteInfo:
    """Validate and store the identity (creating it on first run); 管理员 only.

    The code is the origin stamped on every record this site creates, so it cannot change once
    records carry it (they would no longer be found as this site's own, and the street would
    see them as another community's).
    """
    clean = validate_site(data)
    with db.unit_of_work(actor, roles=ADMINS, what="修改站点信息") as session:
        row = session.get(Site, 1)
        if row is None:
            row = Site(id=1, origin=clean.code)
            session.add(row)
        elif row.code != clean.code and (count := _records_of_origin(session, row.code)):
            raise ValidationErrors(
                [
                    ValidationError(
                        "code",
                        f"本站点已有 {count:,} 条数据按原代码 {row.code} 登记，不能再更改；"
                        "如确实填错，请先联系街道或区里的技术人员",
                        label=FIELD_LABELS["code"],
                    )
                ]
            )
        for f in fields(SiteInput):
            setattr(row, f.name, getattr(clean, f.name))
        row.origin = clean.code
        session.flush()
        return _to_info(row)
