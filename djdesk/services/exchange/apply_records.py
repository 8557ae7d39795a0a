"""Applying the records of a checked package, table by table, parents first.

For each record: one of another origin refuses the whole package; one already here in a newer
version, or in the same version with the same content, is 未变; the same version with other
content, the same uid owned by another origin, a reference to a record neither here nor in the
package, or a clash with a unique rule here is 拒收 (listed in the conflict report, the rest
applies); otherwise it is 新增 or 更新, written with the sender's sync columns as they are.
New records go in one statement per batch (no savepoint: SQLite undoes only the record that
breaks a rule, which is refused, and the rest of the batch is written a record at a time);
updates go per batch inside a savepoint, retried one record at a time if the database refuses
one. A table that held no rows when its turn came is not looked up (none of its uids can be
here yet), and a batch of new records whose references are all here is turned into statement
parameters in one pass. References to the same table (a booking displaced by another) are set
once the whole table is in. Everything happens in the caller's transaction: a refusal raised
here (or a cancel) rolls the whole package back.

The records come as prepared rows (:mod:`.prepared`), read in this process or, for a large
package, by a worker process while this one writes (:mod:`.package_reader`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from djdesk.formats.exchange.errors import RefusalKind
from djdesk.progress import CancelledFn, ProgressFn, check_cancelled, report
from djdesk.services.exchange.apply_statements import (
    Inserts,
    Pending,
    Statements,
    TableState,
    Tally,
    constraint_text,
    table_job,
)
from djdesk.services.exchange.fixups import FIXUPS
from djdesk.services.exchange.inbound import Inbound, TablePlan
from djdesk.services.exchange.package_reader import PackageReader, package_reader
from djdesk.services.exchange.prepared import HEAD, Prepared, TableJob
from djdesk.services.exchange.storage import marks, quote
from djdesk.services.exchange.tables import label_of
from djdesk.services.exchange.transactions import plain_indexes_set_aside
from djdesk.services.exchange.types import Conflict, TableCounts


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
        plans = self.inbound.tables
        jobs = [table_job(plan) for plan in plans]
        records = self.inbound.manifest.record_count
        reader = package_reader(self.inbound.package, jobs, records)
        try:
            for index, (plan, job) in enumerate(zip(plans, jobs, strict=True)):
                self._table(reader, index, plan, job)
        finally:
            reader.close()
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

    def _sql(self, sql: str, params: Any = ()) -> Any:
        return self.session.connection().exec_driver_sql(sql, params)

    # -- one table -----------------------------------------------------------------------------

    def _table(self, reader: PackageReader, index: int, plan: TablePlan, job: TableJob) -> None:
        t = plan.travelling
        self.tallies[t.name] = Tally()
        statements = Statements.of(plan, job)
        table = TableState(
            fresh=not self._sql(f"SELECT EXISTS (SELECT 1 FROM {quote(t.name)})").scalar()
        )
        if any(r.target == t.name for r in t.references):
            table.in_file = self.inbound.package.uids(plan.entry)
        with plain_indexes_set_aside(self.session, t.name, plan.entry.records):
            for batch in reader.batches(index, job):
                check_cancelled(self.cancelled)
                self._batch(plan, job, statements, batch, table)
                self.done += len(batch.rows)
                total = self.inbound.manifest.record_count
                report(self.progress, self.done, total, f"正在导入{t.label}")
            self._resolve_deferred(plan, table.deferred)

    def _refuse(self, plan: TablePlan, line: int, uid: str, origin: str, reason: str) -> None:
        t = plan.travelling
        self.tallies[t.name].refused += 1
        self.conflicts.append(Conflict(t.name, t.label, uid, origin, line, reason))

    def _ids(self, table: str, uids: set[str]) -> dict[str, int]:
        if not uids:
            return {}
        wanted = list(uids)
        sql = f"SELECT uid, id FROM {quote(table)} WHERE uid IN ({marks(len(wanted))})"
        return dict(self._sql(sql, tuple(wanted)).fetchall())

    def _foreign(self, plan: TablePlan, line: int, origin: str) -> Exception:
        return self.inbound.refuse(
            RefusalKind.FOREIGN_ORIGIN,
            f"“{plan.entry.file}”第 {line} 行的记录属于 {origin}，"
            "不是发送单位或其转报的下级单位的记录",
        )

    def _batch(
        self,
        plan: TablePlan,
        job: TableJob,
        statements: Statements,
        batch: Prepared,
        table: TableState,
    ) -> None:
        """Sort a batch into inserts, updates and same-version records, then write.

        Nothing is written before the whole batch was looked at, so a record of a foreign
        origin refuses the package (rolled back by the caller) wherever it is in the batch.
        """
        t = plan.travelling
        rows = batch.rows
        allowed = self.inbound.allowed_origins
        if not allowed.issuperset(map(itemgetter(1), rows)):
            for line, row in zip(batch.lines, rows, strict=True):
                if row[1] not in allowed:
                    raise self._foreign(plan, line, row[1])
        existing = {} if table.fresh else self._existing(t.name, batch.uids)
        refs = []  # (position in the row, column, target, its ids by uid, a reference to itself)
        all_found = True
        for position, ref in enumerate(t.references, start=len(HEAD)):
            wanted = set(map(itemgetter(position), rows))
            wanted.discard(None)
            ids = self._ids(ref.target, wanted)
            all_found = all_found and len(ids) == len(wanted)
            refs.append((position, ref.column, ref.target, ids, ref.target == t.name))
        plain_start = job.plain_start
        filled = tuple(plan.filled.values())
        local = tuple(value for _, value in t.local_defaults)
        inserts = Inserts()
        if not existing and all_found:  # every record new and every reference here: the bulk
            tail = filled + local
            inserts.at.extend(range(len(rows)))
            lookups = [(position, ids.get) for position, _, _, ids, _ in refs]
            if not lookups:
                inserts.params.extend([row[plain_start:] + tail for row in rows])
            elif len(lookups) == 1:
                ((position, get),) = lookups
                inserts.params.extend(
                    [(*row[plain_start:], get(row[position]), *tail) for row in rows]
                )
            else:
                inserts.params.extend(
                    [
                        row[plain_start:] + tuple([get(row[p]) for p, get in lookups]) + tail
                        for row in rows
                    ]
                )
            self._insert(plan, statements, batch, inserts)
            return
        tally = self.tallies[t.name]
        updates: list[Pending] = []
        same: list[Pending] = []
        for at, row in enumerate(rows):
            uid, origin, version = row[0], row[1], row[2]
            found = existing.get(uid)
            if found is not None:
                if found[2] != origin:
                    self._refuse(
                        plan,
                        batch.lines[at],
                        uid,
                        origin,
                        f"本机已有同一标识的记录，但属于 {found[2]}",
                    )
                    continue
                if found[1] > version:
                    tally.unchanged += 1
                    continue
            targets: list[Any] = []
            missing = None
            for position, column, target, by_uid, same_table in refs:
                target_uid = row[position]
                if target_uid is None:
                    targets.append(None)
                    continue
                target_id = by_uid.get(target_uid)
                if target_id is None:
                    if same_table and target_uid in table.in_file:
                        table.deferred.append((uid, column, target_uid))
                    else:
                        missing = (target, target_uid)
                targets.append(target_id)
            if missing is not None:
                self._refuse(
                    plan,
                    batch.lines[at],
                    uid,
                    origin,
                    f"引用的{label_of(missing[0])}记录（标识 {missing[1]}）在本机和本包中都不存在，"
                    "可能缺少之前的数据包",
                )
                continue
            values = (*row[plain_start:], *targets, *filled)
            if found is None:  # the parameters of the INSERT: the values, then local defaults
                inserts.at.append(at)
                inserts.params.append(values + local)
            elif found[1] == version:
                same.append(Pending(batch.lines[at], uid, origin, version, values, found[0]))
            else:  # the parameters of the UPDATE: the values, then the row id
                updates.append(
                    Pending(batch.lines[at], uid, origin, version, (*values, found[0]), found[0])
                )
        self._compare(plan, statements, same)
        self._update(plan, statements, updates)
        self._insert(plan, statements, batch, inserts)

    def _existing(self, table: str, uids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        """The rows here with these uids: id, version and origin by uid."""
        sql = (
            f"SELECT uid, id, version, origin FROM {quote(table)} WHERE uid IN ({marks(len(uids))})"
        )
        return {row[0]: row[1:] for row in self._sql(sql, tuple(uids)).fetchall()}

    def _compare(self, plan: TablePlan, statements: Statements, same: Sequence[Pending]) -> None:
        if not same:
            return
        t = plan.travelling
        ids = tuple(p.row_id for p in same)
        sql = statements.compare.format(ids=marks(len(ids)))
        stored = {row[0]: tuple(row[1:]) for row in self._sql(sql, ids)}
        for pending in same:
            here = stored[pending.row_id]
            differ = [
                name
                for name, mine, theirs in zip(statements.columns, pending.values, here, strict=True)
                if mine != theirs
            ]
            if not differ:
                self.tallies[t.name].unchanged += 1
                continue
            shown = "、".join(differ[:4])
            self._refuse(
                plan,
                pending.line,
                pending.uid,
                pending.origin,
                f"与本机同一版本（第 {pending.version} 版）的内容不同（{shown}）；"
                "可能是对方恢复旧备份后又改动过，请对方再修改一次该记录后重新上报",
            )

    def _update(self, plan: TablePlan, statements: Statements, items: list[Pending]) -> None:
        """Write updates in a savepoint; if the database refuses one, one at a time."""
        if not items:
            return
        sql = statements.update
        written: list[Pending] = items
        try:
            with self.session.begin_nested():
                self._sql(sql, [p.values for p in items])
        except IntegrityError:
            written = []
            for pending in items:
                try:
                    with self.session.begin_nested():
                        self._sql(sql, pending.values)
                    written.append(pending)
                except IntegrityError as exc:
                    self._refuse(
                        plan, pending.line, pending.uid, pending.origin, constraint_text(exc)
                    )
        self.tallies[plan.travelling.name].updated += len(written)
        self._note_fixups(plan, statements, [p.values for p in written])

    def _insert(
        self, plan: TablePlan, statements: Statements, batch: Prepared, inserts: Inserts
    ) -> None:
        """Write new records in one statement per batch, without a savepoint.

        SQLite undoes only the statement that breaks a rule, so when the database refuses a
        record, the records before it are written: they are the ones whose uids are now here
        (none of them was before). That record is refused, and the rest of the batch is
        written one record at a time (each refused alone if need be, with no savepoint either),
        so a batch of many refusals costs one statement per record, as it would anyway.
        """
        params = inserts.params
        if not params:
            return
        t = plan.travelling
        written: list[tuple[Any, ...]] = params
        try:
            self._sql(statements.insert, params)
        except IntegrityError as exc:
            uids = tuple(batch.rows[at][0] for at in inserts.at)
            sql = f"SELECT count(*) FROM {quote(t.name)} WHERE uid IN ({marks(len(uids))})"
            failed = int(self._sql(sql, uids).scalar() or 0)
            written = params[:failed]
            self._refuse_new(plan, batch, inserts.at[failed], exc)
            for at, values in zip(inserts.at[failed + 1 :], params[failed + 1 :], strict=True):
                try:
                    self._sql(statements.insert, values)
                    written.append(values)
                except IntegrityError as refused:
                    self._refuse_new(plan, batch, at, refused)
        self.tallies[t.name].new += len(written)
        self._note_fixups(plan, statements, written)

    def _refuse_new(self, plan: TablePlan, batch: Prepared, at: int, exc: IntegrityError) -> None:
        row = batch.rows[at]
        self._refuse(plan, batch.lines[at], row[0], row[1], constraint_text(exc))

    def _note_fixups(
        self, plan: TablePlan, statements: Statements, written: Sequence[tuple[Any, ...]]
    ) -> None:
        """Remember the keys the fixups of this table must look at again."""
        for fixup in FIXUPS:
            if fixup.table == plan.travelling.name:
                index = statements.columns.index(fixup.column)
                keys = self.fixup_keys.setdefault((fixup.table, fixup.column), set())
                keys.update(values[index] for values in written if values[index])

    def _resolve_deferred(self, plan: TablePlan, deferred: list[tuple[Any, ...]]) -> None:
        if not deferred:
            return
        t = plan.travelling
        ids = self._ids(t.name, {target for _, _, target in deferred})
        by_column: dict[str, list[tuple[int, str]]] = {}
        for uid, column, target in deferred:
            target_id = ids.get(target)
            if target_id is None:
                self.inbound.warnings.append(
                    f"{t.label}记录 {uid} 引用的同表记录被拒收，该引用已留空"
                )
                continue
            by_column.setdefault(column, []).append((target_id, uid))
        for column, rows in by_column.items():
            sql = f"UPDATE {quote(t.name)} SET {quote(column)} = ? WHERE uid = ?"
            self._sql(sql, rows)
