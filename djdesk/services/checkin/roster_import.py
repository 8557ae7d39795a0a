"""Importing in-service Party members' rosters (花名册) from the units' Excel sheets.

:func:`analyse_roster` reads and checks a file and says what every row would do (新增 / 更新 /
未变 / 警告 / 拒绝 with the Excel row number and the reason) without writing.
:func:`import_roster` does the same, refuses a file with no valid row, takes a backup (reason
``before-import``) and writes all valid rows (警告 rows included) in one unit of work: a cancel
or any error leaves the database as it was.

Each row has one outcome, so the five counts add up to the rows; a 警告 row is imported with
the unknown grid or posts left out, and its :attr:`RowResult.action` says whether it added or
updated a member. ``create_grids`` creates the grids rows name that this community lacks, so
those rows keep their grid.

Reading lives in :mod:`~djdesk.formats.checkin.roster_read` (with header synonyms in
:mod:`~djdesk.formats.checkin.roster_columns`), the row checks in
:mod:`~djdesk.services.checkin.roster_plan` and the
bulk writes in :mod:`~djdesk.services.checkin.roster_apply`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from djdesk.actor import WRITERS, Actor
from djdesk.db.models.checkin import CheckIn, Grid, Member, ServicePost, Unit
from djdesk.db.session import Database
from djdesk.errors import DjdeskError, SiteNotConfiguredError
from djdesk.formats.checkin.roster_columns import FIELD_TITLES
from djdesk.formats.checkin.roster_read import (
    RosterFileError,
    RosterSheet,
    read_roster,
)
from djdesk.paths import AppPaths
from djdesk.progress import IMPORT_CANCELLED, CancelledError, CancelledFn, ProgressFn
from djdesk.services.checkin.roster_apply import apply_plan
from djdesk.services.checkin.roster_plan import Outcome, Plan, RowResult, plan_import
from djdesk.services.origin import load_site

__all__ = [
    "ColumnUse",
    "ImportReport",
    "NoValidRowsError",
    "Outcome",
    "RosterFileError",
    "RowResult",
    "analyse_roster",
    "import_roster",
]


@dataclass(frozen=True)
class ColumnUse:
    """A recognised column: its letter, its header text in the sheet and the field it fills."""

    letter: str
    header: str
    field: str


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, for a dry run, would do), row by row."""

    file: str
    sheet: str
    header_row: int
    columns: tuple[ColumnUse, ...]
    ignored_headers: tuple[str, ...]
    unit_from_title: str
    rows: tuple[RowResult, ...]
    unknown_units: tuple[str, ...]  # named by rows but not registered (create_units off)
    new_units: tuple[str, ...]  # registered (or, in a dry run, to be registered) by the import
    skipped: int  # 合计, 示例 and note rows passed over
    dry_run: bool
    backup_file: str = ""
    checkins: int = 0
    unknown_grids: tuple[str, ...] = ()  # named by rows but not grids here (create_grids off)
    new_grids: tuple[str, ...] = ()  # created (or, in a dry run, to be created) by the import

    def count(self, outcome: Outcome) -> int:
        """Rows shown with ``outcome``; the five counts add up to the rows."""
        return sum(1 for r in self.rows if r.outcome is outcome)

    @property
    def imported(self) -> int:
        """Rows shown as 新增 (a 警告 row that adds a member counts under 警告: see written)."""
        return self.count(Outcome.NEW)

    @property
    def updated(self) -> int:
        return self.count(Outcome.UPDATED)

    @property
    def unchanged(self) -> int:
        return self.count(Outcome.UNCHANGED)

    @property
    def warned(self) -> tuple[RowResult, ...]:
        """Rows imported with part of them left out (an unknown grid or post)."""
        return tuple(r for r in self.rows if r.outcome is Outcome.WARNED)

    @property
    def rejected(self) -> tuple[RowResult, ...]:
        return tuple(r for r in self.rows if r.outcome is Outcome.REJECTED)

    def written(self, action: Outcome) -> int:
        """Rows whose write is ``action`` (NEW or UPDATED), 警告 rows included."""
        return sum(1 for r in self.rows if r.action is action and r.outcome is not Outcome.REJECTED)

    @property
    def valid(self) -> int:
        return len(self.rows) - len(self.rejected)

    @property
    def returning(self) -> int:
        return sum(1 for r in self.rows if r.returning)

    def summary(self) -> str:
        """One line in Chinese for the clerk."""
        verb = "预检（未写入）" if self.dry_run else "导入完成"
        back = f"（其中重新报到 {self.returning} 名）" if self.returning else ""
        warned = ""
        if self.warned:
            new = sum(1 for r in self.warned if r.action is Outcome.NEW)
            changed = sum(1 for r in self.warned if r.action is Outcome.UPDATED)
            done = "将导入" if self.dry_run else "已导入"
            warned = f"警告 {len(self.warned)} 行（{done}：新增 {new} 名、更新 {changed} 名），"
        return (
            f"{verb}：新增 {self.imported} 名{back}，更新 {self.updated} 名，"
            f"未变 {self.unchanged} 名，{warned}拒绝 {len(self.rejected)} 行。"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "returning": self.returning,
            "warned": [
                {"row": r.row, "action": r.action.value, "reason": r.reason} for r in self.warned
            ],
            "rejected": [{"row": r.row, "reason": r.reason} for r in self.rejected],
            "new_members": self.written(Outcome.NEW),
            "updated_members": self.written(Outcome.UPDATED),
            "unknown_units": list(self.unknown_units),
            "new_units": list(self.new_units),
            "unknown_grids": list(self.unknown_grids),
            "new_grids": list(self.new_grids),
            "skipped": self.skipped,
            "dry_run": self.dry_run,
            "backup_file": self.backup_file,
        }


class NoValidRowsError(DjdeskError):
    """Every data row was rejected (or there were none): nothing is imported."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        if not report.rows:
            reason = f"工作表“{report.sheet}”第 {report.header_row} 行表头以下没有数据行"
        else:
            reason = f"全部 {len(report.rows)} 行都未通过检查"
        super().__init__(f"“{report.file}”中没有可导入的行：{reason}。未做任何改动。")


def _report(plan: Plan, *, dry_run: bool) -> ImportReport:
    sheet = plan.sheet
    header = sheet.header
    columns = tuple(
        ColumnUse(get_column_letter(index + 1), header.headers[index], FIELD_TITLES[key])
        for key, index in sorted(header.columns.items(), key=lambda item: item[1])
        if key != "seq"
    )
    return ImportReport(
        file=sheet.file.name,
        sheet=sheet.sheet,
        header_row=header.row,
        columns=columns,
        ignored_headers=header.ignored,
        unit_from_title=sheet.unit_from_title,
        rows=tuple(p.result for p in plan.rows),
        unknown_units=plan.unknown_units,
        new_units=tuple(plan.new_units),
        skipped=sheet.skipped,
        dry_run=dry_run,
        checkins=sum(1 for p in plan.rows if p.checkin is not None),
        unknown_grids=plan.unknown_grids,
        new_grids=plan.new_grids,
    )


def _fingerprint(session: Session) -> tuple[Any, ...]:
    """Cheap summary of what a plan depends on; it changes when any of those rows changes."""
    parts: list[Any] = []
    for model in (Member, CheckIn, Unit, Grid):
        parts.append(
            tuple(
                session.execute(
                    select(func.count(), func.max(model.id), func.total(model.version))
                ).one()
            )
        )
    posts = session.execute(select(ServicePost.name, ServicePost.active).order_by(ServicePost.id))
    parts.append(tuple(tuple(p) for p in posts))
    return tuple(parts)


@dataclass(frozen=True)
class _Options:
    create_units: bool
    create_grids: bool
    today: date


def _plan(
    session: Session,
    sheet: RosterSheet,
    options: _Options,
    progress: ProgressFn | None,
    cancelled: CancelledFn | None,
) -> Plan:
    if load_site(session) is None:
        raise SiteNotConfiguredError()
    return plan_import(
        session,
        sheet,
        create_units=options.create_units,
        create_grids=options.create_grids,
        today=options.today,
        progress=progress,
        cancelled=cancelled,
    )


def analyse_roster(
    db: Database,
    path: Path | str,
    *,
    create_units: bool = False,
    create_grids: bool = False,
    today: date | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> ImportReport:
    """Read and check a roster; nothing is written. Raises :class:`RosterFileError` for a file
    that cannot be used, :class:`~djdesk.progress.CancelledError` when cancelled."""
    options = _Options(create_units, create_grids, today or date.today())
    sheet = read_roster(path, progress=progress, cancelled=cancelled)
    with db.reading() as session:
        plan = _plan(session, sheet, options, progress, cancelled)
    return _report(plan, dry_run=True)


def import_roster(
    db: Database,
    path: Path | str,
    *,
    actor: Actor,
    paths: AppPaths,
    create_units: bool = False,
    create_grids: bool = False,
    dry_run: bool = False,
    today: date | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> ImportReport:
    """Import a roster: all valid rows in one transaction, after a ``before-import`` backup.

    Refuses (writing nothing, taking no backup) a file that is not a usable xlsx, has no
    header or has no valid row (:class:`NoValidRowsError` carries the report). ``dry_run``
    checks and reports only. Rows naming unregistered units are rejected unless
    ``create_units``, which registers them (category ⑨其他 unless a 单位类别 column says).
    Rows naming grids this community lacks are imported with the grid left empty (警告) unless
    ``create_grids``, which creates those grids (active, owned by this site) first.
    """
    if not dry_run:
        actor.require(WRITERS, "导入党员花名册")
    options = _Options(create_units, create_grids, today or date.today())
    sheet = read_roster(path, progress=progress, cancelled=cancelled)
    with db.reading() as session:
        plan = _plan(session, sheet, options, progress, cancelled)
        seen = _fingerprint(session)
    report = _report(plan, dry_run=dry_run)
    if report.valid == 0:
        raise NoValidRowsError(report)
    if dry_run:
        return report
    if cancelled is not None and cancelled():
        raise CancelledError(IMPORT_CANCELLED)
    from djdesk.services.accounts.backups import backup_now, require_space_for_import

    require_space_for_import(paths, db, len(plan.rows))
    if progress is not None:
        progress(0, 0, "正在备份数据库……")
    backup = backup_now(paths, db, actor, reason="before-import")
    with db.unit_of_work(actor, what="导入党员花名册") as session:
        if _fingerprint(session) != seen:  # data changed since the check: check again
            plan = _plan(session, sheet, options, progress, cancelled)
            report = _report(plan, dry_run=False)
            if report.valid == 0:
                raise NoValidRowsError(report)
        applied = apply_plan(session, plan, actor, cancelled=cancelled, progress=progress)
    return replace(
        report,
        new_units=applied.created_units,
        new_grids=applied.created_grids,
        backup_file=str(backup.backup.path),
        checkins=applied.checkins,
    )
