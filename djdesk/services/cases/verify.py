"""Checking a scanned certificate line (``djdesk cases verify TEXT``, the case page's search box).

The answer is one of :class:`~djdesk.services.cases.types.VerifyStatus`: 有效, 已作废,
不是本社区出具, 校验码不符, or 查无登记 when the line checks with this site's key but the
register has no such number (an older backup restored). The check code is verified before the
register is read, so a changed digit is reported as 校验码不符 whatever the register holds.

At a street or district, which holds the merged registers its communities sent upward (the
exchange area), a line of another site is checked against that site's register there: the
check code travels with each certificate record, so the scanned code must equal the one the
community printed (the community's key never leaves it). A community whose records the site
does not hold is 不是本社区出具, as at a community.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from djdesk.db.models.cases import Certificate
from djdesk.db.session import Database
from djdesk.errors import DjdeskError
from djdesk.services.cases.check_code import (
    MARKER,
    CheckLine,
    code_matches,
    has_line_shape,
    parse_line,
    site_secret,
)
from djdesk.services.cases.types import CertificateStatus, VerifyStatus
from djdesk.services.site.identity import SiteInfo, require_site
from djdesk.validation.masking import mask_id_number


@dataclass(frozen=True)
class VerifyResult:
    """What the check found; the register fields are filled when an entry was found."""

    status: VerifyStatus
    message: str
    line: str
    site_code: str
    issued_on: date | None  # None when the line's date is impossible (a digit changed)
    certificate_id: int | None = None
    case_id: int | None = None
    serial: str = ""
    title: str = ""
    subject_name: str = ""
    subject_id_masked: str = ""
    void_reason: str = ""


def looks_like_check_line(text: str) -> bool:
    """Whether ``text`` is a certificate line (the search box then verifies, not searches)."""
    return has_line_shape(text)


def verify(db: Database, text: str) -> VerifyResult:
    """Check a scanned or typed certificate line against this site's key and register."""
    line = parse_line(text)
    if line is None and has_line_shape(text):
        require_site(db)
        return VerifyResult(
            VerifyStatus.BAD_CODE,
            "验证码中的日期不存在：内容被改动或抄错，请当面核实原件。",
            line=text.strip(),
            site_code="",
            issued_on=None,
        )
    if line is None:
        raise DjdeskError(
            f"“{text.strip()[:60]}”不是证明上的验证码（应以 {MARKER}- 开头，"
            "形如 DJZ1-社区代码-年份-序号-日期-校验码）。"
        )
    site = require_site(db)
    base = VerifyResult(
        VerifyStatus.BAD_CODE,
        "验证码的内容被改动或抄错，或该证明并非本社区出具，请当面核实原件。",
        line=line.text,
        site_code=line.site_code,
        issued_on=line.issued_on,
    )
    if line.site_code != site.code:
        return _verify_held(db, site, line, base)
    with db.reading() as session:
        secret = site_secret(session, site.code)
        if secret is None or not code_matches(secret, line):
            return base
        row = _entry(session, line)
        if row is None or row.issued_on != line.issued_on:
            return replace(
                base,
                status=VerifyStatus.NOT_FOUND,
                message="校验码相符，但出具证明登记簿中没有这一编号（数据可能已从较早的备份恢复），"
                "请查阅纸质存根。",
            )
        return _found(base, row)


def _entry(session: Session, line: CheckLine) -> Certificate | None:
    return session.scalar(
        select(Certificate).where(
            Certificate.origin == line.site_code,
            Certificate.year == line.year,
            Certificate.number == line.number,
            Certificate.deleted_at.is_(None),
        )
    )


def _verify_held(db: Database, site: SiteInfo, line: CheckLine, base: VerifyResult) -> VerifyResult:
    """A line of another site: checked against its register if this site holds it (a street)."""
    with db.reading() as session:
        held = session.scalar(select(exists().where(Certificate.origin == line.site_code)))
        if site.level == "社区" or not held:
            return replace(
                base,
                status=VerifyStatus.FOREIGN,
                message=f"该证明由代码为 {line.site_code} 的单位出具，不是本{site.level}"
                f"（{site.code}）出具的，本机没有它的出具证明登记簿，无法核验，请向出具单位核实。",
            )
        row = _entry(session, line)
        if row is None:
            return replace(
                base,
                status=VerifyStatus.NOT_FOUND,
                message=f"本机汇总的代码为 {line.site_code} 的社区出具证明登记簿中没有这一编号"
                "（可能尚未上报，或验证码抄错），请向出具社区核实。",
            )
        if row.issued_on != line.issued_on or not hmac.compare_digest(row.check_code, line.code):
            return replace(
                base,
                message="验证码与汇总的出具证明登记簿不符：内容被改动或抄错，请当面核实原件。",
            )
        return _found(base, row)


def _found(base: VerifyResult, row: Certificate) -> VerifyResult:
    found = replace(
        base,
        certificate_id=row.id,
        case_id=row.case_id,
        serial=row.serial,
        title=row.title,
        subject_name=row.subject_name,
        subject_id_masked=mask_id_number(row.subject_id_number),
    )
    if row.status == CertificateStatus.VOID:
        return replace(
            found,
            status=VerifyStatus.VOID,
            message=f"{row.serial}（{row.title}，{row.subject_name}）作废原因：{row.void_reason}",
            void_reason=row.void_reason,
        )
    return replace(
        found,
        status=VerifyStatus.VALID,
        message=f"{row.serial}（{row.title}，被证明人 {row.subject_name}，"
        f"{row.issued_on:%Y-%m-%d} 出具）。",
    )
