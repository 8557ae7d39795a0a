"""Ordering names the way people count: 东风一, 东风二 … 东风十一 (see :mod:`djdesk.natural_order`).

Small registries (units, grids) are sorted in Python with :func:`by_name`. A big list ordered by
such a name in SQL (the member register by 工作单位 or 网格) uses :func:`natural_rank`: the
registry is read once and sorted in Python, and the query orders by each row's rank in that
order (a ``CASE`` on the id), so the database still does the paging.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, case, literal, select
from sqlalchemy.orm import Session

from djdesk.natural_order import natural_key

T = TypeVar("T")


def by_name(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """``items`` in the natural order of their names."""
    return sorted(items, key=lambda item: natural_key(name(item)))


def natural_rank(
    session: Session, id_column: Any, name_column: Any, *where: Any
) -> ColumnElement[int]:
    """A SQL expression giving each row its place in the natural order of the names.

    Rows whose id is not in the registry (no unit, no grid) come last.
    """
    rows = session.execute(select(id_column, name_column).where(*where)).all()
    ordered = by_name(rows, lambda row: str(row[1] or ""))
    if not ordered:
        return literal(0)
    ranks = {row[0]: rank for rank, row in enumerate(ordered)}
    return case(ranks, value=id_column, else_=len(ordered))
