"""Table models of the 数据交换 screens, declared column by column (see ``record_table``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from djdesk.services.exchange.types import (
    ExportEntry,
    ImportResult,
    PartnerInfo,
    ReceivedEntry,
)
from djdesk.ui.common.record_table import RIGHT, Column, RecordTableModel, tip_when_long
from djdesk.ui.common.theme import ERROR


def when(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment.astimezone():%Y-%m-%d %H:%M}"


class ExportHistoryModel(RecordTableModel[ExportEntry]):
    def __init__(self) -> None:
        columns: tuple[Column[ExportEntry], ...] = (
            Column("包号", lambda e: str(e.sequence), RIGHT),
            Column("类别", lambda e: e.kind.label),
            Column("范围", lambda e: "全量" if e.full else f"增量（接续第 {e.follows} 号）"),
            Column("导出时间", lambda e: when(e.created_at)),
            Column("记录数", lambda e: f"{e.records:,}", RIGHT),
            Column("文件", lambda e: e.file_name, tooltip=tip_when_long(lambda e: e.file_name)),
            Column("留存副本", lambda e: "有" if e.stored else "已删除"),
        )
        super().__init__(columns, key=lambda e: (e.kind.value, e.sequence))


class ReceivedModel(RecordTableModel[ReceivedEntry]):
    def __init__(self) -> None:
        columns: tuple[Column[ReceivedEntry], ...] = (
            Column("发送单位", lambda e: e.sender_name, tooltip=lambda e: e.sender),
            Column("包号", lambda e: str(e.sequence), RIGHT),
            Column("类别", lambda e: e.kind.label),
            Column("生成时间", lambda e: when(e.created_at)),
            Column("导入时间", lambda e: when(e.imported_at)),
            Column("新增", lambda e: f"{e.added:,}", RIGHT),
            Column("更新", lambda e: f"{e.updated:,}", RIGHT),
            Column("拒收", lambda e: f"{e.refused:,}", RIGHT),
            Column(
                "提示", lambda e: "；".join(e.warnings), tooltip=lambda e: "\n".join(e.warnings)
            ),
        )
        super().__init__(columns, key=lambda e: (e.sender, e.kind.value, e.sequence, e.imported_at))


class PartnersModel(RecordTableModel[PartnerInfo]):
    def __init__(self) -> None:
        def last(p: PartnerInfo) -> str:
            return f"第 {p.last_sequence} 号" if p.last_sequence else "—"

        columns: tuple[Column[PartnerInfo], ...] = (
            Column("关系", lambda p: p.relation.value),
            Column("代码", lambda p: p.code),
            Column("名称", lambda p: p.name, tooltip=tip_when_long(lambda p: p.name)),
            Column("最新数据包", last, RIGHT),
            Column("生成时间", lambda p: when(p.last_created_at)),
            Column("情况", lambda p: p.behind or ("经 " + p.via + " 转报" if p.via else "正常")),
            Column("公钥指纹", lambda p: p.fingerprint + ("" if p.has_key else "（待首个数据包）")),
        )
        super().__init__(
            columns, key=lambda p: p.code, muted=lambda p: bool(p.via), status=lambda p: p.behind
        )


@dataclass(frozen=True)
class PlanRow:
    """One line of the import plan: a table of a file, or a file refused as a whole."""

    file: str
    sender: str
    table: str
    new: int | None = None
    updated: int | None = None
    unchanged: int | None = None
    refused: int | None = None
    reason: str = ""


def plan_rows(results: Sequence[tuple[str, ImportResult | Exception]]) -> list[PlanRow]:
    rows: list[PlanRow] = []
    for name, result in results:
        if not isinstance(result, ImportResult):
            rows.append(PlanRow(name, "", "整个数据包", reason=str(result)))
            continue
        sender = f"{result.sender_name} 第 {result.sequence} 号"
        for t in result.tables:
            rows.append(PlanRow(name, sender, t.label, t.new, t.updated, t.unchanged, t.refused))
        if not result.tables:
            rows.append(PlanRow(name, sender, "（无记录）", 0, 0, 0, 0))
    return rows


def _count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


class PlanModel(RecordTableModel[PlanRow]):
    """新增 / 更新 / 未变 / 拒收 per file and table (a refused file: one row with the reason)."""

    def __init__(self) -> None:
        columns: tuple[Column[PlanRow], ...] = (
            Column("文件", lambda r: r.file, tooltip=tip_when_long(lambda r: r.file)),
            Column("发送单位", lambda r: r.sender),
            Column("数据表", lambda r: r.table),
            Column("新增", lambda r: _count(r.new), RIGHT),
            Column("更新", lambda r: _count(r.updated), RIGHT),
            Column("未变", lambda r: _count(r.unchanged), RIGHT),
            Column(
                "拒收",
                lambda r: _count(r.refused) if not r.reason else "全部",
                RIGHT,
                foreground=lambda r: ERROR if r.reason or r.refused else None,
            ),
            Column("原因", lambda r: r.reason, tooltip=lambda r: r.reason or None),
        )
        super().__init__(columns, key=lambda r: (r.file, r.table))


class ReportModel(RecordTableModel[tuple[Any, ...]]):
    """Rows of a street report, with the report's own column titles."""

    def __init__(self) -> None:
        super().__init__(())

    def set_report(self, titles: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self.columns = tuple(_report_column(title, i, rows) for i, title in enumerate(titles))
        self._records = list(rows)
        self.endResetModel()


def _report_column(title: str, index: int, rows: list[tuple[Any, ...]]) -> Column[tuple[Any, ...]]:
    def text(row: tuple[Any, ...]) -> str:
        return _cell(row[index])

    if _numeric(rows, index):
        return Column(title, text, RIGHT)
    return Column(title, text, tooltip=tip_when_long(text, 16))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _numeric(rows: list[tuple[Any, ...]], index: int) -> bool:
    return bool(rows) and all(isinstance(r[index], int | float) for r in rows[:20])
