"""Public types of the agreements area: kinds, statuses, content items, inputs and records.

Screens and commands see these (``StrEnum``\\ s and frozen dataclasses); the rows live in
:mod:`djdesk.db.models.agreements`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class AgreementKind(StrEnum):
    AGREEMENT = "共驻共建协议书"
    RESPONSIBILITY = "区域化党建目标责任书"

    @property
    def template_kind(self) -> TemplateKind:
        if self is AgreementKind.AGREEMENT:
            return TemplateKind.AGREEMENT
        return TemplateKind.RESPONSIBILITY

    @property
    def document_kind(self) -> str:
        """The numbered document kind (``documents/agreements/kinds.py``)."""
        return "agreement" if self is AgreementKind.AGREEMENT else "responsibility-book"

    @property
    def short(self) -> str:
        return "协议" if self is AgreementKind.AGREEMENT else "责任书"


class TemplateKind(StrEnum):
    """The editable clause templates (the ``KIND`` of ``djdesk template export|import``)."""

    AGREEMENT = "agreement"
    RESPONSIBILITY = "responsibility"
    CONTACT_CARD = "contact-card"

    @property
    def label(self) -> str:
        return {
            TemplateKind.AGREEMENT: "共驻共建协议书",
            TemplateKind.RESPONSIBILITY: "区域化党建目标责任书",
            TemplateKind.CONTACT_CARD: "党群连心卡",
        }[self]


class AgreementStatus(StrEnum):
    DRAFT = "草稿"
    SIGNED = "已签订"
    EXPIRED = "已到期"  # derived: 已签订 and the term has ended
    TERMINATED = "已终止"


class ContentItem(StrEnum):
    """The six kinds of joint work an agreement may cover (domain.md §3.2 item 5)."""

    ORGANISATION = "组织共建"
    VENUES = "阵地共用"
    ACTIVITIES = "活动共办"
    RESOURCES = "资源共享"
    SERVICES = "服务共做"
    GOVERNANCE = "治理共商"


class TaskCategory(StrEnum):
    """Categories of the responsibility book's tasks (domain.md §3.3 item 3)."""

    ORGANISATION = "组织共建"
    VENUES = "阵地共用"
    ACTIVITIES = "活动共办"
    RESOURCES = "资源共享"
    SERVICES = "服务群众"
    CHECKIN = "双报到"


MEETING_FREQUENCIES = ("每月", "每季度", "每半年", "每年")


@dataclass(frozen=True)
class TaskInput:
    """One row of the 目标任务表 as typed."""

    category: str
    task: str
    target: str
    deadline: str
    score: int


@dataclass(frozen=True, kw_only=True)
class AgreementInput:
    """What the clerk fills in for an agreement or a responsibility book."""

    kind: AgreementKind = AgreementKind.AGREEMENT
    unit_id: int
    starts_on: date
    ends_on: date
    first_leader: str = ""
    first_liaison: str = ""
    first_phone: str = ""  # "" = the site's phone
    content_items: tuple[str, ...] = tuple(ContentItem)
    meeting_frequency: str = "每季度"
    projects_per_year: int = 2
    activities_per_year: int = 4
    open_facilities: str = ""
    copies: int = 2
    goal: str = ""
    tasks: tuple[TaskInput, ...] = ()
    remarks: str = ""


@dataclass(frozen=True, kw_only=True)
class AgreementInfo(AgreementInput):
    """A saved agreement as screens see it; ``status`` is the effective one (已到期 derived)."""

    id: int
    uid: str
    serial: str
    status: AgreementStatus
    unit_name: str
    unit_party_org: str
    signed_on: date | None = None
    terminated_on: date | None = None
    termination_reason: str = ""
    template_version: int | None = None
    issued_on: date | None = None
    issued_document_id: int | None = None
    scan_name: str = ""
    scan_size: int = 0
    renewed_from_id: int | None = None
    days_left: int = 0  # days until ends_on (negative once ended)

    @property
    def issued(self) -> bool:
        """Printed for signing: numbered, text frozen."""
        return bool(self.serial)

    @property
    def editable(self) -> bool:
        return self.status == AgreementStatus.DRAFT and not self.issued

    @property
    def title(self) -> str:
        return self.kind.value

    def as_input(self) -> AgreementInput:
        return AgreementInput(
            kind=self.kind,
            unit_id=self.unit_id,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            first_leader=self.first_leader,
            first_liaison=self.first_liaison,
            first_phone=self.first_phone,
            content_items=self.content_items,
            meeting_frequency=self.meeting_frequency,
            projects_per_year=self.projects_per_year,
            activities_per_year=self.activities_per_year,
            open_facilities=self.open_facilities,
            copies=self.copies,
            goal=self.goal,
            tasks=self.tasks,
            remarks=self.remarks,
        )


@dataclass(frozen=True)
class AgreementFilter:
    """A search of the agreements list."""

    kind: AgreementKind | None = None
    status: AgreementStatus | None = None
    unit_id: int | None = None
    expiring_within_days: int | None = None  # 已签订 and ending within N days
    text: str = ""


@dataclass(frozen=True)
class TemplateVersion:
    """One saved template version (the shipped default is version 1 once used)."""

    kind: TemplateKind
    version: int
    note: str
    created_by: str
    created_at_text: str
    placeholders_used: tuple[str, ...] = field(default=())
