"""The 站点信息表: this installation's identity and record counts on one numbered page.

Every print takes the next 站点信息表 number and is entered in the document register
(:mod:`djdesk.services.documents`), from which it can be reprinted (补打) as it was.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from djdesk import __version__
from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.documents.site.site_sheet import TITLE, SiteSheet, build_site_sheet
from djdesk.services.documents import (
    Destination,
    DocumentSpec,
    SendToPrinter,
    Subject,
    issue_document,
    marks_for,
    to_payload,
)
from djdesk.services.overview import record_counts
from djdesk.services.printing import PrintedDocument
from djdesk.services.serials import allocate_serial
from djdesk.services.site.identity import require_site


def print_site_sheet(
    db: Database,
    out_path: Path | Destination,
    *,
    actor: Actor,
    on: date | None = None,
    send: SendToPrinter | None = None,
) -> PrintedDocument:
    """The 站点信息表 as a PDF at ``out_path`` (or on a printer through ``send``); takes the next
    站点信息表 serial number."""
    site = require_site(db)
    issued_on = on or date.today()
    counts = tuple((c.label, c.count) for c in record_counts(db))
    location = str(db.file) if db.file else db.display_url
    destination = out_path if isinstance(out_path, Destination) else Destination.file(out_path)
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
        spec = DocumentSpec(
            kind="site-sheet",
            title=TITLE,
            serial=serial.text,
            subject=Subject("site", site.uid, site.name),
            payload=to_payload(sheet),
        )
        issued = issue_document(
            session,
            spec,
            lambda copy: build_site_sheet(sheet, marks=marks_for(copy)),
            destination,
            send=send,
        )
    return PrintedDocument(
        path=destination.path or Path(), serial=serial.text, document_id=issued.document.id
    )
