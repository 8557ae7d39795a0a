"""Sample pages of a clause template, for the template editor's live preview.

While an administrator edits a template, :func:`template_preview` checks it (the same checks as
saving, so problems show as they are typed) and renders it on sample data — this site as 甲方,
a sample unit as 乙方, a three-year term, a short task table — with a 样张 watermark. Nothing is
saved, numbered or registered.
"""

from __future__ import annotations

from datetime import date

from djdesk.db.session import Database
from djdesk.documents.agreements.contact_card import build_contact_card
from djdesk.documents.agreements.outline_pdf import build_outline_pdf
from djdesk.documents.base.marks import PageMarks
from djdesk.formats.agreements.template_file import TemplateDoc
from djdesk.outline import Outline
from djdesk.services.agreements.cards import card_data, sample_holder
from djdesk.services.agreements.compose import PartyInfo, compose
from djdesk.services.agreements.printing import placeholder_values
from djdesk.services.agreements.template_rules import check_template
from djdesk.services.agreements.types import (
    AgreementInfo,
    AgreementKind,
    AgreementStatus,
    ContentItem,
    TaskInput,
    TemplateKind,
)
from djdesk.services.site.identity import SiteInfo, require_site

WATERMARK = "样张"
SAMPLE_UNIT = PartyInfo(
    org="中共示例单位委员会",
    unit="示例单位",
    address="示例路1号",
    leader="张书记",
    liaison="李联络",
    phone="13800000000",
)
SAMPLE_TASKS = (
    TaskInput("组织共建", "参加社区党建联席会议", "全年不少于4次", "每季度", 40),
    TaskInput("双报到", "组织在职党员到社区报到", "报到率100%", "3月31日前", 60),
)


def _sample(kind: AgreementKind, today: date) -> AgreementInfo:
    start = date(today.year, 1, 1)
    end = date(today.year + (2 if kind is AgreementKind.AGREEMENT else 0), 12, 31)
    return AgreementInfo(
        kind=kind,
        unit_id=0,
        starts_on=start,
        ends_on=end,
        first_leader="王书记",
        first_liaison="赵联络",
        content_items=(ContentItem.ORGANISATION, ContentItem.ACTIVITIES, ContentItem.SERVICES),
        open_facilities="会议室、活动场地",
        goal="围绕组织共建和服务群众，全年共同完成以下目标任务。",
        tasks=SAMPLE_TASKS if kind is AgreementKind.RESPONSIBILITY else (),
        id=0,
        uid="",
        serial="",
        status=AgreementStatus.DRAFT,
        unit_name=SAMPLE_UNIT.unit,
        unit_party_org=SAMPLE_UNIT.org,
    )


def sample_outline(site: SiteInfo, kind: AgreementKind, doc: TemplateDoc, today: date) -> Outline:
    info = _sample(kind, today)
    first = PartyInfo(
        org=site.party_org,
        unit=site.name,
        address=site.address,
        leader=info.first_leader,
        liaison=info.first_liaison,
        phone=site.phone,
    )
    serial = f"{site.serial_prefix}示例〔{today.year}〕第001号"
    values = placeholder_values(info, site, first, SAMPLE_UNIT, serial)
    return compose(doc, info, first=first, second=SAMPLE_UNIT, values=values, serial=serial)


def template_preview(
    db: Database, kind: TemplateKind, doc: TemplateDoc, *, today: date | None = None
) -> bytes:
    """``doc`` checked and rendered on sample data (raises the same refusals as saving)."""
    check_template(doc, kind)
    site = require_site(db)
    today = today or date.today()
    marks = PageMarks(watermark=WATERMARK)
    if kind is TemplateKind.CONTACT_CARD:
        return build_contact_card(card_data(doc, site, sample_holder()), marks=marks)
    agreement_kind = (
        AgreementKind.AGREEMENT if kind is TemplateKind.AGREEMENT else AgreementKind.RESPONSIBILITY
    )
    return build_outline_pdf(sample_outline(site, agreement_kind, doc, today), marks=marks)
