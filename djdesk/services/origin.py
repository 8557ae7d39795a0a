"""This installation's site row and its origin code, as every area's services need them.

Kept apart from the site area (:mod:`djdesk.services.site`) so shared modules such as the
serial allocator can use them without depending on an area.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.db.models.site import Site
from djdesk.errors import SiteNotConfiguredError


def load_site(session: Session) -> Site | None:
    """The site row (``None`` before the first-run set-up)."""
    return session.scalar(select(Site).where(Site.id == 1, Site.deleted_at.is_(None)))


def site_origin(session: Session) -> str:
    """Origin code stamped on new travelling records: this site's code."""
    row = load_site(session)
    if row is None:
        raise SiteNotConfiguredError()
    return row.code
