"""The tables of the 文书登记 page: the register, read a page at a time, and one document's
outputs (where each rendering went: a file or a printer, copies, who, when).

The register grows with every print of every area — tens of thousands of entries in a few
years — so :class:`RegisterModel` reads it from the service a page at a time, newest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from djdesk.services.documents import (
    DocumentFormat,
    OutputKind,
    RegisteredDocument,
    RegisterQuery,
    register_page,
)
from djdesk.services.documents.types import OutputInfo
from djdesk.services.store import Database
from djdesk.ui.common.paged_table import PagedTableModel, PageRequest
from djdesk.ui.common.record_table import CENTER, RIGHT, Column, RecordTableModel, tip_when_long
from djdesk.ui.common.theme import WARNING


def copy_text(doc: RegisteredDocument) -> str:
    """原件, or 第 2 次补打 / 第 1 次副本."""
    return f"第 {doc.copy_number} 次{doc.mark}" if doc.copy_number else "原件"


def format_text(doc: RegisteredDocument) -> str:
    return "Word" if doc.file_format == DocumentFormat.DOCX else "PDF"


def outputs_text(doc: RegisteredDocument) -> str:
    """Where the rendering went, in short: 打印 3 份 · 文件 1 次."""
    printed = doc.printed_copies
    files = sum(1 for o in doc.outputs if o.kind == OutputKind.FILE)
    parts = ([f"打印 {printed} 份"] if printed else []) + ([f"文件 {files} 个"] if files else [])
    return " · ".join(parts) or "—"


class RegisterModel(PagedTableModel[RegisteredDocument]):
    """编号, 文书, 当事人/单位, 原件或补打, 格式, 页数, 输出, 出具人, 时间, 补打原因."""

    COL_SERIAL = 0
    COL_SUBJECT = 2
    COL_COPY = 3

    def __init__(self, db: Database, timezone: str = "Asia/Shanghai") -> None:
        zone = ZoneInfo(timezone)

        def when(doc: RegisteredDocument) -> str:
            return f"{doc.created_at.astimezone(zone):%Y-%m-%d %H:%M}"

        columns: tuple[Column[RegisteredDocument], ...] = (
            Column(
                "编号", lambda d: d.serial or "（无编号）", serial=True, tooltip=lambda d: d.serial
            ),
            Column("文书", lambda d: d.title, tooltip=tip_when_long(lambda d: d.title, 10)),
            Column(
                "当事人/单位", lambda d: d.subject_label or "—", tooltip=lambda d: d.subject_label
            ),
            Column(
                "原件/补打",
                copy_text,
                CENTER,
                foreground=lambda d: WARNING if d.copy_number else None,
            ),
            Column("格式", format_text, CENTER),
            Column("页数", lambda d: str(d.pages) if d.pages else "—", RIGHT),
            Column("输出", outputs_text),
            Column("出具人", lambda d: d.created_by),
            Column("时间", when),
            Column("补打原因", lambda d: d.reason or "—", tooltip=lambda d: d.reason or None),
        )
        super().__init__(columns, key=lambda d: d.id)
        self.db = db
        self.timezone = timezone
        self.query = RegisterQuery()

    def set_query(self, query: RegisterQuery) -> None:
        self.query = query
        self.reload()

    def count(self) -> int:
        return register_page(self.db, self.query, limit=1, tz=self.timezone).total

    def fetch(self, request: PageRequest) -> Sequence[RegisteredDocument]:
        page = register_page(
            self.db, self.query, offset=request.offset, limit=request.limit, tz=self.timezone
        )
        return page.rows

    def row_of(self, document_id: int) -> int:
        """The row of a document among the pages read so far (-1 when not read or not here)."""
        for row in range(self.total):
            if self.key_at(row) == document_id:
                return row
            if row >= 2 * self._page_size:
                break
        return -1


class OutputsModel(RecordTableModel[OutputInfo]):
    """方式, 文件或打印机, 份数, 操作人, 时间 — one row per output of a rendering."""

    def __init__(self, timezone: str = "Asia/Shanghai") -> None:
        zone = ZoneInfo(timezone)

        def when(o: OutputInfo) -> str:
            at: datetime = o.at
            return f"{at.astimezone(zone):%Y-%m-%d %H:%M:%S}"

        super().__init__(
            (
                Column(
                    "方式", lambda o: "打印" if o.kind == OutputKind.PRINTER else "保存文件", CENTER
                ),
                Column("文件或打印机", lambda o: o.target, tooltip=lambda o: o.target),
                Column("份数", lambda o: str(o.copies), RIGHT),
                Column("操作人", lambda o: o.by),
                Column("时间", when),
            ),
        )
