"""The site information sheet (站点信息表): this installation's identity and data summary on paper.

A community or street prints it, seals it and sends it upward, so the street or district knows
which statistical code (统计用区划代码) the site's data files will carry. Pure: a
:class:`SiteSheet` in, PDF bytes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from djdesk import APP_NAME
from djdesk.documents.base.blocks import form_table, signature_block
from djdesk.documents.base.layout import DocumentMeta, build_document
from djdesk.documents.base.marks import NO_MARKS, PageMarks
from djdesk.documents.base.serials import document_kind
from djdesk.documents.base.styles import Cell, DocumentStyles, para

TITLE = document_kind("site-sheet").title

_PURPOSE = {
    "社区": "本表用于向街道、区报送本站点基础信息，",
    "街道": "本表用于向区报送本站点基础信息，",
    "区": "本表用于本级存档及与下级站点核对基础信息，",
}


@dataclass(frozen=True, kw_only=True)
class SiteSheet:
    """Everything the sheet prints; the identity fields mirror ``SiteInfo`` as plain text."""

    level: str
    code: str
    name: str
    short_name: str
    street_code: str = ""
    street_name: str = ""
    district_code: str = ""
    district_name: str = ""
    address: str = ""
    phone: str = ""
    party_org: str = ""
    serial_prefix: str = ""
    serial: str
    issued_on: date
    record_counts: tuple[tuple[str, int], ...] = ()
    program_version: str = ""
    data_location: str = ""


def _parent(name: str, code: str) -> str:
    return f"{name}（{code}）" if name and code else name or code


def identity_rows(sheet: SiteSheet) -> list[tuple[str, str]]:
    """Label/value pairs of the identity table; parents only where the level has them."""
    rows = [
        ("层级", sheet.level),
        ("统计用区划代码", sheet.code),
        ("全称", sheet.name),
        ("简称", sheet.short_name),
        ("联系电话", sheet.phone),
    ]
    if sheet.level == "社区":
        rows.append(("所属街道", _parent(sheet.street_name, sheet.street_code)))
    if sheet.level in ("社区", "街道"):
        rows.append(("所属区", _parent(sheet.district_name, sheet.district_code)))
    rows += [
        ("党组织全称", sheet.party_org),
        ("地址", sheet.address),
        ("文书编号前缀", sheet.serial_prefix),
    ]
    return rows


# Labels whose values are long enough to take a whole row of the four-column grid.
_WIDE = frozenset({"全称", "党组织全称", "地址", "数据位置"})


def _grid(
    pairs: Sequence[tuple[str, Cell]], styles: DocumentStyles, label_w: float = 31 * mm
) -> Flowable:
    """Pairs laid out two to a row (label | value | label | value), wide ones on a row alone."""
    rows: list[list[Cell]] = []
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    pending: list[Cell] = []

    def close_row() -> None:
        if pending:
            if len(pending) == 2:  # a single pair takes the whole row
                spans.append(((1, len(rows)), (3, len(rows))))
                pending.extend(["", ""])
            rows.append(list(pending))
            pending.clear()

    for label, value in pairs:
        if label in _WIDE:
            close_row()
        pending += [label, value]
        if len(pending) == 4 or label in _WIDE:
            close_row()
    close_row()
    value_w = styles.width / 2 - label_w
    return form_table(
        rows, (label_w, value_w, label_w, value_w), styles, label_columns=(0, 2), spans=spans
    )


def _summary_pairs(sheet: SiteSheet, styles: DocumentStyles) -> list[tuple[str, Cell]]:
    """Record counts (numbers centred), then the program version and where the data lives."""
    number = ParagraphStyle("count", styles.cell, alignment=TA_CENTER)
    pairs: list[tuple[str, Cell]] = [
        (label, para(str(count), number)) for label, count in sheet.record_counts
    ]
    if len(pairs) % 2:
        pairs.append(("", ""))  # keep 程序版本 on a row of its own
    if not pairs:
        pairs.append(("业务记录", "暂无"))
    pairs.append(("程序版本", f"{APP_NAME} {sheet.program_version}".strip()))
    pairs.append(("数据位置", sheet.data_location or "—"))
    return pairs


def build_site_sheet(
    sheet: SiteSheet, *, invariant: bool = False, marks: PageMarks = NO_MARKS
) -> bytes:
    """The sheet as PDF bytes (A4, usually one page); ``marks`` for a 补打."""
    version = f" {sheet.program_version}" if sheet.program_version else ""
    meta = DocumentMeta(
        title=TITLE,
        issuer=sheet.name,
        subject=f"{sheet.name}站点基础信息（统计用区划代码 {sheet.code}）",
        serial=sheet.serial,
        keywords=(TITLE, sheet.code, sheet.short_name),
        footer_note=f"由 {APP_NAME}{version} 生成",
        marks=marks,
    )

    def story(styles: DocumentStyles) -> list[Flowable]:
        purpose = _PURPOSE.get(sheet.level, _PURPOSE["社区"])
        return [
            para("一、站点基本信息", styles.heading),
            _grid(identity_rows(sheet), styles),
            para("二、数据概况", styles.heading),
            _grid(_summary_pairs(sheet, styles), styles),
            para(
                f"说明：{purpose}数据文件的来源代码以本表“统计用区划代码”为准。"
                "站点信息如有变更，请重新打印本表，盖章后报送。",
                styles.note,
            ),
            Spacer(1, 3 * mm),
            signature_block(sheet.name, sheet.issued_on, styles),
        ]

    return build_document(meta, story, invariant=invariant)
