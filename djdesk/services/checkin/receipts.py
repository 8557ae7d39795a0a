"""Printing the 报到回执 of a member's current check-in.

The receipt's 编号 is the serial the check-in took when it was registered (the counter gives the
number to the member there and then); printing, however often, never takes a new number. Only
a member who is 在册 gets a receipt: for a member who moved out the community no longer
vouches for the check-in. Every print is an audit event and is entered in the document register
(:mod:`djdesk.services.documents`): a second print of the same serial is a 补打, marked on the
page and counted, and needs a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.audit import record_event
from djdesk.db.models.checkin import CheckIn, Member
from djdesk.db.session import Database
from djdesk.documents.checkin.receipt import TITLE, CheckinReceipt, build_checkin_receipt
from djdesk.errors import DjdeskError, NotFoundError
from djdesk.services.checkin.checkins import member_by_id_number
from djdesk.services.checkin.member_rules import split_list
from djdesk.services.checkin.types import CheckinStatus
from djdesk.services.documents import (
    Destination,
    DocumentSpec,
    SendToPrinter,
    Subject,
    issue_document,
    marks_for,
    to_payload,
)
from djdesk.services.site.identity import require_site
from djdesk.validation.masking import mask_id_number, mask_phone


@dataclass(frozen=True)
class PrintedReceipt:
    """What was printed: the file (``None`` when sent to a printer), the serial on it, whose
    check-in it was and its entry in the document register."""

    path: Path | None
    serial: str
    member_id: int
    checkin_id: int
    name: str
    document_id: int = 0


def find_member_id(db: Database, key: str) -> int:
    """A member from what a clerk or script typed: the database id or the ID number (15/18),
    which is looked up among this site's members."""
    text = key.strip().upper()
    with db.reading() as session:
        if re.fullmatch(r"\d{1,9}", text):
            row = session.get(Member, int(text))
        elif re.fullmatch(r"\d{17}[\dX]|\d{15}", text):
            row = member_by_id_number(session, text)
        else:
            raise DjdeskError(f"“{key}”既不是党员编号（数字），也不是 15 或 18 位的公民身份号码。")
        if row is None or row.deleted_at is not None:
            raise NotFoundError(f"找不到党员“{key}”。")
        return row.id


def _member(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.deleted_at is not None:
        raise NotFoundError("找不到该党员。")
    return member


def _latest_checkin(session: Session, member_id: int) -> CheckIn | None:
    stmt = (
        select(CheckIn)
        .where(CheckIn.member_id == member_id, CheckIn.deleted_at.is_(None))
        .order_by(CheckIn.checked_in_on.desc(), CheckIn.id.desc())
        .limit(1)
    )
    return session.scalar(stmt)


def _current_checkin(session: Session, member: Member) -> CheckIn:
    """The member's 在册 check-in, or a refusal saying why there is none."""
    latest = _latest_checkin(session, member.id)
    if latest is None:
        raise DjdeskError(f"{member.name}尚未在本社区报到，不能打印报到回执。")
    if latest.status != CheckinStatus.ACTIVE:
        when = f"于 {latest.moved_out_on:%Y-%m-%d} " if latest.moved_out_on else ""
        raise DjdeskError(
            f"{member.name}已{when}{latest.status}，不在册，不能打印报到回执。"
            "如已重新报到，请先办理报到。"
        )
    return latest


def _receipt(
    member: Member,
    checkin: CheckIn,
    *,
    issued_on: date,
    handled_by: str,
    party_org: str,
    community: str,
    phone: str,
    address: str,
) -> CheckinReceipt:
    unit = member.unit
    grid = checkin.grid
    return CheckinReceipt(
        party_org=party_org,
        community=community,
        serial=checkin.serial,
        name=member.name,
        gender=member.gender,
        id_tail=member.id_number[-4:],
        id_masked=mask_id_number(member.id_number),
        mobile_masked=mask_phone(member.mobile) if member.mobile else "",
        unit_name=unit.name if unit else "",
        branch=member.branch or (unit.party_org if unit else ""),
        checked_in_on=checkin.checked_in_on,
        posts=split_list(checkin.posts),
        grid_name=grid.name if grid else "",
        grid_leader=grid.leader if grid else "",
        grid_phone=grid.phone if grid else "",
        available_times=split_list(member.available_times),
        specialties=split_list(member.specialties),
        site_phone=phone,
        site_address=address,
        received_by=checkin.received_by,
        handled_by=handled_by,
        issued_on=issued_on,
    )


def _handler_name(actor: Actor | None) -> str:
    """A logged-in clerk signs as 经办人; a command-line run leaves the line to sign by hand."""
    if actor is None or actor.user_id is None:
        return ""
    return actor.display_name


def receipt_data(
    db: Database, member_id: int, *, on: date | None = None, actor: Actor | None = None
) -> CheckinReceipt:
    """The receipt of the member's current check-in (refused if the member is not 在册)."""
    site = require_site(db)
    with db.reading() as session:
        member = _member(session, member_id)
        checkin = _current_checkin(session, member)
        return _receipt(
            member,
            checkin,
            issued_on=on or date.today(),
            handled_by=_handler_name(actor),
            party_org=site.party_org,
            community=site.name,
            phone=site.phone,
            address=site.address,
        )


def print_receipt(
    db: Database,
    member_id: int,
    out_path: Path | Destination,
    *,
    actor: Actor,
    on: date | None = None,
    invariant: bool = False,
    reprint_reason: str = "",
    send: SendToPrinter | None = None,
) -> PrintedReceipt:
    """Write the receipt PDF of the member's current check-in (or send it to a printer through
    ``send``) and record the print.

    The PDF is built before the file is touched, and the audit entry and the register entry
    commit only after the file is in place: a failure leaves neither a half-written file nor a
    false entry. A receipt printed before needs ``reprint_reason`` (a 补打).
    """
    receipt = receipt_data(db, member_id, on=on, actor=actor)
    destination = out_path if isinstance(out_path, Destination) else Destination.file(out_path)
    with db.unit_of_work(actor, what="打印报到回执") as session:
        checkin = _current_checkin(session, _member(session, member_id))
        if checkin.serial != receipt.serial:  # changed between reading and writing
            raise DjdeskError("该党员的报到记录刚被修改，请重新打印。")
        spec = DocumentSpec(
            kind="checkin-receipt",
            title=TITLE,
            serial=checkin.serial,
            subject=Subject("checkin", checkin.uid, receipt.name),
            payload=to_payload(receipt),
        )
        issued = issue_document(
            session,
            spec,
            lambda copy: build_checkin_receipt(receipt, invariant=invariant, marks=marks_for(copy)),
            destination,
            send=send,
            reason=reprint_reason,
        )
        record_event(
            session,
            "print",
            table="checkin",
            uid=checkin.uid,
            summary=f"打印报到回执 {checkin.serial}（{receipt.name}）",
        )
        return PrintedReceipt(
            destination.path,
            checkin.serial,
            member_id,
            checkin.id,
            receipt.name,
            document_id=issued.document.id,
        )
