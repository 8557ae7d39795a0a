"""The bump notice slip (场地预约变更通知): tells a resident that an official Party meeting
needs the room they had booked, why, and whom to call. One A4 page with the centre's seal
placeholder and a receipt stub below a cut line. Pure: a :class:`BumpNotice` in, PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from djdesk import APP_NAME
from djdesk.documents.base.blocks import CutLine, key_value_table, signature_block
from djdesk.documents.base.layout import DocumentMeta, build_document
from djdesk.documents.base.styles import DocumentStyles, StrokedParagraph, numeric_cn_date, para

TITLE = "场地预约变更通知"


@dataclass(frozen=True, kw_only=True)
class BumpNotice:
    community: str
    booker_name: str
    serial: str
    room_name: str
    day: date
    time_text: str
    meeting_org: str
    meeting_purpose: str
    reason: str
    site_phone: str = ""
    issued_on: date


def body_text(n: BumpNotice) -> str:
    text = (
        f"您预约的{n.room_name}（{numeric_cn_date(n.day)} {n.time_text}，"
        f"编号 {n.serial}），因{n.meeting_org}需在该时段召开{n.meeting_purpose}，"
        f"按场地使用规定由党组织会议优先使用，您的预约已取消。原因：{n.reason}。"
        "由此给您带来的不便，我们深表歉意，并优先为您安排其他时间或场地。"
    )
    if n.site_phone:
        text += f"如需改约，请致电 {n.site_phone} 或到服务中心前台办理。"
    return text


def build_bump_notice(n: BumpNotice, *, invariant: bool = False) -> bytes:
    meta = DocumentMeta(
        title=TITLE,
        issuer=n.community,
        subject=f"{n.booker_name} {n.serial}",
        keywords=(TITLE, n.serial),
        footer_note=f"由 {APP_NAME} 生成",
    )

    def story(styles: DocumentStyles) -> list[Flowable]:
        body = ParagraphStyle("bump-body", styles.body, fontSize=13, leading=23)
        title = ParagraphStyle("stub-title", styles.title, fontSize=14, leading=19, spaceAfter=3)
        stub = [
            ("原预约", f"{n.serial}　{n.room_name}　{n.day:%Y-%m-%d} {n.time_text}"),
            ("预约对象", n.booker_name),
            ("通知方式", "□ 电话　□ 当面　□ 其他：______"),
            ("签收", "　"),
        ]
        greeting = ParagraphStyle("bump-greeting", body, firstLineIndent=0)
        return [
            para(f"{n.booker_name}：", greeting),
            para(body_text(n), body),
            Spacer(1, 4 * mm),
            signature_block(n.community, n.issued_on, styles),
            CutLine(space=5 * mm),
            StrokedParagraph("变更通知回执（服务中心留存）", title, stroke=0.4),
            key_value_table(stub, styles, label_width=26 * mm),
        ]

    return build_document(meta, story, invariant=invariant)
