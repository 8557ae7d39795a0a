"""The agreement tables: every agreement (:class:`AgreementsModel`) and those ending within 30
days with their renewal (:class:`ExpiringModel`).

Agreements are a few per unit — hundreds at most in a community — so both lists are held in
memory (:class:`~djdesk.ui.common.record_table.RecordTableModel`). Each row shows the template
version its text was frozen with, so an old agreement visibly keeps its version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from djdesk.services.agreements.records import RENEWAL_WINDOW_DAYS
from djdesk.services.agreements.types import AgreementInfo, AgreementStatus
from djdesk.ui.common.record_table import CENTER, RIGHT, Column, RecordTableModel
from djdesk.ui.common.theme import ERROR, WARNING


def serial_text(a: AgreementInfo) -> str:
    return a.serial or "（未编号）"


def term_text(a: AgreementInfo) -> str:
    return f"{a.starts_on:%Y-%m-%d} 至 {a.ends_on:%Y-%m-%d}"


def remaining_text(a: AgreementInfo) -> str:
    """还有 N 天 while a signed agreement runs, 已过 N 天 once it ended; — otherwise."""
    if a.status == AgreementStatus.SIGNED:
        return "今天到期" if a.days_left == 0 else f"还有 {a.days_left} 天"
    if a.status == AgreementStatus.EXPIRED:
        return f"已过 {-a.days_left} 天"
    return "—"


def remaining_colour(a: AgreementInfo) -> str | None:
    if a.status == AgreementStatus.EXPIRED:
        return ERROR
    if a.status == AgreementStatus.SIGNED and a.days_left <= RENEWAL_WINDOW_DAYS:
        return WARNING
    return None


def version_text(a: AgreementInfo) -> str:
    return f"第 {a.template_version} 版" if a.template_version else "打印时确定"


def version_tip(a: AgreementInfo) -> str:
    if a.template_version:
        return f"文本按第 {a.template_version} 版模板固定，以后修改模板不影响这份文书"
    return "还没有打印：第一次打印时按当时的模板固定文本"


def party_tip(a: AgreementInfo) -> str:
    return f"{a.unit_name}\n{a.unit_party_org}"


AGREEMENT_COLUMNS: tuple[Column[AgreementInfo], ...] = (
    Column("编号", serial_text, serial=True, tooltip=lambda a: a.serial or None),
    Column("文书", lambda a: a.kind.short, CENTER, tooltip=lambda a: a.kind.value),
    Column("乙方单位", lambda a: a.unit_name, tooltip=party_tip),
    Column("期限", term_text),
    Column("状态", lambda a: a.status.value, CENTER),
    Column("到期", remaining_text, RIGHT, foreground=remaining_colour),
    Column("签订日期", lambda a: f"{a.signed_on:%Y-%m-%d}" if a.signed_on else "—", CENTER),
    Column("模板", version_text, CENTER, tooltip=version_tip),
    Column("扫描件", lambda a: "有" if a.scan_name else "—", CENTER, tooltip=lambda a: a.scan_name),
)


class AgreementsModel(RecordTableModel[AgreementInfo]):
    """编号, 文书, 乙方单位, 期限, 状态, 到期, 签订日期, 模板, 扫描件."""

    COL_SERIAL = 0
    COL_UNIT = 2
    COL_STATUS = 4

    def __init__(self, agreements: Sequence[AgreementInfo] = ()) -> None:
        super().__init__(
            AGREEMENT_COLUMNS,
            agreements,
            muted=lambda a: a.status == AgreementStatus.TERMINATED,
            status=lambda a: a.status.value,
            key=lambda a: a.id,
        )


@dataclass(frozen=True)
class ExpiringRow:
    """An agreement ending soon and the draft or agreement renewing it, if any."""

    agreement: AgreementInfo
    renewal: AgreementInfo | None = None

    @property
    def id(self) -> int:
        return self.agreement.id

    @property
    def printable_renewal(self) -> AgreementInfo | None:
        """The renewal draft still to be printed (numbered) for the unit to sign."""
        renewal = self.renewal
        if renewal is not None and renewal.status == AgreementStatus.DRAFT and not renewal.issued:
            return renewal
        return None


def renewal_text(row: ExpiringRow) -> str:
    renewal = row.renewal
    if renewal is None:
        return "未续签"
    if renewal.status == AgreementStatus.DRAFT:
        return f"续签稿已打印（{renewal.serial}）" if renewal.issued else "续签草稿待打印"
    return f"已续签（{renewal.status.value}）"


def renewal_colour(row: ExpiringRow) -> str | None:
    return WARNING if row.renewal is None or row.printable_renewal is not None else None


EXPIRING_COLUMNS: tuple[Column[ExpiringRow], ...] = (
    Column("乙方单位", lambda r: r.agreement.unit_name, tooltip=lambda r: party_tip(r.agreement)),
    Column("文书", lambda r: r.agreement.kind.short, CENTER),
    Column("编号", lambda r: serial_text(r.agreement), serial=True),
    Column("终止日期", lambda r: f"{r.agreement.ends_on:%Y-%m-%d}", CENTER),
    Column("剩余", lambda r: remaining_text(r.agreement), RIGHT),
    Column("续签", renewal_text, foreground=renewal_colour),
    Column("新期限", lambda r: term_text(r.renewal) if r.renewal else "—"),
)


class ExpiringModel(RecordTableModel[ExpiringRow]):
    """乙方单位, 文书, 编号, 终止日期, 剩余, 续签, 新期限."""

    COL_UNIT = 0
    COL_RENEWAL = 5

    def __init__(self, rows: Sequence[ExpiringRow] = ()) -> None:
        super().__init__(EXPIRING_COLUMNS, rows, key=lambda r: r.id)
