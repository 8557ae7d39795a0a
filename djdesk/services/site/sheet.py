"""The 站点信息表: this installation's identity and record counts on one numbered page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from djdesk import __version__
from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.documents.site.site_sheet import SiteSheet, build_site_sheet
from djdesk.services.overview import record_counts
from djdesk.services.printing import PrintedDocument, write_atomically
from djdesk.services.serials import allocate_serial
from djdesk.services.site.identity import require_site


def print_site_sheet(
    db: Database, out_path: Path, *, actor: Actor, on: date | None = None
) -> PrintedDocument:
    """The 站点信息表 as a PDF at ``out_path``; takes the next 站点信息表 serial number."""
    site = require_site(db)
    issued_on = on or date.today()
    counts = tuple((c.label, c.count) for c in record_counts(db))
    location = str(db.file) if db.file else db.display_url
    with db.unit_of_work(actor, what="打印文书") as session:
        serial = allocate_serial(session, "site-sheet", year=issued_on.year, subject=site.name)
        sheet = SiteSheet(
            level=site.level,
            code=site.code,
            name=site.name,
            short_name=site.short_name,
            street_code=site.street_code,
            street_name=site.street_name,
            district_code=site.district_code,
            district_name=site.district_name,
            address=site.address,
            phone=site.phone,
            party_org=site.party_org,
            serial_prefix=site.serial_prefix,
            serial=serial.text,
            issued_on=issued_on,
            record_counts=counts,
            program_version=__version__,
            data_location=location,
        )
        write_atomically(out_path, build_site_sheet(sheet))
    return PrintedDocument(path=out_path, serial=serial.text)
