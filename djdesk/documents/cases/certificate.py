"""The community certificate (证明) on one A4 sheet: the 存根 the community keeps, a cut line,
and the 正本 handed to the applicant (domain.md §5.2).

The stub repeats the serial, the item with its catalogue code and version, the person
certified (ID number masked), 用途, applicant and contacts, handler and reviewer, and which
reprint it is or why it was voided (the reason for a reprint stays in the register). The 正本
has the title, the serial, the certified facts as frozen at issue,
用途, the limitation (仅限公证) and validity when configured, the legal basis and catalogue
code, handler, reviewer and phone, the community with the seal position and the date, and the
QR code with its check line printed under it (broken only at its hyphens, and smaller when
even a piece would not fit, so a code is never cut in two). A rendering the document register
counts as a reprint carries its stamp (第 2 次补打, from :class:`PageMarks`) boxed on both parts —
the 正本 is cut off and handed out, so the page corner alone would not do; a voided certificate
is crossed by a large 作废. Pure: a :class:`CertificateDoc` and the marks in, PDF out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table

from djdesk import APP_NAME
from djdesk.documents.base.blocks import CutLine, form_table, signature_block
from djdesk.documents.base.fonts import HEI
from djdesk.documents.base.layout import DocumentMeta, build_document
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
from djdesk.documents.cases.kinds import CERTIFICATE_KIND
from djdesk.documents.cases.qr import QrCode

STUB_TITLE = "出具证明存根（社区留存）"
NOTE = "本证明仅证明本社区能够核实的事实。"
QR_SIZE = 27 * mm
BODY_SIZES = (14.0, 13.0, 12.0, 11.0, 10.0, 9.0)  # points, tried in turn until the sheet holds all
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
MARK_RED = Color(0.80, 0.0, 0.0)
CHECK_LINE_SIZES = (6.5, 6.0, 5.5, 5.0)  # points, tried in turn until the code fits in two lines


@dataclass(frozen=True, kw_only=True)
class CertificateDoc:
    """What one print of a certificate shows."""

    serial: str
    title: str
    community: str
    body: str
    purpose: str
    item_code: str
    item_name: str
    catalog_version: int
    legal_basis: str = ""
    limitation: str = ""
    validity_months: int | None = None
    subject_name: str
    subject_id_masked: str = ""  # the stub shows the ID number masked
    applicant_name: str = ""
    applicant_phone_masked: str = ""
    materials: tuple[str, ...] = ()
    verification: str = ""
    handler: str
    reviewer: str = ""
    contact_phone: str = ""
    issued_on: date
    check_line: str
    void_reason: str = ""  # set: the certificate is void and printed crossed out


class _Stamp(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """A mark drawn over the page from the point it is placed: 作废 diagonally, or a boxed 补打."""

    def __init__(self, text: str, *, void: bool, drop: float = 0.0) -> None:
        super().__init__()
        self.text, self.void, self.drop = text, void, drop

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setFillColor(MARK_RED)
        canv.setStrokeColor(MARK_RED)
        if self.void:
            canv.setFillAlpha(0.35)
            canv.translate(self.avail / 2, -self.drop)
            canv.rotate(28)
            canv.setFont(HEI, 96)
            canv.drawCentredString(0, -30, self.text)
        else:
            canv.setFont(HEI, 13)
            width = canv.stringWidth(self.text, HEI, 13) + 10
            x = self.avail - width
            y = 4 - self.drop
            canv.setLineWidth(1.2)
            canv.rect(x, y, width, 20, stroke=1, fill=0)
            canv.drawString(x + 5, y + 5, self.text)
        canv.restoreState()


def _reprint_mark(marks: PageMarks) -> str:
    """The boxed words of a reprint (第 2 次补打), "" for the original."""
    return marks.stamp_detail or marks.stamp


def _stamps(
    doc: CertificateDoc, marks: PageMarks, void_drop: float, box_drop: float
) -> list[Flowable]:
    """作废 across the part and the reprint's box at its right, as the rendering needs."""
    out: list[Flowable] = []
    if doc.void_reason or marks.watermark:
        out.append(_Stamp(marks.watermark or "作废", void=True, drop=void_drop))
    if text := _reprint_mark(marks):
        out.append(_Stamp(text, void=False, drop=box_drop))
    return out


def _stub(doc: CertificateDoc, marks: PageMarks, styles: DocumentStyles) -> list[Flowable]:
    title = ParagraphStyle("stub-title", styles.title, fontSize=15, leading=20, spaceAfter=3)
    label_w = 20 * mm
    value_w = styles.width / 2 - label_w
    applicant = doc.applicant_name or doc.subject_name
    if doc.applicant_phone_masked:
        applicant += f"（{doc.applicant_phone_masked}）"
    remarks = []
    if text := _reprint_mark(marks):
        remarks.append(text)
    if doc.void_reason:
        remarks.append(f"已作废：{doc.void_reason}")
    rows = [
        ["编号", doc.serial, "出具日期", numeric_cn_date(doc.issued_on)],
        ["证明事项", f"{doc.item_code} {doc.item_name}（第 {doc.catalog_version} 版目录）", "", ""],
        ["被证明人", doc.subject_name, "身份证号", doc.subject_id_masked or "—"],
        ["用途", doc.purpose or "—", "申请人", applicant],
        ["提交材料", "、".join(doc.materials) or "—", "核实方式", doc.verification or "—"],
        ["经办人", doc.handler, "审核人", doc.reviewer or "—"],
        ["备注", "；".join(remarks) or "—", "", ""],
    ]
    wide = [i for i, row in enumerate(rows) if row[2] == ""]
    table = form_table(
        rows,
        (label_w, value_w, label_w, value_w),
        styles,
        label_columns=(0, 2),
        spans=[((1, i), (3, i)) for i in wide],
    )
    out: list[Flowable] = [StrokedParagraph(STUB_TITLE, title, stroke=0.5)]
    out += _stamps(doc, marks, void_drop=25 * mm, box_drop=0)
    return [*out, table]


def closing_lines(doc: CertificateDoc) -> list[str]:
    """The lines after the body: 特此证明, 用途, limitation, validity, basis, contacts."""
    lines = ["特此证明。"]
    if doc.purpose:
        lines.append(f"此证明仅用于{doc.purpose}。")
    if doc.limitation:
        lines.append(f"本证明{doc.limitation}使用，用于其他用途无效。")
    if doc.validity_months:
        lines.append(f"本证明自开具之日起 {doc.validity_months} 个月内有效。")
    return lines


def hyphen_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``, broken only after its hyphens (a piece wider
    than ``width`` stays whole on its own line: the caller then tries a smaller size)."""
    parts = text.split("-")
    pieces = [f"{part}-" for part in parts[:-1]] + [parts[-1]]
    lines: list[str] = []
    current = ""
    for piece in pieces:
        if current and stringWidth(current + piece, font, size) > width:
            lines.append(current)
            current = piece
        else:
            current += piece
    return [*lines, current]


def check_line_lines(line: str, font: str, width: float) -> tuple[float, list[str]]:
    """The printed 验证码 line: the largest size at which it takes at most two lines, each
    broken at a hyphen and none wider than ``width`` (the smallest size when none does)."""
    text = f"验证码：{line}"
    for size in CHECK_LINE_SIZES:
        lines = hyphen_lines(text, font, size, width)
        if len(lines) <= 2 and all(stringWidth(part, font, size) <= width for part in lines):
            break
    return size, lines


def _qr_block(doc: CertificateDoc, styles: DocumentStyles, width: float) -> list[Flowable]:
    size, lines = check_line_lines(doc.check_line, styles.cell.fontName, width - 1)
    code = ParagraphStyle(
        "check-line", styles.cell, fontSize=size, leading=size + 1.5, alignment=TA_LEFT
    )
    small = ParagraphStyle("check-hint", styles.cell, fontSize=6.5, leading=8, alignment=TA_LEFT)
    return [
        QrCode(doc.check_line, QR_SIZE),
        *(para(part, code) for part in lines),
        para("扫码或输入验证码可向出具社区核验", small),
    ]


def _original(
    doc: CertificateDoc, marks: PageMarks, styles: DocumentStyles, size: float
) -> list[Flowable]:
    title = ParagraphStyle("cert-title", styles.title, fontSize=22, leading=28, spaceAfter=0)
    body = ParagraphStyle(
        "cert-body",
        styles.body,
        fontSize=size,
        leading=size * 12 / 7,
        firstLineIndent=2 * size,
        spaceAfter=2,
    )
    info = ParagraphStyle("cert-info", styles.cell, fontSize=10, leading=14)
    # 作废 across the body; a reprint's box at the right of the title
    out: list[Flowable] = _stamps(doc, marks, void_drop=70 * mm, box_drop=9 * mm)
    out += [
        StrokedParagraph(doc.title, title, stroke=0.7),
        para(f"编号：{doc.serial}", styles.serial),
        para(doc.body, body),
        *(para(line, body) for line in closing_lines(doc)),
        Spacer(1, 2 * mm),
    ]
    basis = f"依据：{doc.legal_basis}（清单事项 {doc.item_code}）" if doc.legal_basis else ""
    basis = basis or f"依据：清单事项 {doc.item_code}"
    blank = "\xa0" * 10  # room to sign by hand
    people = f"经办人：{doc.handler}　　审核人：{doc.reviewer or blank}"
    if doc.contact_phone:
        people += f"　　联系电话：{doc.contact_phone}"
    out += [para(basis, info), para(people, info)]
    sign = signature_block(doc.community, doc.issued_on, styles)
    qr_width = QR_SIZE + 17 * mm
    row = Table(
        [[_qr_block(doc, styles, qr_width), sign]],
        colWidths=[qr_width, styles.width - qr_width],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("FONT", (0, 0), (-1, -1), HEI, 8),
        ],
    )
    note = ParagraphStyle("cert-note", styles.small, alignment=TA_CENTER)
    return [*out, Spacer(1, 1 * mm), row, para(NOTE, note)]


def build_certificate(
    doc: CertificateDoc, *, marks: PageMarks = NO_MARKS, invariant: bool = False
) -> bytes:
    """The stub and the 正本 of one certificate as a one-page A4 PDF; ``marks`` are the
    register's (补打 or 副本 with its count, and a watermark such as 作废)."""
    meta = DocumentMeta(
        title=doc.title,
        issuer=doc.community,
        subject=f"{doc.community}出具的{doc.title}（{doc.serial}）",
        serial=doc.serial,
        keywords=(document_kind(CERTIFICATE_KIND).title, doc.serial, doc.check_line),
        footer_note=f"由 {APP_NAME} 生成",
        front_matter=False,
    )

    def story(styles: DocumentStyles) -> list[Flowable]:
        fitted = _compact(styles)
        for size in BODY_SIZES:  # long wording shrinks rather than spill onto a second sheet
            flowables = [
                *_stub(doc, marks, fitted),
                CutLine(space=4 * mm),
                *_original(doc, marks, fitted, size),
            ]
            if _height(flowables, styles.width) <= FRAME_HEIGHT:
                break
        return flowables

    return build_document(meta, story, invariant=invariant)


def _height(flowables: list[Flowable], width: float) -> float:
    """Height the flowables take stacked in a frame (an upper bound: spaces are not merged)."""
    return sum(
        float(f.wrap(width, FRAME_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter())
        for f in flowables
    )


def _compact(styles: DocumentStyles) -> DocumentStyles:
    """Table cells a little smaller than the house default, so both parts fit one sheet."""
    cell = ParagraphStyle("cert-cell", styles.cell, fontSize=9.5, leading=12.5)
    label = ParagraphStyle("cert-label", styles.cell_label, fontSize=9.5, leading=12.5)
    return replace(styles, cell=cell, cell_label=label)
