"""Automatic audit entries: every flush of an audited model writes its before/after diff.

Models opt in with ``__audited__ = True``. The acting user comes from ``session.info["actor"]``
(set by :meth:`djdesk.db.session.Database.unit_of_work`); a write to an audited model without an
actor is a programming error and aborts the transaction. Rows are inserted on the flushing
connection, so they commit or roll back together with the write they describe.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.base import ACTOR_KEY, utc_now
from djdesk.db.models.accounts import AuditEntry
from djdesk.validation.masking import mask_field

#: Bookkeeping columns left out of diffs (the entry itself records time and identity), and
#: derived copies of another column: the reversed ID number and mobile would escape masking.
_SKIPPED = frozenset({"id", "uid", "version", "updated_at", "id_reversed", "mobile_reversed"})


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _shown(obj: Any, field: str, value: Any) -> Any:
    if value is None:
        return None
    if field in getattr(obj, "__audit_secret_fields__", ()):
        return "***"
    value = _plain(value)
    return mask_field(field, value) if isinstance(value, str) else value


def record_uid(obj: Any) -> str:
    """The record's ``uid``, or ``table:primary key`` for a record that has none.

    Read from the primary-key attributes: during ``after_flush`` a new row already has its id
    but not yet its identity key.
    """
    uid = getattr(obj, "uid", None)
    if uid:
        return str(uid)
    state = inspect(obj)
    parts = state.identity or state.mapper.primary_key_from_instance(obj)
    key = ",".join(str(p) for p in parts) if all(p is not None for p in parts) else "?"
    return f"{obj.__tablename__}:{key}"


def _diff(obj: Any, *, new: bool) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    # bulky columns a model names (a document's stored text) would swell every entry
    omitted = getattr(obj, "__audit_omitted_fields__", ())
    for attr in state.mapper.column_attrs:
        name = attr.key
        if name in _SKIPPED or name in omitted:
            continue
        if new:
            value = getattr(obj, name)
            if value not in (None, ""):
                changes[name] = [None, _shown(obj, name, value)]
            continue
        history = state.attrs[name].history
        if not history.has_changes():
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else None
        if before != after:
            changes[name] = [_shown(obj, name, before), _shown(obj, name, after)]
    return changes


def current_actor(session: Session) -> Actor | None:
    actor = session.info.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else None


def audit_row(
    actor: Actor,
    action: str,
    table: str = "",
    uid: str = "",
    *,
    changes: dict[str, Any] | None = None,
    summary: str = "",
) -> dict[str, Any]:
    return {
        "at": utc_now(),
        "username": actor.username,
        "action": action,
        "table_name": table,
        "record_uid": uid,
        "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True) if changes else "",
        "summary": summary[:200],
    }


@event.listens_for(Session, "after_flush")
def _write_audit_entries(session: Session, flush_context: Any) -> None:
    rows: list[dict[str, Any]] = []
    actor = current_actor(session)
    groups = (("create", session.new), ("update", session.dirty), ("purge", session.deleted))
    for action, objects in groups:
        for obj in objects:
            if not getattr(obj, "__audited__", False):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            changes = _diff(obj, new=action == "create")
            if action == "update" and not changes:
                continue
            if action == "update" and "deleted_at" in changes:
                action_name = "delete" if changes["deleted_at"][1] else "undelete"
            else:
                action_name = action
            if actor is None:
                raise RuntimeError(f"write to {obj.__tablename__} without an actor (no audit)")
            rows.append(
                audit_row(actor, action_name, obj.__tablename__, record_uid(obj), changes=changes)
            )
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def record_event(
    session: Session,
    action: str,
    *,
    table: str = "",
    uid: str = "",
    summary: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """An explicit audit entry (login, reveal, backup, restore, print …) in the caller's unit."""
    actor = current_actor(session)
    if actor is None:
        raise RuntimeError("audit event without an actor")
    session.connection().execute(
        insert(AuditEntry), [audit_row(actor, action, table, uid, changes=details, summary=summary)]
    )
