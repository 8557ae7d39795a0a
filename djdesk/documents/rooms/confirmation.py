"""The 场地预约确认单 (booking confirmation) on one A4 page.

The upper part is what the booker takes home: the centre as header, the title and the
booking's serial, a table of room, time, booker and purpose, the rules of use (domain.md §4.2)
and signature lines for the booker and the clerk. Below a cut line is the stub the centre
keeps, with the same serial. A request still waiting for approval says so in large print: it
does not entitle anyone to the room. Pure: a :class:`BookingConfirmation` in, PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from djdesk import APP_NAME
from djdesk.documents.base.blocks import CutLine, form_table, key_value_table
from djdesk.documents.base.layout import DocumentMeta, build_document, front_matter
from djdesk.documents.base.marks import NO_MARKS, PageMarks
from djdesk.documents.base.serials import document_kind
from djdesk.documents.base.styles import (
    RED,
    DocumentStyles,
    StrokedParagraph,
    numeric_cn_date,
    para,
)

TITLE = "场地预约确认单"
WEEKDAYS = "一二三四五六日"

#: The usual conditions of use (domain.md §4.2), printed unless the centre gives its own.
DEFAULT_RULES = (
    "场地仅限公益性活动使用，不得从事营利、推销、广告等活动。",
    "请按预约时间使用，提前或超时请与前台联系；无故爽约累计达到规定次数将暂停预约资格。",
    "爱护设施设备，保持清洁，活动结束后恢复桌椅原样、关闭水电门窗，按时归还钥匙。",
    "室内禁止吸烟、使用明火和存放易燃易爆物品；损坏公物照价赔偿。",
    "如需取消或变更，请至少提前一天告知服务中心。",
)


@dataclass(frozen=True, kw_only=True)
class BookingConfirmation:
    community: str
    serial: str
    room_name: str
    room_place: str = ""  # floor and location
    day: date
    time_text: str  # 14:00–16:00
    booker_name: str
    booker_category: str
    contact: str = ""  # name and masked phone
    purpose: str
    attendees: int
    status: str
    equipment: str = ""
    rules: tuple[str, ...] = DEFAULT_RULES
    site_phone: str = ""
    handled_by: str = ""
    issued_on: date


def _when(c: BookingConfirmation) -> str:
    return f"{numeric_cn_date(c.day)}（星期{WEEKDAYS[c.day.weekday()]}）{c.time_text}"


def _signatures(styles: DocumentStyles) -> Flowable:
    gap = "\xa0" * 14
    rows = [
        ["预约人（签字）", gap, "经办人（签字）", gap],
        ["日期", f"{gap}年{gap[:4]}月{gap[:4]}日", "日期", f"{gap}年{gap[:4]}月{gap[:4]}日"],
    ]
    w = styles.width
    return form_table(rows, (w * 0.2, w * 0.3, w * 0.2, w * 0.3), styles, label_columns=(0, 2))


def build_booking_confirmation(
    c: BookingConfirmation, *, invariant: bool = False, marks: PageMarks = NO_MARKS
) -> bytes:
    """The confirmation and its stub as a one-page A4 PDF; ``marks`` for a 补打."""
    meta = DocumentMeta(
        title=TITLE,
        issuer=c.community,
        subject=f"{c.room_name} {c.day:%Y-%m-%d} {c.time_text}（{c.serial}）",
        serial=c.serial,
        keywords=(TITLE, document_kind("room-booking").title, c.serial),
        footer_note=f"由 {APP_NAME} 生成",
        front_matter=False,
        marks=marks,
    )

    def story(styles: DocumentStyles) -> list[Flowable]:
        rows = [
            ("场地", f"{c.room_name}（{c.room_place}）" if c.room_place else c.room_name),
            ("使用时间", _when(c)),
            ("预约对象", f"{c.booker_name}（{c.booker_category}）"),
            ("联系人", c.contact or "—"),
            ("活动内容", c.purpose),
            ("预计人数", f"{c.attendees} 人"),
            ("设备", c.equipment or "—"),
            ("预约状态", c.status),
        ]
        rules = ParagraphStyle("rules", styles.note, fontSize=10, leading=15, spaceBefore=2)
        out: list[Flowable] = [
            *front_matter(meta, styles),
            key_value_table(rows, styles, label_width=26 * mm),
        ]
        if c.status == "待审批":
            warn = ParagraphStyle("pending", styles.heading, textColor=RED, alignment=1)
            out.append(para("本预约尚待审批，审批通过前不作为使用凭证。", warn))
        out += [Spacer(1, 2 * mm), para("使用须知", styles.heading)]
        out += [para(f"{i}. {rule}", rules) for i, rule in enumerate(c.rules, start=1)]
        if c.site_phone:
            out.append(para(f"服务中心电话：{c.site_phone}", rules))
        out += [Spacer(1, 3 * mm), _signatures(styles), CutLine(space=4 * mm)]
        stub_title = ParagraphStyle(
            "stub-title", styles.title, fontSize=14, leading=19, spaceAfter=3
        )
        stub = [
            ("编号", c.serial),
            ("场地与时间", f"{c.room_name}　{_when(c)}"),
            ("预约对象", f"{c.booker_name}（{c.contact or c.booker_category}）"),
            ("经办人", f"{c.handled_by or '　'}　　打印日期：{numeric_cn_date(c.issued_on)}"),
        ]
        out += [StrokedParagraph("场地预约存根（服务中心留存）", stub_title, stroke=0.4)]
        out.append(key_value_table(stub, styles, label_width=26 * mm))
        return out

    return build_document(meta, story, invariant=invariant)
