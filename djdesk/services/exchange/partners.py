"""The sites this one exchanges packages with: 下级 registered with their keys, the 上级 trusted.

A street (街道) registers its communities, a district (区) its streets: code, name and public
key, from the key file the site exported, or from its fingerprint read over the phone (the key
itself then arrives with the first package and is accepted only if its fingerprint matches).
Every site may trust its 上级's key, to accept the catalogue versions (and later templates) the
上级 publishes downward. A code must belong to the registering site (a community's 12-digit
code starts with its street's 9 digits). Registering is for administrators and audited.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.actor import ADMINS, Actor
from djdesk.db.models.exchange import ExchangePartner
from djdesk.db.models.site import Site
from djdesk.db.session import Database
from djdesk.errors import DjdeskError, SiteNotConfiguredError, ValidationError
from djdesk.formats.exchange.keys import (
    KeyFile,
    encode_key,
    fingerprint,
    normalize_fingerprint,
    parse_key_file,
)
from djdesk.services.exchange.types import PartnerInfo, PartnerRelation
from djdesk.services.origin import load_site
from djdesk.validation.region_code import region_code_problem
from djdesk.validation.text import clean_text

LOWER_LEVEL = {"街道": "社区", "区": "街道"}
UPPER_LEVEL = {"社区": "街道", "街道": "区"}


def this_site(session: Session) -> Site:
    site = load_site(session)
    if site is None:
        raise SiteNotConfiguredError()
    return site


def partner(session: Session, code: str) -> ExchangePartner | None:
    return session.scalar(select(ExchangePartner).where(ExchangePartner.code == code))


def upper_partner(session: Session) -> ExchangePartner | None:
    stmt = select(ExchangePartner).where(ExchangePartner.relation == PartnerRelation.UPPER)
    return session.scalar(stmt)


def info_of(row: ExchangePartner) -> PartnerInfo:
    return PartnerInfo(
        code=row.code,
        name=row.name,
        level=row.level,
        relation=PartnerRelation(row.relation),
        fingerprint=row.fingerprint,
        has_key=bool(row.public_key),
        via=row.via,
        registered_at=row.registered_at,
    )


def read_key_file(path: Path) -> KeyFile:
    try:
        data = path.read_bytes()[:8192]
    except FileNotFoundError:
        raise DjdeskError(f"找不到公钥文件“{path}”。") from None
    except OSError as exc:
        raise DjdeskError(f"无法读取公钥文件“{path}”：{exc.strerror or exc}。") from None
    return parse_key_file(data, source=path.name)


def _check_lower(site: Site, code: str, name: str) -> str:
    level = LOWER_LEVEL.get(site.level)
    if level is None:
        raise DjdeskError("本机为社区，不需要登记下级单位；请在街道或区的电脑上登记各社区。")
    if (problem := region_code_problem(code, level)) is not None:
        raise ValidationError("code", problem, label=f"{level}代码")
    if not code.startswith(site.code):
        raise ValidationError(
            "code", f"{code} 不属于本{site.level}（{site.code}）管辖", label=f"{level}代码"
        )
    if not name:
        raise ValidationError("name", "不能为空", label=f"{level}名称")
    return level


def register_partner(
    db: Database,
    *,
    code: str,
    name: str,
    key: bytes | None = None,
    fingerprint_text: str = "",
    replace: bool = False,
    actor: Actor,
) -> PartnerInfo:
    """Register (or with ``replace``, re-key) a 下级 site by its key or its fingerprint."""
    code, name = code.strip(), clean_text(name)
    if key is not None:
        printed = fingerprint(key)
    else:
        normal = normalize_fingerprint(fingerprint_text)
        if normal is None:
            raise ValidationError(
                "fingerprint", "应为 32 位十六进制数字（可含空格或短横线）", label="公钥指纹"
            )
        printed = normal
    with db.unit_of_work(actor, roles=ADMINS, what="登记下级单位") as session:
        site = this_site(session)
        level = _check_lower(site, code, name)
        row = partner(session, code)
        if row is not None and row.relation != PartnerRelation.FORWARDED and not replace:
            raise DjdeskError(
                f"{row.name}（{code}）已经登记过（指纹 {row.fingerprint}）。"
                "如确需更换其公钥，请使用“更换公钥”（命令行加 --replace）。"
            )
        if row is None:
            row = ExchangePartner(code=code)
            session.add(row)
        row.name, row.level, row.relation, row.via = name[:100], level, PartnerRelation.LOWER, ""
        row.public_key = encode_key(key) if key is not None else ""
        row.fingerprint = printed
        row.registered_by = actor.username
        session.flush()
        return info_of(row)


def register_from_key_file(
    db: Database, path: Path, *, replace: bool = False, actor: Actor
) -> PartnerInfo:
    """Register the site a key file names (its level must be the one below this site's)."""
    key = read_key_file(path)
    with db.reading() as session:
        site = this_site(session)
    expected = LOWER_LEVEL.get(site.level)
    if expected is not None and key.level != expected:
        raise DjdeskError(
            f"公钥文件“{path.name}”属于{key.level}“{key.name}”，本机为{site.level}，"
            f"只能登记下级{expected}的公钥。"
        )
    return register_partner(
        db, code=key.code, name=key.name, key=key.public_key, replace=replace, actor=actor
    )


def trust_upper(db: Database, path: Path, *, actor: Actor) -> PartnerInfo:
    """Trust the 上级's key (from its key file) for the reference data it publishes."""
    key = read_key_file(path)
    with db.unit_of_work(actor, roles=ADMINS, what="登记上级单位公钥") as session:
        site = this_site(session)
        expected = UPPER_LEVEL.get(site.level)
        if expected is None:
            raise DjdeskError("本机为区，没有上级单位。")
        if key.level != expected or not site.code.startswith(key.code):
            raise DjdeskError(
                f"公钥文件“{path.name}”属于{key.level}“{key.name}”（{key.code}），"
                f"不是本机所属的{expected}。"
            )
        current = upper_partner(session)
        if current is not None and current.code != key.code:
            session.delete(current)
            session.flush()
        row = partner(session, key.code) or ExchangePartner(code=key.code)
        session.add(row)
        row.name, row.level, row.relation, row.via = key.name, key.level, PartnerRelation.UPPER, ""
        row.public_key, row.fingerprint = encode_key(key.public_key), key.fingerprint
        row.registered_by = actor.username
        session.flush()
        return info_of(row)


def partners(db: Database) -> list[PartnerInfo]:
    """Every registered site with its received-packages status, 下级 first by code."""
    from djdesk.services.exchange.received import with_status

    with db.reading() as session:
        rows = list(session.scalars(select(ExchangePartner).order_by(ExchangePartner.code)))
        order = {PartnerRelation.LOWER: 0, PartnerRelation.FORWARDED: 1, PartnerRelation.UPPER: 2}
        rows.sort(key=lambda r: (order[PartnerRelation(r.relation)], r.via or r.code, r.code))
        return with_status(session, [info_of(r) for r in rows])
