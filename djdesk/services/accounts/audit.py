"""Reading the audit log (管理员 only): filters, paging for the 审计日志 page, xlsx export.

Entries are shown in words a clerk reads: the action (新增, 修改 …), the table by its Chinese
name, and 变更内容 with each column's Chinese label. Labels come from the areas
(``AreaSpec.field_labels`` and the counted tables' names), so a new area's tables are labelled
without touching this module.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from sqlalchemy import Select, func, select

from djdesk.actor import ADMINS, Actor
from djdesk.db.audit import record_event
from djdesk.db.models.accounts import AuditEntry
from djdesk.db.session import Database
from djdesk.errors import DjdeskError
from djdesk.services.areas import area_specs, counted_tables

ACTION_LABELS = {
    "create": "新增",
    "update": "修改",
    "delete": "删除",
    "undelete": "撤销删除",
    "purge": "彻底删除",
    "login": "登录",
    "login_failed": "登录失败",
    "backup": "备份",
    "restore": "恢复",
    "reveal": "查看完整证件号",
    "print": "打印",
    "export": "导出",
    "import": "导入",
    "demo": "演示数据",
}
#: Table labels of the audit log's own: events that concern no area's table, and names that
#: read better in the log than the counted tables' (文书编号 rather than 已编号文书).
TABLE_LABELS = {
    "issued_serial": "文书编号",
    "database": "数据库",
    "audit_log": "审计日志",
}
#: The sync columns every travelling record carries (no area owns them).
SHARED_FIELD_LABELS = {"origin": "所属站点代码", "deleted_at": "删除时间"}
EMPTY = "（空）"


@cache
def table_labels() -> dict[str, str]:
    """Chinese name of every table that appears in the log, by table name."""
    return {**{t.key: t.label for t in counted_tables()}, **TABLE_LABELS}


@cache
def _field_labels(table: str) -> Mapping[str, str]:
    labels: dict[str, str] = {}
    for spec in area_specs():
        if table in spec.field_labels:
            labels.update(spec.field_labels[table])
            break
    for column, label in SHARED_FIELD_LABELS.items():  # after the area's own
        labels.setdefault(column, label)
    return labels


def field_label(table: str, column: str) -> str:
    """The Chinese label of ``table.column`` (the column name itself when none is known)."""
    return _field_labels(table).get(column, column)


def value_text(value: Any, zone: tzinfo | None = None) -> str:
    """A logged value as a clerk reads it: 是/否, （空）, times in local time."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str) and len(value) > 10 and value[4:5] == "-" and value[10:11] == "T":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None and zone is not None:
            moment = moment.astimezone(zone)
        return f"{moment:%Y-%m-%d %H:%M}"
    return str(value)


@dataclass(frozen=True)
class AuditFilter:
    username: str = ""
    table: str = ""
    action: str = ""
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    username: str
    action: str
    table: str
    record_uid: str
    changes: dict[str, Any]
    summary: str

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def table_label(self) -> str:
        return table_labels().get(self.table, self.table)

    def changes_text(self) -> str:
        """``标签：旧值 → 新值`` per changed column (a new record: ``标签：值``), "；"-joined.

        Columns come in the order their area lists the labels (the order of its forms).
        """
        zone = self.at.tzinfo
        order = {name: i for i, name in enumerate(_field_labels(self.table))}
        parts = []
        for field in sorted(self.changes, key=lambda f: order.get(f, len(order))):
            value = self.changes[field]
            label = field_label(self.table, field)
            if isinstance(value, list) and len(value) == 2:
                before, after = (value_text(v, zone) for v in value)
                shown = after if self.action == "create" else f"{before} → {after}"
            else:
                shown = value_text(value, zone)
            parts.append(f"{label}：{shown}")
        return "；".join(parts)


def _filtered(stmt: Select[Any], flt: AuditFilter, tz: ZoneInfo) -> Select[Any]:
    if flt.username:
        stmt = stmt.where(AuditEntry.username == flt.username)
    if flt.table:
        stmt = stmt.where(AuditEntry.table_name == flt.table)
    if flt.action:
        stmt = stmt.where(AuditEntry.action == flt.action)
    if flt.start:
        stmt = stmt.where(AuditEntry.at >= datetime.combine(flt.start, time(), tz))
    if flt.end:
        stmt = stmt.where(AuditEntry.at < datetime.combine(flt.end + timedelta(days=1), time(), tz))
    return stmt


def _row(entry: AuditEntry, tz: ZoneInfo) -> AuditRow:
    changes = json.loads(entry.changes) if entry.changes else {}
    return AuditRow(
        id=entry.id,
        at=entry.at.astimezone(tz),
        username=entry.username,
        action=entry.action,
        table=entry.table_name,
        record_uid=entry.record_uid,
        changes=changes,
        summary=entry.summary,
    )


def count_entries(
    db: Database, actor: Actor, flt: AuditFilter, *, timezone: str = "Asia/Shanghai"
) -> int:
    actor.require(ADMINS, "查看审计日志")
    with db.reading() as session:
        stmt = _filtered(select(func.count()).select_from(AuditEntry), flt, ZoneInfo(timezone))
        return int(session.scalar(stmt) or 0)


def entries_page(
    db: Database,
    actor: Actor,
    flt: AuditFilter,
    *,
    offset: int = 0,
    limit: int = 200,
    timezone: str = "Asia/Shanghai",
) -> list[AuditRow]:
    """One page of entries, newest first."""
    actor.require(ADMINS, "查看审计日志")
    tz = ZoneInfo(timezone)
    with db.reading() as session:
        stmt = _filtered(select(AuditEntry), flt, tz)
        stmt = stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).offset(offset).limit(limit)
        return [_row(e, tz) for e in session.scalars(stmt)]


@dataclass(frozen=True)
class FilterChoices:
    usernames: tuple[str, ...]
    tables: tuple[str, ...]
    actions: tuple[str, ...]


def filter_choices(db: Database, actor: Actor) -> FilterChoices:
    actor.require(ADMINS, "查看审计日志")
    with db.reading() as session:

        def values(column: Any) -> tuple[str, ...]:
            return tuple(sorted(v for v in session.scalars(select(column).distinct()) if v))

        return FilterChoices(
            values(AuditEntry.username), values(AuditEntry.table_name), values(AuditEntry.action)
        )


HEADERS = ("时间", "用户", "操作", "数据表", "记录标识", "变更内容", "说明")


def export_xlsx(
    db: Database,
    actor: Actor,
    flt: AuditFilter,
    out_path: Path,
    *,
    timezone: str = "Asia/Shanghai",
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the filtered entries to an xlsx file; returns the number of rows written."""
    total = count_entries(db, actor, flt, timezone=timezone)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("审计日志")
    sheet.append(HEADERS)
    written, batch = 0, 2000
    while written < total:
        if cancelled and cancelled():
            raise DjdeskError("导出已取消，未生成文件。")
        rows = entries_page(db, actor, flt, offset=written, limit=batch, timezone=timezone)
        if not rows:
            break
        for r in rows:
            sheet.append(
                [
                    r.at.strftime("%Y-%m-%d %H:%M:%S"),
                    r.username,
                    r.action_label,
                    r.table_label,
                    r.record_uid,
                    r.changes_text(),
                    r.summary,
                ]
            )
        written += len(rows)
        if progress:
            progress(written, total, "正在导出审计日志")
    tmp = out_path.with_name(f".{out_path.name}.part")
    try:
        workbook.save(tmp)
        tmp.replace(out_path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DjdeskError(f"无法写入文件“{out_path}”：{exc.strerror or exc}。") from exc
    with db.unit_of_work(actor, roles=ADMINS, what="导出审计日志") as session:
        record_event(
            session, "export", table="audit_log", summary=f"导出 {written} 条到 {out_path.name}"
        )
    return written
