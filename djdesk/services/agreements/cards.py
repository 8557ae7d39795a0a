"""Printing the 《党群连心卡》: blank, or filled for a unit (or the unit of an agreement).

The seven items and their hints come from the contact-card template (editable like the
agreements'); a filled card carries the unit, its Party organisation, contact and phone, and —
for an agreement — the community's liaison. Every print is registered (no number: blank forms
are not numbered documents, so printing more is never a 补打).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.models.checkin import Unit
from djdesk.db.session import Database
from djdesk.documents.agreements.contact_card import CardItem, ContactCard, build_contact_card
from djdesk.errors import DjdeskError, NotFoundError
from djdesk.formats.agreements.template_file import TemplateDoc
from djdesk.services.agreements.placeholders import fill
from djdesk.services.agreements.records import load_agreement
from djdesk.services.agreements.template_rules import CARD_ITEMS
from djdesk.services.agreements.templates import ensure_template
from djdesk.services.agreements.types import TemplateKind
from djdesk.services.documents import (
    Destination,
    DocumentSpec,
    SendToPrinter,
    Subject,
    issue_document,
    marks_for,
    to_payload,
)
from djdesk.services.site.identity import SiteInfo, require_site

CARD_KIND = "contact-card"
#: What fits in an item's two lines on the card; longer text belongs on the back or a letter.
MAX_ANSWER = 80


@dataclass(frozen=True)
class PrintedCard:
    document_id: int
    path: Path | None
    unit_name: str


@dataclass(frozen=True)
class CardHolder:
    """Whose card it is: the unit (``None``: blank) and the community's contact for it."""

    unit: Unit | None
    community_contact: str = ""


def sample_holder() -> CardHolder:
    """A sample unit for the template editor's preview (never saved)."""
    unit = Unit(
        name="示例单位",
        party_org="中共示例单位委员会",
        liaison_name="李联络",
        liaison_phone="13800000000",
    )
    return CardHolder(unit, "赵联络")


def _holder(session: Session, unit_id: int | None, agreement_id: int | None) -> CardHolder:
    if agreement_id is not None:
        row = load_agreement(session, agreement_id)
        return CardHolder(row.unit, row.first_liaison)
    if unit_id is not None:
        unit = session.get(Unit, unit_id)
        if unit is None or unit.deleted_at is not None:
            raise NotFoundError(f"找不到编号为 {unit_id} 的单位。")
        return CardHolder(unit)
    return CardHolder(None)


def card_data(
    doc: TemplateDoc,
    site: SiteInfo,
    holder: CardHolder,
    *,
    answers: Mapping[str, str] | None = None,
    filled_on: date | None = None,
) -> ContactCard:
    unit = holder.unit
    values = {
        "社区名称": site.name,
        "甲方名称": site.party_org,
        "乙方单位": unit.name if unit else "",
        "乙方名称": unit.party_org if unit else "",
        "联系人": unit.liaison_name if unit else "",
        "联系电话": unit.liaison_phone if unit else "",
        "社区电话": site.phone,
    }
    answers = answers or {}
    unknown = sorted(set(answers) - {s.heading for s in doc.sections})
    if unknown:
        raise DjdeskError(f"连心卡没有这些项：{'、'.join(unknown)}。")
    long = [name for name, text in answers.items() if len(text.strip()) > MAX_ANSWER]
    if long:
        raise DjdeskError(f"连心卡每项最多填 {MAX_ANSWER} 个字，“{'、'.join(long)}”超出了。")
    intro = doc.section("intro")
    items = []
    for key in CARD_ITEMS:
        section = doc.section(key)
        assert section is not None  # checked when the template was saved
        hint = fill(section.clauses[0], values) if section.clauses else ""
        items.append(CardItem(section.heading, hint, answers.get(section.heading, "").strip()))
    return ContactCard(
        title=doc.title,
        community=site.name,
        party_org=site.party_org,
        intro=" ".join(fill(c, values) for c in intro.clauses) if intro else "",
        unit=values["乙方单位"],
        unit_org=values["乙方名称"],
        contact=values["联系人"],
        contact_phone=values["联系电话"],
        community_contact=holder.community_contact,
        community_phone=site.phone,
        items=tuple(items),
        filled_on=filled_on,
    )


def print_contact_card(
    db: Database,
    destination: Destination,
    *,
    actor: Actor,
    unit_id: int | None = None,
    agreement_id: int | None = None,
    answers: Mapping[str, str] | None = None,
    filled_on: date | None = None,
    send: SendToPrinter | None = None,
    invariant: bool = False,
) -> PrintedCard:
    """Print the card (blank when neither ``unit_id`` nor ``agreement_id`` is given)."""
    site = require_site(db)
    with db.unit_of_work(actor, what="打印党群连心卡") as session:
        version, doc = ensure_template(session, TemplateKind.CONTACT_CARD)
        holder = _holder(session, unit_id, agreement_id)
        card = card_data(doc, site, holder, answers=answers, filled_on=filled_on)
        unit = holder.unit
        spec = DocumentSpec(
            kind=CARD_KIND,
            title=doc.title,
            subject=Subject("unit", unit.uid, unit.name) if unit else None,
            template_version=str(version),
            payload=to_payload(card),
        )
        issued = issue_document(
            session,
            spec,
            lambda copy: build_contact_card(card, invariant=invariant, marks=marks_for(copy)),
            destination,
            send=send,
        )
        return PrintedCard(issued.document.id, destination.path, card.unit)
