"""How the register rebuilds the site area's documents for a 补打 (see
:mod:`djdesk.services.documents.reprint`): the 站点信息表 as it was first printed."""

from __future__ import annotations

from djdesk.documents.base.marks import PageMarks
from djdesk.documents.site.site_sheet import SiteSheet, build_site_sheet
from djdesk.services.documents.payload import from_payload
from djdesk.services.documents.reprint import Reproducer
from djdesk.services.documents.types import DocumentFormat


def rebuild_site_sheet(
    payload: str, file_format: DocumentFormat, marks: PageMarks, invariant: bool
) -> bytes:
    return build_site_sheet(from_payload(SiteSheet, payload), invariant=invariant, marks=marks)


REPRINTS: dict[str, Reproducer] = {"site-sheet": rebuild_site_sheet}
