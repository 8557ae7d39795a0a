"""The 在职党员到社区报到回执 (check-in receipt, domain.md §2.6) on one A4 page.

The upper part is the 回执 the member takes back to the unit's Party organisation: the
community Party organisation as header, the title and 编号 (the check-in's serial), one
paragraph saying who checked in when, which posts they claimed and which grid they joined, a
small table of service time and specialities, the community's contacts and the seal with the
date. Below a cut line is the 存根 the community keeps: the same serial and the member's key
data, ID number and mobile masked. Pure: a :class:`CheckinReceipt` in, PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from djdesk import APP_NAME
from djdesk.documents.base.blocks import CutLine, form_table, signature_block
from djdesk.documents.base.layout import DocumentMeta, build_document, front_matter
from djdesk.documents.base.marks import NO_MARKS, PageMarks
from djdesk.documents.base.serials import document_kind
from djdesk.documents.base.styles import (
    BOTTOM_MARGIN,
    PAGE_HEIGHT,
    TOP_MARGIN,
    DocumentStyles,
    StrokedParagraph,
    numeric_cn_date,
    para,
)

TITLE = "在职党员到社区报到回执"
#: (sentence, table cell) sizes in points, tried in turn until the page holds everything.
FIT_LEVELS = ((13.0, 10.5), (12.0, 10.5), (11.0, 10.0), (10.5, 9.0), (10.0, 8.0))
STUB_CLIP = 40  # characters kept of a long stub field at the last level
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
STUB_TITLE = "报到回执存根（社区留存）"


@dataclass(frozen=True, kw_only=True)
class CheckinReceipt:
    """What the receipt prints; ID number and mobile arrive already masked (plus the ID tail)."""

    party_org: str  # the community Party organisation: header and signature
    community: str  # the site's full name
    serial: str
    name: str
    gender: str = ""
    id_tail: str = ""  # last four characters of the ID number
    id_masked: str = ""
    mobile_masked: str = ""
    unit_name: str = ""
    branch: str = ""  # the member's Party organisation (支部 or the unit's 党组织)
    checked_in_on: date
    posts: tuple[str, ...] = ()
    grid_name: str = ""
    grid_leader: str = ""
    grid_phone: str = ""
    available_times: tuple[str, ...] = ()
    specialties: tuple[str, ...] = ()
    site_phone: str = ""
    site_address: str = ""
    received_by: str = ""  # 接收人 recorded at the check-in
    handled_by: str = ""  # 经办人 who printed the receipt
    issued_on: date


def body_text(r: CheckinReceipt) -> str:
    """The receipt's sentence; clauses without data are left out."""
    about = []
    if r.id_tail:
        about.append(f"身份证号后四位 {r.id_tail}")
    if r.unit_name:
        about.append(f"工作单位：{r.unit_name}")
    if r.branch:
        about.append(f"所在党组织：{r.branch}")
    text = f"{r.name}同志" + (f"（{'，'.join(about)}）" if about else "")
    text += f"于 {numeric_cn_date(r.checked_in_on)} 到本社区报到"
    if r.posts:
        text += f"，认领 {'、'.join(r.posts)} 岗位"
    if r.grid_name:
        leader = []
        if r.grid_leader:
            leader.append(f"网格长 {r.grid_leader}")
        if r.grid_phone:
            leader.append(f"电话 {r.grid_phone}")
        text += f"，编入 {r.grid_name}" + (f"（{'，'.join(leader)}）" if leader else "")
    return text + "。"


def _contact_text(r: CheckinReceipt) -> str:
    parts = [
        f"电话 {r.site_phone}" if r.site_phone else "",
        f"地址 {r.site_address}" if r.site_address else "",
        f"接收人 {r.received_by}" if r.received_by else "",
    ]
    return "；".join(p for p in parts if p)


def _sized(styles: DocumentStyles, cell: float) -> DocumentStyles:
    """The styles with table cells set at ``cell`` points (compact levels shrink them)."""
    leading = cell * 4 / 3
    return replace(
        styles,
        cell=ParagraphStyle("cell-fit", styles.cell, fontSize=cell, leading=leading),
        cell_label=ParagraphStyle("label-fit", styles.cell_label, fontSize=cell, leading=leading),
    )


def _upper(
    r: CheckinReceipt, styles: DocumentStyles, meta: DocumentMeta, size: float
) -> list[Flowable]:
    body = ParagraphStyle(
        "receipt-body", styles.body, fontSize=size, leading=size * 1.7, firstLineIndent=2 * size
    )
    label_w = 24 * mm
    rows = [
        ("服务时间", "、".join(r.available_times) or "—"),
        ("专业特长", "、".join(r.specialties) or "—"),
    ]
    if contact := _contact_text(r):
        rows.append(("社区联系", contact))
    return [
        *front_matter(meta, styles),
        para(body_text(r) + "特此回执。", body),
        Spacer(1, 1.5 * mm),
        form_table(rows, (label_w, styles.width - label_w), styles),
        Spacer(1, 1 * mm),
        signature_block(r.party_org or r.community, r.issued_on, styles),
    ]


def _clip(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _stub(r: CheckinReceipt, styles: DocumentStyles, clip: int | None = None) -> list[Flowable]:
    """The stub; ``clip`` shortens the long fields (the upper part keeps them in full)."""
    title = ParagraphStyle("stub-title", styles.title, fontSize=15, leading=20, spaceAfter=3)
    label_w = 20 * mm
    value_w = styles.width / 2 - label_w
    rows = [
        ["编号", r.serial, "姓名", r.name],
        ["性别", r.gender or "—", "手机", r.mobile_masked or "—"],
        ["身份证号", r.id_masked or "—", "报到日期", numeric_cn_date(r.checked_in_on)],
        ["工作单位", _clip(r.unit_name, clip) or "—", "", ""],
        ["党组织", _clip(r.branch, clip) or "—", "", ""],
        ["网格", r.grid_name or "—", "岗位", _clip("、".join(r.posts), clip) or "—"],
        ["经办人", r.handled_by or r.received_by, "办理日期", numeric_cn_date(r.issued_on)],
    ]
    wide = [i for i, row in enumerate(rows) if row[2] == ""]
    table = form_table(
        rows,
        (label_w, value_w, label_w, value_w),
        styles,
        label_columns=(0, 2),
        spans=[((1, i), (3, i)) for i in wide],
    )
    return [StrokedParagraph(STUB_TITLE, title, stroke=0.5), table]


def _height(flowables: list[Flowable], width: float) -> float:
    """Height the flowables take stacked in a frame (an upper bound: spaces are not merged)."""
    return sum(
        float(f.wrap(width, FRAME_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter())
        for f in flowables
    )


def build_checkin_receipt(
    receipt: CheckinReceipt, *, invariant: bool = False, marks: PageMarks = NO_MARKS
) -> bytes:
    """The receipt (upper part) and its stub as a one-page A4 PDF; ``marks`` for a 补打."""
    meta = DocumentMeta(
        title=TITLE,
        issuer=receipt.party_org or receipt.community,
        subject=f"{receipt.name}同志到{receipt.community}报到回执（{receipt.serial}）",
        serial=receipt.serial,
        keywords=(TITLE, document_kind("checkin-receipt").title, receipt.serial),
        footer_note=f"由 {APP_NAME} 生成",
        front_matter=False,
        marks=marks,
    )

    def story(styles: DocumentStyles) -> list[Flowable]:
        # long unit names and many posts shrink the sentence rather than spill onto page 2
        for level, (size, cell) in enumerate(FIT_LEVELS, start=1):
            fitted = _sized(styles, cell)
            clip = STUB_CLIP if level == len(FIT_LEVELS) else None
            flowables = [
                *_upper(receipt, fitted, meta, size),
                CutLine(space=4 * mm),
                *_stub(receipt, fitted, clip),
            ]
            if _height(flowables, styles.width) <= FRAME_HEIGHT:
                break
        return flowables

    return build_document(meta, story, invariant=invariant)
