"""Printing numbered documents: allocate the serial, build the PDF, write it, in one unit of work.

The serial is taken inside the same transaction that writes the file: if the PDF cannot be
built or written, the number is given back and no half-written file is left behind.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from djdesk import __version__
from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.documents.site.site_sheet import SiteSheet, build_site_sheet
from djdesk.errors import DjdeskError
from djdesk.services.overview import record_counts
from djdesk.services.serials import allocate_serial
from djdesk.services.site.identity import require_site


@dataclass(frozen=True)
class PrintedDocument:
    path: Path
    serial: str
    pages_hint: str = ""


def write_atomically(path: Path, content: bytes) -> None:
    """Write through a temporary file in the same folder, then rename over the target."""
    tmp = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(content)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DjdeskError(
            f"无法写入文件“{path}”：{exc.strerror or exc}。请检查文件夹权限或换一个位置。"
        ) from exc


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
