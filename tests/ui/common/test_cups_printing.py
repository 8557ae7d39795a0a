"""A real printer: receipts and agreements printed through QPrinter on a CUPS queue whose
backend (cups-pdf) writes each job as a PDF, which is then read back and rendered.

``.ci/run`` (through ``scripts/test.sh``) installs ``cups`` and ``printer-driver-cups-pdf``,
starts ``cupsd`` and creates the queue; elsewhere (Windows, a machine without CUPS) these tests
are skipped with the reason.
"""

from __future__ import annotations

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
from tests.helpers.cups import QUEUE, assert_not_blank, printed
from tests.services.agreements.conftest import FULL_UNIT, agreement_input
from tests.services.checkin.test_reports import build_small_data

pytestmark = pytest.mark.skipif(
    QUEUE is None,
    reason="no CUPS queue with the cups-pdf backend (or no pdftoppm): .ci/run sets one up on Linux",
)


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

    pdf = printed(act)
    assert _pages(pdf) == 1
    assert_not_blank(pdf, tmp_path)
    outputs = get_document(db, holder[0]).outputs
    assert [(o.kind, o.target) for o in outputs] == [(OutputKind.PRINTER, QUEUE)]
    pdf.unlink()


def test_an_agreement_through_cups(db: Database, site: SiteInfo, tmp_path: Path) -> None:
    assert QUEUE is not None
    unit = save_unit(db, FULL_UNIT, actor=Actor.system())
    agreement = create_agreement(db, agreement_input(unit.id), actor=Actor.system())
    send = qt_sender(Settings())
    pdf = printed(
        lambda: print_agreement(
            db, agreement.id, Destination.to_printer(QUEUE), actor=Actor.system(), send=send
        )
    )
    assert _pages(pdf) >= 3
    assert_not_blank(pdf, tmp_path)
    pdf.unlink()


def test_the_command_line_prints_through_the_print_process(
    db: Database, site: SiteInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert QUEUE is not None
    pdf = printed(lambda: run(["print", "contact-card", "--blank", "--printer", QUEUE]))
    out = capsys.readouterr().out
    assert f"已送打印机“{QUEUE}”（1 份）" in out
    assert _pages(pdf) == 1
    assert_not_blank(pdf, tmp_path)
    pdf.unlink()
    code = run(["print", "contact-card", "--blank", "--printer", "没有这台打印机"])
    err = capsys.readouterr().err
    assert code == 1 and "找不到打印机“没有这台打印机”" in err and QUEUE in err
