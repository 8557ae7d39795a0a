"""即将到期: renewing all and printing the renewals in a batch (progress, cancel, a printer
that is not there), and the 党群连心卡, blank and filled."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pytestqt.qtbot import QtBot

from djdesk.services.agreements.records import create_agreement, get_agreement, list_agreements
from djdesk.services.agreements.types import AgreementStatus
from djdesk.services.checkin.units import UnitInfo, save_unit
from djdesk.services.documents import OutputKind, get_document, register_page
from djdesk.ui.agreements.agreements_page import AgreementsPage
from djdesk.ui.agreements.batch_dialog import BatchPrintDialog
from djdesk.ui.agreements.contact_card_dialog import ContactCardDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.tasks import SynchronousTaskRunner
from tests.helpers.pdf_text import flat_text
from tests.helpers.printers import PdfPrinters
from tests.services.agreements.conftest import FULL_UNIT, agreement_input
from tests.ui.agreements.conftest import BARE_UNIT, expiring_signed


def two_expiring(ctx: UiContext, unit: UnitInfo) -> list[int]:
    other = save_unit(
        ctx.db,
        replace(FULL_UNIT, name="翠屏区税务局"),
        actor=ctx.actor,
    )
    return [expiring_signed(ctx, unit.id, 5).id, expiring_signed(ctx, other.id, 25).id]


def test_renew_all_then_print_the_renewals_in_a_batch(
    qtbot: QtBot,
    ctx: UiContext,
    unit: UnitInfo,
    page: AgreementsPage,
    pdf_printers: PdfPrinters,
    qtmodeltester: Any,
) -> None:
    ids = two_expiring(ctx, unit)
    page.refresh()
    panel = page.expiring
    assert [r.id for r in panel.model.records()] == ids
    assert panel.model.index(0, 5).data() == "未续签"
    assert panel.renew_all_button.isEnabled() and not panel.batch_button.isEnabled()
    panel.renew_all()
    assert panel.status.text() == "已生成 2 份续签草稿。"
    assert [r.renewal is not None for r in panel.model.records()] == [True, True]
    assert panel.model.index(0, 5).data() == "续签草稿待打印"
    qtmodeltester.check(panel.model)
    assert panel.batch_button.text() == "批量打印续签稿（2 份）…"
    assert not panel.renew_all_button.isEnabled()

    dialog = panel.batch_print()
    assert isinstance(dialog, BatchPrintDialog)
    assert dialog.printer() == "前台PDF打印机" and dialog.copies_check.isChecked()
    dialog.accept()
    tasks = ctx.tasks
    assert isinstance(tasks, SynchronousTaskRunner) and tasks.titles[-1] == "批量打印续签稿"
    assert [r[2] for r in tasks.progress_reports][-1] == "打印完成"
    result = panel.last_batch
    assert result is not None and len(result.printed) == 2 and not result.failed
    assert panel.status.text() == result.summary()
    # each renewal was numbered, frozen and printed as many times as it has copies
    assert [o.copies for o in pdf_printers.options] == [3, 3]
    renewals = [r.renewal for r in panel.model.records()]
    assert all(r is not None and r.issued for r in renewals)
    assert panel.model.index(0, 5).data().startswith("续签稿已打印")
    for renewal in renewals:
        assert renewal is not None and renewal.issued_document_id is not None
        outputs = get_document(ctx.db, renewal.issued_document_id).outputs
        assert [(o.kind, o.target, o.copies) for o in outputs] == [
            (OutputKind.PRINTER, "前台PDF打印机", 3)
        ]
    assert not panel.batch_button.isEnabled()


def test_a_cancelled_batch_prints_nothing_more(
    qtbot: QtBot, ctx: UiContext, unit: UnitInfo, pdf_printers: PdfPrinters
) -> None:
    two_expiring(ctx, unit)
    ctx.tasks = SynchronousTaskRunner(cancel_requested=True)
    page = AgreementsPage(ctx)
    qtbot.addWidget(page)
    page.expiring.renew_all()
    dialog = page.expiring.batch_print()
    assert dialog is not None
    dialog.accept()
    result = page.expiring.last_batch
    assert result is not None and result.cancelled and not result.printed
    assert "已取消，其余 2 份未打印" in page.expiring.status.text()
    assert pdf_printers.outputs == []
    drafts = [a for a in list_agreements(ctx.db) if a.renewed_from_id]
    assert all(not d.issued for d in drafts)  # nothing numbered, nothing registered


def test_a_unit_lacking_data_is_skipped_and_named(
    ctx: UiContext, unit: UnitInfo, page: AgreementsPage
) -> None:
    signed = expiring_signed(ctx, unit.id, 7)
    # the unit loses its Party details after signing: its renewal cannot be drafted
    from djdesk.services.checkin.units import get_unit

    info = get_unit(ctx.db, unit.id)
    save_unit(
        ctx.db,
        replace(BARE_UNIT, name=info.name),
        actor=ctx.actor,
        unit_id=unit.id,
    )
    page.refresh()
    page.expiring.renew_all()
    text = page.expiring.status.text()
    assert "已生成 0 份续签草稿" in text and "宜宾市翠屏区人民医院（" in text and "缺少" in text
    assert get_agreement(ctx.db, signed.id).status == AgreementStatus.SIGNED


def test_a_missing_printer_stops_the_batch(
    ctx: UiContext, unit: UnitInfo, page: AgreementsPage, pdf_printers: PdfPrinters
) -> None:
    two_expiring(ctx, unit)
    page.refresh()
    page.expiring.renew_all()
    dialog = page.expiring.batch_print()
    assert dialog is not None
    pdf_printers.names.clear()  # the printer went away after it was chosen
    dialog.accept()
    result = page.expiring.last_batch
    assert result is not None and result.stopped and not result.printed
    assert "找不到打印机" in page.expiring.status.text()
    assert all(not a.issued for a in list_agreements(ctx.db) if a.renewed_from_id)


def test_blank_and_filled_contact_cards(
    qtbot: QtBot, ctx: UiContext, unit: UnitInfo, page: AgreementsPage
) -> None:
    dialog = page.print_card()
    assert isinstance(dialog, ContactCardDialog)
    assert dialog.blank_radio.isChecked() and not dialog.grid.is_row_visible("unit_id")
    assert list(dialog.answers) == [
        "问题调查",
        "工作建议",
        "党建资源",
        "服务需求",
        "共建项目",
        "志愿服务",
        "办理反馈",
    ]
    dialog.accept()
    preview = dialog.preview
    assert preview is not None and preview.page_count() == 1
    assert "空白党群连心卡" in preview.message.text()
    preview.close()

    draft = create_agreement(ctx.db, agreement_input(unit.id), actor=ctx.actor)
    page.refresh()
    page.select(draft.id)
    dialog = page.print_card()  # the selected agreement's unit is offered
    assert dialog.filled_radio.isChecked() and dialog.unit_picker.unit_id() == unit.id
    dialog.answers["服务需求"].setText("希望社区协调停车位")
    dialog.accept()
    preview = dialog.preview
    assert preview is not None
    text = flat_text(preview.path.read_bytes())
    assert "宜宾市翠屏区人民医院" in text and "希望社区协调停车位" in text
    kinds = [d.kind for d in register_page(ctx.db).rows]
    assert kinds == ["contact-card", "contact-card"]
    preview.close()
