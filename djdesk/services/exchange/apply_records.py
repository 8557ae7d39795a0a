"""Applying the records of a checked package, table by table, parents first.

For each record: one of another origin refuses the whole package; one already here in a newer
version, or in the same version with the same content, is 未变; the same version with other
content, the same uid owned by another origin, a reference to a record neither here nor in the
package, or a clash with a unique rule here is 拒收 (listed in the conflict report, the rest
applies); otherwise it is 新增 or 更新, written with the sender's sync columns as they are.
Writes go in bulk per batch inside a savepoint; a batch the database refuses is retried one
record at a time, so only the records at fault are refused. References to the same table
(a booking displaced by another) are set once the whole table is in. Everything happens in
the caller's transaction: a refusal raised here (or a cancel) rolls the whole package back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from djdesk.db.base import Base
from djdesk.formats.exchange.errors import RefusalKind
from djdesk.formats.exchange.reader import Batch
from djdesk.progress import CancelledFn, ProgressFn, check_cancelled, report
from djdesk.services.exchange.fixups import FIXUPS
from djdesk.services.exchange.inbound import Inbound, TablePlan
from djdesk.services.exchange.tables import label_of
from djdesk.services.exchange.types import Conflict, TableCounts


@dataclass
class Tally:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0


@dataclass
class Pending:
    """A record about to be written: its line, package values and database values."""

    line: int
    record: dict[str, Any]
    values: dict[str, Any]
    row_id: int | None = None


@dataclass
class RecordApplier:
    session: Session
    inbound: Inbound
    progress: ProgressFn | None = None
    cancelled: CancelledFn | None = None
    conflicts: list[Conflict] = field(default_factory=list)
    tallies: dict[str, Tally] = field(default_factory=dict)
    fixup_keys: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    done: int = 0

    def run(self) -> None:
        for plan in self.inbound.tables:
            self._table(plan)
        for fixup in FIXUPS:
            keys = self.fixup_keys.get((fixup.table, fixup.column))
            if keys:
                fixup.run(self.session, keys)

    def counts(self) -> tuple[TableCounts, ...]:
        return tuple(
            TableCounts(
                p.travelling.name, p.travelling.label, **vars(self.tallies[p.travelling.name])
            )
            for p in self.inbound.tables
        )

    # -- one table -----------------------------------------------------------------------------

    def _table(self, plan: TablePlan) -> None:
        t = plan.travelling
        self.tallies[t.name] = Tally()
        pkg = self.inbound.package
        in_file: set[str] = set()
        if any(r.target == t.name for r in t.references):
            for batch in pkg.batches(plan.entry, plan.decode):
                in_file.update(r["uid"] for r in batch.records)
        deferred: list[dict[str, Any]] = []
        for batch in pkg.batches(plan.entry, plan.decode):
            check_cancelled(self.cancelled)
            self._batch(plan, batch, in_file, deferred)
            self.done += len(batch.records)
            report(
                self.progress, self.done, self.inbound.manifest.record_count, f"正在导入{t.label}"
            )
        self._resolve_deferred(plan, deferred)

    def _refuse(self, plan: TablePlan, line: int, record: dict[str, Any], reason: str) -> None:
        t = plan.travelling
        self.tallies[t.name].refused += 1
        self.conflicts.append(
            Conflict(t.name, t.label, record["uid"], record["origin"], line, reason)
        )

    def _ids(self, table: str, uids: set[str]) -> dict[str, int]:
        if not uids:
            return {}
        target = Base.metadata.tables[table]
        rows = self.session.execute(select(target.c.uid, target.c.id).where(target.c.uid.in_(uids)))
        return {row[0]: row[1] for row in rows}

    def _batch(
        self, plan: TablePlan, batch: Batch, in_file: set[str], deferred: list[dict[str, Any]]
    ) -> None:
        t = plan.travelling
        table = t.table
        records = batch.records
        for line, record in zip(batch.lines, records, strict=True):
            for key in plan.dropped:
                record.pop(key, None)
            if record["origin"] not in self.inbound.allowed_origins:
                raise self.inbound.refuse(
                    RefusalKind.FOREIGN_ORIGIN,
                    f"“{plan.entry.file}”第 {line} 行的记录属于 {record['origin']}，"
                    "不是发送单位或其转报的下级单位的记录",
                )
        uids = [r["uid"] for r in records]
        existing = {
            uid: (id_, version, origin)
            for uid, id_, version, origin in self.session.execute(
                select(table.c.uid, table.c.id, table.c.version, table.c.origin).where(
                    table.c.uid.in_(uids)
                )
            )
        }
        maps = {
            ref.key: self._ids(ref.target, {r[ref.key] for r in records if r[ref.key]})
            for ref in t.references
        }
        inserts: list[Pending] = []
        updates: list[Pending] = []
        same: list[Pending] = []
        for line, record in zip(batch.lines, records, strict=True):
            found = existing.get(record["uid"])
            if found is not None and found[2] != record["origin"]:
                self._refuse(plan, line, record, f"本机已有同一标识的记录，但属于 {found[2]}")
                continue
            if found is not None and found[1] > record["version"]:
                self.tallies[t.name].unchanged += 1
                continue
            values = {name: record[name] for name in t.plain}
            values.update(plan.filled)
            missing = None
            later: dict[str, str] = {}
            for ref in t.references:
                uid = record[ref.key]
                target_id = maps[ref.key].get(uid) if uid is not None else None
                if uid is not None and target_id is None:
                    if ref.target == t.name and uid in in_file:
                        later[ref.column] = uid
                    else:
                        missing = (ref.target, uid)
                values[ref.column] = target_id
            if missing is not None:
                self._refuse(
                    plan,
                    line,
                    record,
                    f"引用的{label_of(missing[0])}记录（标识 {missing[1]}）在本机和本包中都不存在，"
                    "可能缺少之前的数据包",
                )
                continue
            pending = Pending(line, record, values, found[0] if found else None)
            if later:
                deferred.extend(
                    {"_uid": record["uid"], "_column": c, "_target": u} for c, u in later.items()
                )
            if found is None:
                inserts.append(pending)
            elif found[1] == record["version"]:
                same.append(pending)
            else:
                updates.append(pending)
        self._compare(plan, same)
        self._write(plan, updates, update_rows=True)
        self._write(plan, inserts, update_rows=False)

    def _compare(self, plan: TablePlan, same: Sequence[Pending]) -> None:
        if not same:
            return
        t = plan.travelling
        columns = [c for c in same[0].values if c not in plan.filled]
        stmt = select(t.table.c.id, *(t.table.c[c] for c in columns)).where(
            t.table.c.id.in_([p.row_id for p in same])
        )
        stored = {row[0]: row[1:] for row in self.session.execute(stmt)}
        for pending in same:
            here = stored[pending.row_id]
            differ = [c for c, v in zip(columns, here, strict=True) if pending.values[c] != v]
            if not differ:
                self.tallies[t.name].unchanged += 1
                continue
            shown = "、".join(differ[:4])
            self._refuse(
                plan,
                pending.line,
                pending.record,
                f"与本机同一版本（第 {pending.record['version']} 版）的内容不同（{shown}）；"
                "可能是对方恢复旧备份后又改动过，请对方再修改一次该记录后重新上报",
            )

    def _write(self, plan: TablePlan, items: list[Pending], *, update_rows: bool) -> None:
        if not items:
            return
        t = plan.travelling
        table = t.table
        if update_rows:
            stmt: Any = update(table).where(table.c.id == bindparam("_id"))
            params = [{**p.values, "_id": p.row_id} for p in items]
        else:
            stmt = insert(table)
            params = [p.values for p in items]
        written: list[Pending] = items
        try:
            with self.session.begin_nested():
                self.session.execute(stmt, params)
        except IntegrityError:
            written = []
            for pending, values in zip(items, params, strict=True):
                try:
                    with self.session.begin_nested():
                        self.session.execute(stmt, [values])
                    written.append(pending)
                except IntegrityError as exc:
                    self._refuse(plan, pending.line, pending.record, constraint_text(exc))
        tally = self.tallies[t.name]
        if update_rows:
            tally.updated += len(written)
        else:
            tally.new += len(written)
        for fixup in FIXUPS:
            if fixup.table == t.name:
                keys = self.fixup_keys.setdefault((fixup.table, fixup.column), set())
                keys.update(p.values[fixup.column] for p in written if p.values[fixup.column])

    def _resolve_deferred(self, plan: TablePlan, deferred: list[dict[str, Any]]) -> None:
        if not deferred:
            return
        table = plan.travelling.table
        ids = self._ids(plan.travelling.name, {d["_target"] for d in deferred})
        by_column: dict[str, list[dict[str, Any]]] = {}
        for item in deferred:
            target = ids.get(item["_target"])
            if target is None:
                self.inbound.warnings.append(
                    f"{plan.travelling.label}记录 {item['_uid']} 引用的同表记录被拒收，该引用已留空"
                )
                continue
            by_column.setdefault(item["_column"], []).append({"_key": item["_uid"], "_ref": target})
        for column, rows in by_column.items():
            stmt = (
                update(table)
                .where(table.c.uid == bindparam("_key"))
                .values({column: bindparam("_ref")})
            )
            self.session.execute(stmt, rows)


def constraint_text(exc: IntegrityError) -> str:
    """A database refusal in words: which rule of this database the record breaks."""
    text = str(getattr(exc, "orig", exc))
    for prefix, words in (
        ("UNIQUE constraint failed: ", "与本机已有的另一条记录重复（{}）"),
        ("NOT NULL constraint failed: ", "{} 不能为空"),
        ("CHECK constraint failed: ", "不符合本机的数据规则 {}"),
    ):
        if text.startswith(prefix):
            return words.format(text[len(prefix) :])
    if "FOREIGN KEY" in text:
        return "引用的记录在本机不存在"
    return f"数据库拒绝写入（{text[:120]}）"
