"""Applying a downward package: each published version of reference data, if newer.

Every entry is handed to its kind (:mod:`.reference_kinds`), which installs it through the
owning area only when it is newer than the version this site uses (未变 otherwise) and refuses
it with the reason when its own checks fail (拒收, listed in the report, the other entries
still apply). A kind this program does not know (published by a newer djdesk) is refused the
same way.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from djdesk.progress import CancelledFn, check_cancelled
from djdesk.services.exchange.inbound import Inbound
from djdesk.services.exchange.reference_kinds import kind_named
from djdesk.services.exchange.types import Conflict, RecordOutcome, TableCounts


def apply_reference(
    session: Session, inbound: Inbound, *, cancelled: CancelledFn | None = None
) -> tuple[tuple[TableCounts, ...], tuple[Conflict, ...], tuple[str, ...]]:
    """(counts per kind, refused entries, what was installed) of the package's entries."""
    m = inbound.manifest
    source = f"{m.sender.name}下发的数据包第 {m.sequence} 号"
    counts: dict[str, dict[str, int]] = {}
    labels: dict[str, str] = {}
    conflicts: list[Conflict] = []
    notes: list[str] = []
    for entry in m.reference:
        check_cancelled(cancelled)
        kind = kind_named(entry.kind)
        label = kind.label if kind is not None else entry.kind
        labels[entry.kind] = label
        tally = counts.setdefault(
            entry.kind, {"new": 0, "updated": 0, "unchanged": 0, "refused": 0}
        )
        data = inbound.package.read_member(entry.file)
        if kind is None:
            outcome, detail = (
                RecordOutcome.REFUSED,
                f"本程序不认识参考数据类别“{entry.kind}”，请升级 djdesk",
            )
        else:
            applied = kind.apply(session, data, entry.version, inbound.site.code, source)
            outcome, detail = applied.outcome, applied.detail
        if outcome == RecordOutcome.REFUSED:
            tally["refused"] += 1
            conflicts.append(
                Conflict(entry.kind, label, entry.file, m.sender.code, entry.version, detail)
            )
        elif outcome == RecordOutcome.NEW:
            tally["new"] += 1
            notes.append(f"{label}：{detail}")
        else:
            tally["unchanged"] += 1
    tables = tuple(TableCounts(key, labels[key], **values) for key, values in counts.items())
    return tables, tuple(conflicts), tuple(notes)
