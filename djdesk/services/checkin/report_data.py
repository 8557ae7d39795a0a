"""What the reports of the 在职党员报到 area hold: 花名册, 报到情况统计表, 驻区单位报到登记册.

Each report is gathered into a frozen :class:`Report` of typed rows (``roster_data``,
``checkin_stats``, ``unit_register``); :mod:`~djdesk.services.checkin.reports` writes them.
The roster streams: members are read in pages of 5,000 through the query and
:class:`MemberFilter` of the member list (so an export shows what the list shows, ID numbers
and phones masked), never as ORM objects.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from djdesk.actor import Role
from djdesk.db.models.checkin import CheckIn, Member, Unit
from djdesk.db.session import Database
from djdesk.documents.base.tables import Column
from djdesk.natural_order import natural_key
from djdesk.progress import EXPORT_CANCELLED, CancelledError, CancelledFn, ProgressFn
from djdesk.services.checkin.grids import list_grids
from djdesk.services.checkin.members import MemberFilter, count_members, member_page
from djdesk.services.checkin.types import CheckinStatus, UnitStatus
from djdesk.services.checkin.units import category_label, list_units
from djdesk.services.site.identity import require_site

PAGE_SIZE = 5000
NO_UNIT = "（未填写单位）"
SUFFIXES = (".xlsx", ".pdf")
_GAP = "\xa0" * 30  # blanks to sign on; plain spaces collapse in a PDF paragraph
SIGN_LINE = f"填表人：{_GAP}审核人：{_GAP}联系电话："
ALL_ROLES = tuple(Role)  # reading a report is allowed to every role
DAY = "yyyy-mm-dd"
# Alignment and number format of a column follow from its header text, in all three reports.
DATES = ("报到日期", "单位报到日期")
COUNTS = ("在职党员数", "已报到数", "报到率", "认领岗位数", "迁出数", "申报党员数")
CENTRED = frozenset((*DATES, *COUNTS, "序号", "性别", "状态"))
FORMATS = {**dict.fromkeys(DATES, DAY), "报到率": "0.0%"}
EXCEL_WIDTH = 1 / 3.8  # Excel characters per point of PDF column width
#: Marks a 报到率 over 100 % (a glyph every bundled CJK font has), and says why.
OVER_FULL_MARK = "※"
OVER_FULL_NOTE = (
    f"标 {OVER_FULL_MARK} 的报到率超过 100%：申报人数少于实际报到人数，请核对单位申报的在职党员数。"
)


def _columns(titles: str, weights: Sequence[float]) -> tuple[Column, ...]:
    """Columns from space-separated titles and their widths in points on landscape A4 (the
    PDF scales them to the frame; the xlsx converts them to characters)."""
    pairs = zip(titles.split(), weights, strict=True)
    return tuple(
        Column(t, w, "CENTER" if t in CENTRED else "LEFT", FORMATS.get(t, "")) for t, w in pairs
    )


ROSTER_COLUMNS = _columns(
    "序号 报到编号 姓名 性别 身份证号 手机 工作单位 单位类别 所在党组织 报到日期 网格 "
    "认领岗位 状态",
    (33, 93, 36, 25, 91, 58, 92, 41, 104, 50, 49, 64, 29),
)
STATS_COLUMNS = _columns(
    "单位名称 单位类别 单位党组织 在职党员数 已报到数 报到率 认领岗位数 迁出数",
    (190, 70, 215, 58, 58, 58, 58, 58),
)
REGISTER_COLUMNS = _columns(
    "序号 单位名称 统一社会信用代码 党组织类别 党组织全称 书记 联络员 联系电话 单位报到日期 "
    "申报党员数 已报到数 状态",
    (30, 120, 96, 66, 128, 40, 40, 64, 58, 50, 44, 29),
)


@dataclass(frozen=True)
class ReportKind:
    code: str
    title: str  # printed after the site's short name
    table: str  # named in the audit entry
    columns: tuple[Column, ...]


KINDS = {
    k.code: k
    for k in (
        ReportKind("members-roster", "在职党员报到花名册", "member", ROSTER_COLUMNS),
        ReportKind("checkin-stats", "在职党员报到情况统计表", "checkin", STATS_COLUMNS),
        ReportKind("unit-register", "驻区单位报到登记册", "unit", REGISTER_COLUMNS),
    )
}


class ReportRow:
    """A report row whose fields are its cells, in column order."""

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))  # type: ignore[arg-type]


@dataclass(frozen=True)
class RosterRow(ReportRow):
    index: int
    serial: str
    name: str
    gender: str
    id_masked: str
    mobile_masked: str
    unit_name: str
    unit_category: str
    branch: str  # the member's 支部, else the unit's Party organisation
    checked_in_on: date | None
    grid_name: str
    posts: str
    status: str


@dataclass(frozen=True)
class StatsRow(ReportRow):
    unit_name: str
    unit_category: str
    party_org: str
    declared: int
    reported: int
    posts: int
    moved_out: int

    @property
    def rate(self) -> float | None:
        """已报到 ÷ 申报 (a fraction); ``None`` when the unit declared no members."""
        return self.reported / self.declared if self.declared else None

    @property
    def impossible(self) -> bool:
        """More members reported than the unit declared: the rate cannot be true."""
        return 0 < self.declared < self.reported

    def values(self) -> tuple[Any, ...]:
        head = (self.unit_name, self.unit_category, self.party_org, self.declared, self.reported)
        rate: Any = "—" if self.rate is None else self.rate
        if self.impossible:  # marked, with the reason in the report's notes
            rate = f"{OVER_FULL_MARK}{self.reported / self.declared:.1%}"
        return (*head, rate, self.posts, self.moved_out)


@dataclass(frozen=True)
class UnitRegisterRow(ReportRow):
    index: int
    name: str
    uscc: str
    category: str
    party_org: str
    secretary: str
    liaison_name: str
    liaison_phone: str  # a unit's work contact: shown as it is
    reported_on: date | None
    declared: int
    reported: int
    status: str


RowT = TypeVar("RowT", bound=ReportRow)


@dataclass(frozen=True)
class Report(Generic[RowT]):
    """A gathered report: what frames the table, and its rows (and 合计 row, if any)."""

    kind: ReportKind
    title: str
    site_name: str
    generated_on: date
    notes: tuple[str, ...]
    closing: tuple[str, ...]
    rows: tuple[RowT, ...]
    total: RowT | None = None
    count: int = 0  # rows, also when they stream past instead of sitting in ``rows``


RosterReport = Report[RosterRow]
StatsReport = Report[StatsRow]
UnitRegisterReport = Report[UnitRegisterRow]


# --- gathering ----------------------------------------------------------------------------


def describe_filter(db: Database, flt: MemberFilter) -> str:
    """The filter as a clerk reads it: ``单位：…；状态：在册``; ``全部党员`` when none."""
    unit = grid = ""
    if flt.unit_id is not None:
        names = {u.id: u.name for u in list_units(db, include_revoked=True)}
        unit = names.get(flt.unit_id, "（已删除的单位）")
    if flt.grid_id is not None:
        grids = {g.id: g.name for g in list_grids(db, include_inactive=True)}
        grid = grids.get(flt.grid_id, "（已删除的网格）")
    year = "" if flt.year is None else str(flt.year)
    pairs = [("单位", unit), ("网格", grid), ("岗位", flt.post), ("状态", flt.status)]
    pairs += [("报到年份", year), ("姓名", flt.text.strip())]
    return "；".join(f"{label}：{value}" for label, value in pairs if value) or "全部党员"


#: The orders the roster can follow (the member register's sortable columns), in words.
ORDER_WORDS = {
    "name": "姓名（拼音）",
    "unit": "工作单位",
    "grid": "网格",
    "checked_in_on": "报到日期",
    "status": "状态",
}


def iter_roster(
    db: Database,
    flt: MemberFilter,
    *,
    sort: str = "checked_in_on",
    descending: bool = False,
    page_size: int = PAGE_SIZE,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> Iterator[RosterRow]:
    """Roster rows in the order the register shows (``sort``, ``descending``; by default in
    check-in order), read a page at a time (memory stays flat)."""
    units = {u.name: u for u in list_units(db, include_revoked=True)}
    total = count_members(db, flt) if progress is not None else 0
    index = 0
    while True:
        if cancelled is not None and cancelled():
            raise CancelledError(EXPORT_CANCELLED)
        page = member_page(db, flt, sort=sort, descending=descending, offset=index, limit=page_size)
        for m in page:
            index += 1
            unit = units.get(m.unit_name)
            kind = category_label(unit.category) if unit else ""
            branch = m.branch or (unit.party_org if unit else "")
            head = (m.serial, m.name, m.gender, m.id_masked, m.mobile_masked, m.unit_name)
            tail = (m.checked_in_on, m.grid_name, m.posts, m.status)
            yield RosterRow(index, *head, kind, branch, *tail)
        if progress is not None:
            done = max(total, index)
            progress(index, done, f"正在读取党员记录 {index} / {done}")
        if len(page) < page_size:
            return


def roster_data(
    db: Database,
    flt: MemberFilter | None = None,
    *,
    sort: str = "checked_in_on",
    descending: bool = False,
    on: date | None = None,
    count: int = -1,
) -> RosterReport:
    """The roster with its rows in memory (previews, tests). ``count`` ≥ 0 gives the frame
    only, for an export that streams the rows through :func:`iter_roster`."""
    flt = flt or MemberFilter()
    site = require_site(db)
    rows = tuple(iter_roster(db, flt, sort=sort, descending=descending)) if count < 0 else ()
    count = len(rows) if count < 0 else count
    kind = KINDS["members-roster"]
    order = (
        f"{ORDER_WORDS.get(sort, ORDER_WORDS['checked_in_on'])}{'降序' if descending else '升序'}"
    )
    notes = (f"筛选条件：{describe_filter(db, flt)}；排列：按{order}",)
    closing = (f"合计：共 {count} 人。", SIGN_LINE)
    title = f"{site.short_name}{kind.title}"
    return Report(kind, title, site.name, on or date.today(), notes, closing, rows, count=count)


def _post_count() -> Any:
    """Entries in the 、-joined ``posts`` text of a check-in."""
    joined = func.coalesce(CheckIn.posts, "")
    entries = func.length(joined) - func.length(func.replace(joined, "、", "")) + 1
    return case((joined == "", 0), else_=entries)


def _in_year(column: Any, year: int) -> Any:
    return and_(column >= date(year, 1, 1), column < date(year + 1, 1, 1))


def _stats_counts(session: Session, year: int | None) -> dict[int | None, list[int]]:
    """unit id → [reported, posts, moved out] (None: members with no unit)."""
    alive = (CheckIn.deleted_at.is_(None), Member.deleted_at.is_(None))
    reported = (
        select(Member.unit_id, func.count(CheckIn.id), func.sum(_post_count()))
        .join(Member, Member.id == CheckIn.member_id)
        .where(CheckIn.status == CheckinStatus.ACTIVE, *alive)
        .group_by(Member.unit_id)
    )
    moved = select(Member.unit_id, func.count())
    if year is None:  # members whose newest check-in is a move-out: gone as of today
        moved = moved.join(CheckIn, CheckIn.id == Member.latest_checkin_id)
    else:  # move-outs dated in the year
        moved = moved.join(CheckIn, CheckIn.member_id == Member.id)
        moved = moved.where(_in_year(CheckIn.moved_out_on, year))
        reported = reported.where(_in_year(CheckIn.checked_in_on, year))
    moved = moved.where(CheckIn.status == CheckinStatus.MOVED_OUT, *alive).group_by(Member.unit_id)
    counts: dict[int | None, list[int]] = {}
    for unit_id, n, posts in session.execute(reported):
        counts.setdefault(unit_id, [0, 0, 0])[:2] = [int(n), int(posts or 0)]
    for unit_id, n in session.execute(moved):
        counts.setdefault(unit_id, [0, 0, 0])[2] = int(n)
    return counts


_SUMMED = ("declared", "reported", "posts", "moved_out")


def checkin_stats(db: Database, year: int | None = None, *, on: date | None = None) -> StatsReport:
    """报到情况统计表 by unit (domain.md §6.1–6.2), with a 合计 row.

    Without a year: 已报到数 = members 在册 now, 迁出数 = members whose last check-in was moved
    out. With a year: check-ins dated in that year that are still 在册, and move-outs dated in
    it. 认领岗位数 counts the claimed posts of the counted check-ins. Every registered unit is
    listed, by category; a revoked unit only while it still has counts.
    """
    site = require_site(db)
    with db.reading() as session:
        counts = _stats_counts(session, year)
        units = session.scalars(select(Unit).where(Unit.deleted_at.is_(None))).all()
    rows = []
    for u in sorted(units, key=lambda u: (u.category, natural_key(u.name))):
        got = counts.get(u.id, [0, 0, 0])
        if u.status == UnitStatus.ACTIVE or any(got):
            label = category_label(u.category)
            rows.append(StatsRow(u.name, label, u.party_org, u.declared_members, *got))
    if any(counts.get(None, [])):
        rows.append(StatsRow(NO_UNIT, "", "", 0, *counts[None]))
    total = StatsRow("合计", "", "", *(sum(getattr(r, f) for r in rows) for f in _SUMMED))
    kind = KINDS["checkin-stats"]
    title = f"{site.short_name}{kind.title}" + (f"（{year}年）" if year else "")
    scope = f"{year}年内报到且仍在册的党员" if year else "截至统计日期在册的党员"
    note = f"统计范围：{scope}；报到率 = 已报到数 ÷ 在职党员数（单位申报），未申报的单位记“—”。"
    notes = (note, OVER_FULL_NOTE) if any(r.impossible for r in (*rows, total)) else (note,)
    on = on or date.today()
    return Report(kind, title, site.name, on, notes, (SIGN_LINE,), tuple(rows), total, len(rows))


def unit_register(db: Database, *, on: date | None = None) -> UnitRegisterReport:
    """驻区单位报到登记册: every unit (revoked ones too, marked), in order of reporting."""
    site = require_site(db)
    units = list_units(db, include_revoked=True)
    units.sort(key=lambda u: (u.reported_on or date.max, u.name))
    rows = []
    for i, u in enumerate(units, start=1):
        head = (u.name, u.uscc, u.category_label, u.party_org, u.secretary, u.liaison_name)
        tail = (u.liaison_phone, u.reported_on, u.declared_members, u.reported_members, u.status)
        rows.append(UnitRegisterRow(i, *head, *tail))
    kind = KINDS["unit-register"]
    closing = (f"合计：共 {len(rows)} 个单位。", SIGN_LINE)
    title = f"{site.short_name}{kind.title}"
    on = on or date.today()
    return Report(kind, title, site.name, on, (), closing, tuple(rows), count=len(rows))
