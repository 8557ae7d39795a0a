"""Public vocabulary and results of the 数据交换 area (screens and commands use these)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from djdesk.formats.exchange.errors import PackageRefusedError, RefusalKind

__all__ = [
    "Applied",
    "Conflict",
    "ExportEntry",
    "ExportResult",
    "ImportResult",
    "KeyInfo",
    "PackageKind",
    "PackageRefusedError",
    "PartnerInfo",
    "PartnerRelation",
    "Published",
    "RefusalKind",
    "TableCounts",
]


class PackageKind(StrEnum):
    """What a package carries: records going up, or reference data coming down."""

    RECORDS = "records"
    REFERENCE = "reference"

    @property
    def label(self) -> str:
        return "上报数据" if self is PackageKind.RECORDS else "下发参考数据"


class PartnerRelation(StrEnum):
    LOWER = "下级"  # a community (at a street) or a street (at a district), registered here
    UPPER = "上级"  # the site whose downward packages this site accepts
    FORWARDED = "转报"  # at a district: a community a registered street forwards


class RecordOutcome(StrEnum):
    NEW = "新增"
    UPDATED = "更新"
    UNCHANGED = "未变"
    REFUSED = "拒收"


@dataclass(frozen=True)
class KeyInfo:
    """This site's signing key as the 密钥 panel and ``djdesk keys`` show it."""

    fingerprint: str
    public_key: str  # base64
    created_at: datetime
    key_file: str  # where the private key lives (never exported)
    #: True when the key was created by this call (first use, or the old file was lost).
    created: bool = False


@dataclass(frozen=True)
class PartnerInfo:
    code: str
    name: str
    level: str
    relation: PartnerRelation
    fingerprint: str
    has_key: bool
    via: str
    registered_at: datetime
    #: Received-packages log: the newest package imported from it (upward), if any.
    last_sequence: int | None = None
    last_created_at: datetime | None = None
    last_imported_at: datetime | None = None
    #: Why it is behind (no package yet, missing numbers, nothing for N days), or "".
    behind: str = ""


@dataclass(frozen=True)
class ExportResult:
    kind: PackageKind
    sequence: int
    follows: int
    full: bool
    file: str
    sealed: bool
    records: int
    counts: dict[str, int]
    size: int
    sha256: str
    #: True for a past package written again (its content and signature are unchanged).
    again: bool = False


@dataclass(frozen=True)
class ExportEntry:
    """One line of the export history."""

    kind: PackageKind
    sequence: int
    follows: int
    full: bool
    created_at: datetime
    created_by: str
    records: int
    counts: dict[str, int]
    file_name: str
    size: int
    stored: bool  # the kept copy exists, so it can be written again


@dataclass(frozen=True)
class TableCounts:
    """What a package does (or would do) to one table."""

    table: str
    label: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged + self.refused


@dataclass(frozen=True)
class Conflict:
    """A record (or reference item) refused while the rest of its package applies."""

    table: str
    label: str
    uid: str
    origin: str
    line: int
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """The import summary of one package (a dry run's plan or what was applied)."""

    file: str
    kind: PackageKind
    sender_code: str
    sender_name: str
    sender_level: str
    sequence: int
    follows: int
    full: bool
    created_at: datetime
    dry_run: bool
    applied: bool
    tables: tuple[TableCounts, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    warnings: tuple[str, ...] = ()
    #: This exact package was imported before: nothing was (or would be) changed.
    already_imported: bool = False
    communities: tuple[str, ...] = field(default_factory=tuple)

    def total(self, what: str) -> int:
        return sum(int(getattr(t, what)) for t in self.tables)

    @property
    def summary(self) -> str:
        verb = "将" if self.dry_run else "已"
        if self.already_imported:
            return f"此数据包此前已导入，{verb}不做任何改动（共 {self.total('total')} 条记录）。"
        return (
            f"{verb}新增 {self.total('new')} 条、更新 {self.total('updated')} 条，"
            f"{self.total('unchanged')} 条未变，拒收 {self.total('refused')} 条。"
        )


@dataclass(frozen=True)
class VerifiedTable:
    table: str
    label: str
    records: int


@dataclass(frozen=True)
class VerifyReport:
    """What ``djdesk verify`` found: every check passed (a failing one raises instead)."""

    file: str
    kind: PackageKind
    sender_code: str
    sender_name: str
    sender_level: str
    fingerprint: str
    sequence: int
    follows: int
    full: bool
    created_at: datetime
    schema_revision: str
    sealed: bool
    tables: tuple[VerifiedTable, ...]
    communities: tuple[str, ...]
    reference_versions: dict[str, int | None]
    warnings: tuple[str, ...]
    problems: tuple[str, ...]  # reference entries a community would refuse
    already_imported: bool

    @property
    def records(self) -> int:
        return sum(t.records for t in self.tables)


@dataclass(frozen=True)
class ReceivedEntry:
    """One line of the received-packages log."""

    sender: str
    sender_name: str
    kind: PackageKind
    sequence: int
    follows: int
    full: bool
    created_at: datetime
    imported_at: datetime
    imported_by: str
    file_name: str
    added: int
    updated: int
    unchanged: int
    refused: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Published:
    """One version of reference data as a package carries it."""

    version: int
    title: str
    data: bytes


@dataclass(frozen=True)
class Applied:
    """What applying one version did: 新增 (installed), 未变 (not newer) or 拒收 (and why)."""

    outcome: RecordOutcome
    detail: str
