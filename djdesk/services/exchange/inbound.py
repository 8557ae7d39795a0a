"""Opening a received package and checking who sent it, before a single record is read.

:func:`open_inbound` opens the file (unsealing it with the passphrase), then checks in this
order: the sender is registered here in the right relation (a 下级 for records, the 上级 for
reference data) and level; the key in the manifest is the registered one (or, for a site
registered by fingerprint, has that fingerprint); the signature; the schema revision is one
this program knows; the communities a street forwards belong to it and to no one else; each
table is a travelling table with the columns this schema gives it. Any failure refuses the
package before anything is written. The records themselves are checked as they are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.db.migrate import head_revision, known_revisions
from djdesk.db.models.exchange import ExchangeImport, ExchangePartner
from djdesk.db.models.site import Site
from djdesk.formats.exchange.columns import ColumnSpec, TableSpec
from djdesk.formats.exchange.errors import PackageRefusedError, RefusalKind
from djdesk.formats.exchange.keys import encode_key
from djdesk.formats.exchange.manifest import RECORDS, Manifest, TableEntry
from djdesk.formats.exchange.reader import OpenedPackage, open_package
from djdesk.paths import AppPaths
from djdesk.services.exchange.outbox import work_dir
from djdesk.services.exchange.partners import LOWER_LEVEL, UPPER_LEVEL, partner, this_site
from djdesk.services.exchange.tables import Travelling, travelling_by_name
from djdesk.services.exchange.types import PackageKind, PartnerRelation


@dataclass(frozen=True)
class TablePlan:
    """How to read one table file: our table, the keys to decode, what to drop and fill."""

    travelling: Travelling
    entry: TableEntry
    decode: TableSpec
    dropped: tuple[str, ...] = ()
    filled: dict[str, Any] = field(default_factory=dict)


@dataclass
class Inbound:
    """A package whose sender, signature, schema and tables were checked."""

    package: OpenedPackage
    site: Site
    sender: ExchangePartner
    kind: PackageKind
    allowed_origins: frozenset[str]
    tables: list[TablePlan]
    warnings: list[str]
    already_imported: ExchangeImport | None

    @property
    def manifest(self) -> Manifest:
        return self.package.manifest

    @property
    def name(self) -> str:
        return self.package.name

    def refuse(self, kind: RefusalKind, reason: str) -> PackageRefusedError:
        return self.package.refuse(kind, reason)

    def close(self) -> None:
        self.package.close()


def _check_sender(pkg: OpenedPackage, site: Site, row: ExchangePartner | None) -> ExchangePartner:
    m = pkg.manifest
    who = f"{m.sender.level}“{m.sender.name}”（{m.sender.code}）"
    if m.kind == RECORDS:
        if LOWER_LEVEL.get(site.level) != m.sender.level:
            below = LOWER_LEVEL.get(site.level)
            wants = f"只接收下级{below}的上报数据包" if below else "为社区，不接收上报数据包"
            raise pkg.refuse(RefusalKind.NOT_FOR_THIS_SITE, f"发送单位是{who}，本机{wants}")
        if row is None or row.relation == PartnerRelation.UPPER:
            raise pkg.refuse(
                RefusalKind.UNKNOWN_SENDER,
                f"{who}未在本机登记为下级单位；请先用其公钥文件或指纹登记（数据交换 → 下级单位）",
            )
        if row.relation == PartnerRelation.FORWARDED:
            raise pkg.refuse(
                RefusalKind.UNKNOWN_SENDER,
                f"{who}的数据由街道（{row.via}）转报，本机未直接登记该单位",
            )
    else:
        if UPPER_LEVEL.get(site.level) != m.sender.level:
            raise pkg.refuse(RefusalKind.NOT_FOR_THIS_SITE, f"发送单位{who}不是本机的上级单位")
        if row is None or row.relation != PartnerRelation.UPPER:
            raise pkg.refuse(
                RefusalKind.UNKNOWN_SENDER,
                f"{who}的公钥未在本机登记为上级单位；请先导入其公钥文件（数据交换 → 密钥）",
            )
    if row.public_key:
        if row.public_key != encode_key(m.sender.public_key):
            raise pkg.refuse(
                RefusalKind.SIGNATURE,
                f"数据包的签名密钥（指纹 {m.sender.fingerprint}）与登记的公钥（指纹 "
                f"{row.fingerprint}）不符；如对方更换了密钥，请重新登记其公钥",
            )
    elif row.fingerprint != m.sender.fingerprint:
        raise pkg.refuse(
            RefusalKind.SIGNATURE,
            f"数据包的公钥指纹 {m.sender.fingerprint} 与电话核对登记的指纹 {row.fingerprint} 不符",
        )
    pkg.verify_signature(m.sender.public_key)
    return row


def _allowed_origins(session: Session, pkg: OpenedPackage, site: Site) -> frozenset[str]:
    m = pkg.manifest
    if m.communities and m.sender.level == "社区":
        raise pkg.refuse(RefusalKind.FOREIGN_ORIGIN, "社区的数据包不能转报其他单位的记录")
    for community in m.communities:
        where = f"转报的“{community.name}”（{community.code}）"
        if community.code == site.code or not community.code.startswith(m.sender.code):
            raise pkg.refuse(RefusalKind.FOREIGN_ORIGIN, f"{where}不属于发送单位{m.sender.code}")
        known = partner(session, community.code)
        if known is not None and not (
            known.relation == PartnerRelation.FORWARDED and known.via == m.sender.code
        ):
            raise pkg.refuse(
                RefusalKind.FOREIGN_ORIGIN, f"{where}已在本机登记为其他单位的下级，不能由本包转报"
            )
    return frozenset({m.sender.code, *(c.code for c in m.communities)})


def _default(travelling: Travelling, key: str) -> Any:
    column = travelling.table.c[key]
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return getattr(default, "arg", None)
    if column.nullable:
        return None
    raise KeyError(key)


def _table_plan(pkg: OpenedPackage, entry: TableEntry, t: Travelling, same: bool) -> TablePlan:
    ours = {c.key: c for c in t.spec.columns}
    declared = {c.key: c for c in entry.columns}
    where = f"数据表 {entry.name}"
    dropped: list[str] = []
    columns: list[ColumnSpec] = []
    for key, column in declared.items():
        mine = ours.get(key)
        if mine is None:
            if same:
                raise pkg.refuse(RefusalKind.BAD_RECORD, f"{where}含有本机没有的列“{key}”")
            dropped.append(key)
            columns.append(column)
        elif (
            mine.kind != column.kind
            or mine.references != column.references
            or (column.nullable and not mine.nullable)
        ):
            raise pkg.refuse(RefusalKind.BAD_RECORD, f"{where}的列“{key}”的类型与本机不符")
        else:
            columns.append(mine)
    filled: dict[str, Any] = {}
    for key in ours.keys() - declared.keys():
        if same:
            raise pkg.refuse(RefusalKind.BAD_RECORD, f"{where}缺少列“{key}”")
        try:
            filled[ours[key].db_column] = _default(t, ours[key].db_column)
        except KeyError:
            raise pkg.refuse(RefusalKind.BAD_RECORD, f"{where}缺少必填的列“{key}”") from None
    decode = TableSpec(t.spec.name, t.spec.label, tuple(columns))
    return TablePlan(t, entry, decode, tuple(dropped), filled)


def _tables(pkg: OpenedPackage) -> tuple[list[TablePlan], list[str]]:
    m = pkg.manifest
    if m.schema_revision not in known_revisions():
        raise pkg.refuse(
            RefusalKind.NEWER_SCHEMA,
            f"数据包的数据结构版本 {m.schema_revision} 由更新版本的 djdesk 生成（本机为 "
            f"{head_revision()}），请先升级本机的 djdesk 再导入",
        )
    same = m.schema_revision == head_revision()
    travelling = travelling_by_name()
    plans, warnings = [], []
    for entry in m.tables:
        t = travelling.get(entry.name)
        if t is None:
            if same:
                raise pkg.refuse(RefusalKind.BAD_RECORD, f"数据表“{entry.name}”不是可交换的数据表")
            warnings.append(
                f"数据表“{entry.name}”在本机已不再使用，其 {entry.records} 条记录未导入"
            )
            continue
        plans.append(_table_plan(pkg, entry, t, same))
    order = [t.name for t in travelling.values()]
    plans.sort(key=lambda p: order.index(p.travelling.name))
    return plans, warnings


def find_import(session: Session, digest: str) -> ExchangeImport | None:
    return session.scalar(select(ExchangeImport).where(ExchangeImport.digest == digest))


def sequence_warnings(session: Session, m: Manifest, kind: PackageKind) -> list[str]:
    """Out-of-order and missing packages of this sender (warnings only: records carry versions)."""
    rows = session.execute(
        select(ExchangeImport.sequence, ExchangeImport.full).where(
            ExchangeImport.sender == m.sender.code, ExchangeImport.kind == kind.value
        )
    ).all()
    seen = {s for s, _ in rows}
    warnings = []
    if m.sequence in seen:
        warnings.append(f"此前已导入过另一个第 {m.sequence} 号数据包（内容不同）；仍按记录版本导入")
    elif seen and m.sequence < max(seen):
        warnings.append(
            f"本包（第 {m.sequence} 号）比已导入的第 {max(seen)} 号更早，属乱序到达；"
            "按记录版本导入，较新的记录不会被覆盖"
        )
    if not m.full and m.follows:
        start = max((s for s, full in rows if full), default=1)
        missing = [n for n in range(start, m.follows + 1) if n not in seen]
        if missing:
            shown = "、".join(str(n) for n in missing[:5]) + ("等" if len(missing) > 5 else "")
            warnings.append(
                f"缺少第 {shown} 号数据包（本包接续第 {m.follows} 号）；本包仍按记录版本导入，"
                "引用缺失记录的记录将被拒收；请向发送单位索取缺少的数据包（或全量数据包），"
                "导入后再次导入本包"
            )
    return warnings


def open_inbound(
    paths: AppPaths, session: Session, path: Path, *, passphrase: str | None = None
) -> Inbound:
    """Open and check ``path`` (see the module docstring); the caller closes it."""
    pkg = open_package(path, work_dir=work_dir(paths), passphrase=passphrase)
    try:
        m = pkg.manifest
        site = this_site(session)
        sender = _check_sender(pkg, site, partner(session, m.sender.code))
        kind = PackageKind(m.kind)
        tables: list[TablePlan] = []
        warnings: list[str] = []
        allowed: frozenset[str] = frozenset()
        if kind == PackageKind.RECORDS:
            allowed = _allowed_origins(session, pkg, site)
            tables, warnings = _tables(pkg)
        already = find_import(session, pkg.digest)
        if already is None:
            warnings = sequence_warnings(session, m, kind) + warnings
        return Inbound(pkg, site, sender, kind, allowed, tables, warnings, already)
    except BaseException:
        pkg.close()
        raise
