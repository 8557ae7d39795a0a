"""A real printer: receipts and agreements printed through QPrinter on a CUPS queue whose
backend (cups-pdf) writes each job as a PDF, which is then read back and rendered.

``.ci/run`` (through ``scripts/test.sh``) installs ``cups`` and ``printer-driver-cups-pdf``,
starts ``cupsd`` and creates the queue; elsewhere (Windows, a machine without CUPS) these tests
are skipped with the reason.
"""

from __future__ import annotations

import getpass
import os
import pwd
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from djdesk.actor import Actor
from djdesk.cli import run
from djdesk.db.session import Database
from djdesk.services.agreements.printing import print_agreement
from djdesk.services.agreements.records import create_agreement
from djdesk.services.checkin.receipts import print_receipt
from djdesk.services.checkin.units import save_unit
from djdesk.services.documents import Destination, OutputKind, get_document
from djdesk.services.site.identity import SiteInfo
from djdesk.settings import Settings
from djdesk.ui.common.printing import qt_sender
from tests.services.agreements.conftest import FULL_UNIT, agreement_input
from tests.services.checkin.test_reports import build_small_data

WAIT_S = 90


def _pdf_queue() -> str | None:
    if shutil.which("lpstat") is None:
        return None
    done = subprocess.run(["lpstat", "-v"], capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        match = re.match(r"device for (\S+): cups-pdf:", line)
        if match:
            return match.group(1)
    return None


def _output_folder() -> Path:
    """Where cups-pdf writes this user's jobs (``Out`` in cups-pdf.conf, ``~/PDF`` by default)."""
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.is_file():
        for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip().startswith("Out "):
                out = line.split(None, 1)[1].strip()
    home = pwd.getpwuid(os.getuid()).pw_dir
    return Path(out.replace("${HOME}", home).replace("${USER}", getpass.getuser()))


QUEUE = _pdf_queue()
pytestmark = pytest.mark.skipif(
    QUEUE is None or shutil.which("pdftoppm") is None,
    reason="no CUPS queue with the cups-pdf backend (or no pdftoppm): .ci/run sets one up on Linux",
)


def _printed(action: Callable[[], object]) -> Path:
    """Run ``action`` and wait for the PDF cups-pdf writes for it."""
    folder = _output_folder()
    before = set(folder.glob("*.pdf")) if folder.is_dir() else set()
    action()
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        new = set(folder.glob("*.pdf")) - before if folder.is_dir() else set()
        # Ghostscript writes the file in place: it is done once it ends with %%EOF
        done = [p for p in new if b"%%EOF" in p.read_bytes()[-64:]]
        if done:
            return done[0]
        time.sleep(0.25)
    raise AssertionError(f"cups-pdf wrote nothing to {folder} within {WAIT_S} s")


def _assert_not_blank(pdf: Path, tmp_path: Path) -> None:
    prefix = tmp_path / pdf.stem
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True
    )
    image = next(tmp_path.glob(f"{pdf.stem}*.pgm")).read_bytes()
    header_end = image.index(b"255\n") + 4  # P5 width height 255
    pixels = image[header_end:]
    dark = sum(1 for value in pixels if value < 128)
    assert dark > len(pixels) * 0.005, f"page looks blank ({dark} dark pixels)"


def _pages(pdf: Path) -> int:
    return len(PdfReader(str(pdf)).pages)


def test_a_receipt_through_cups(db: Database, site: SiteInfo, tmp_path: Path) -> None:
    assert QUEUE is not None
    small = build_small_data(db)
    member = small.members["甲一"]
    send = qt_sender(Settings())
    holder: list[int] = []

    def act() -> None:
        printed = print_receipt(
            db, member, Destination.to_printer(QUEUE), actor=Actor.system(), send=send
        )
        holder.append(printed.document_id)

    pdf = _printed(act)
    assert _pages(pdf) == 1
    _assert_not_blank(pdf, tmp_path)
    outputs = get_document(db, holder[0]).outputs
    assert [(o.kind, o.target) for o in outputs] == [(OutputKind.PRINTER, QUEUE)]
    pdf.unlink()


def test_an_agreement_through_cups(db: Database, site: SiteInfo, tmp_path: Path) -> None:
    assert QUEUE is not None
    unit = save_unit(db, FULL_UNIT, actor=Actor.system())
    agreement = create_agreement(db, agreement_input(unit.id), actor=Actor.system())
    send = qt_sender(Settings())
    pdf = _printed(
        lambda: print_agreement(
            db, agreement.id, Destination.to_printer(QUEUE), actor=Actor.system(), send=send
        )
    )
    assert _pages(pdf) >= 3
    _assert_not_blank(pdf, tmp_path)
    pdf.unlink()


def test_the_command_line_prints_through_the_print_process(
    db: Database, site: SiteInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert QUEUE is not None
    pdf = _printed(lambda: run(["print", "contact-card", "--blank", "--printer", QUEUE]))
    out = capsys.readouterr().out
    assert f"已送打印机“{QUEUE}”（1 份）" in out
    assert _pages(pdf) == 1
    _assert_not_blank(pdf, tmp_path)
    pdf.unlink()
    code = run(["print", "contact-card", "--blank", "--printer", "没有这台打印机"])
    err = capsys.readouterr().err
    assert code == 1 and "找不到打印机“没有这台打印机”" in err and QUEUE in err
