"""The room lock that makes "check, then insert" one step no other writer can interleave with.

Every write that may add or re-activate a booking of a room (create, approve, series, import,
bump) first runs ``UPDATE room SET lock_version = lock_version + 1 WHERE id = :id`` as the
first statement of its transaction, then reads what it checks, then writes.

* SQLite: the UPDATE takes the database's single write lock; a second writer waits (busy
  timeout) until the first commits, and only then starts reading, so it sees the first
  writer's booking. Because it is the first statement, the transaction holds no read snapshot
  yet while it waits (a snapshot taken earlier could not be upgraded to a write).
* PostgreSQL: the UPDATE takes that room's row lock; a second writer of the same room blocks
  on it until the first commits, and under READ COMMITTED its following statements see the
  committed booking. Writers of different rooms do not wait for each other.

Several rooms (an import) are locked in ascending id order, so two writers cannot deadlock.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import update
from sqlalchemy.orm import Session

from djdesk.db.models.rooms import Room
from djdesk.errors import NotFoundError


def lock_rooms(session: Session, room_ids: Iterable[int]) -> None:
    """Lock the rooms (ascending id) for the rest of the caller's transaction."""
    for room_id in sorted(set(room_ids)):
        lock_room(session, room_id)


def lock_room(session: Session, room_id: int) -> None:
    """Lock one room for the rest of the caller's transaction; refuse an unknown room."""
    result = session.execute(
        update(Room)
        .where(Room.id == room_id, Room.deleted_at.is_(None))
        .values(lock_version=Room.lock_version + 1)
        .execution_options(synchronize_session=False)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        raise NotFoundError("找不到该场地。")
