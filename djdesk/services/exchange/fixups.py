"""Local bookkeeping recomputed after records arrive: pointers that never travel.

``member.latest_checkin_id`` points at a member's newest check-in by local row number, so it
does not travel (see :mod:`.tables`); after an import it is set again for every member whose
check-ins came in: the newest live check-in by date, then by arrival. A fixup names the table
and column whose written values it needs (here the check-ins' ``member_id``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from djdesk.db.models.checkin import CheckIn, Member


@dataclass(frozen=True)
class Fixup:
    table: str
    column: str
    run: Callable[[Session, Iterable[int]], None]


def _latest_checkins(session: Session, member_ids: Iterable[int]) -> None:
    members = Member.metadata.tables["member"]
    newest = (
        select(CheckIn.id)
        .where(CheckIn.member_id == members.c.id, CheckIn.deleted_at.is_(None))
        .order_by(CheckIn.checked_in_on.desc(), CheckIn.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    ids = sorted(set(member_ids))
    for start in range(0, len(ids), 20_000):  # one statement per 20,000 members
        chunk = ids[start : start + 20_000]
        session.execute(
            update(members).where(members.c.id.in_(chunk)).values(latest_checkin_id=newest)
        )


FIXUPS = (Fixup("checkin", "member_id", _latest_checkins),)
