"""Per-printer calibration stored in settings, and batch printing with progress and 取消."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from djdesk.errors import DjdeskError
from djdesk.services.documents import (
    Destination,
    PrinterUnavailableError,
    PrintJob,
    RegisterQuery,
    SendToPrinter,
    register_page,
)
from djdesk.services.site.sheet import print_site_sheet
from djdesk.settings import load_settings
from djdesk.ui.common.batch_print import BatchItem, BatchResult, batch_work, run_batch_print
from djdesk.ui.common.calibration import CalibrationDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.tasks import TaskRunner
from tests.helpers.printers import PdfPrinters, pdf_printers

__all__ = ["pdf_printers"]
PRINTER = "前台PDF打印机"


def test_calibration_is_stored_per_printer(
    qtbot: QtBot, ctx: UiContext, pdf_printers: PdfPrinters
) -> None:
    dialog = CalibrationDialog(ctx, PRINTER)
    qtbot.addWidget(dialog)
    assert dialog.offset() == (0.0, 0.0)
    assert dialog.print_page() and len(pdf_printers.outputs) == 1
    # the cross was measured 31.5 mm from the left and 28 mm from the top: 1.5 mm too far
    # right, 2 mm too high
    dialog.measured_x.setValue(31.5)
    dialog.measured_y.setValue(28.0)
    dialog.apply_measurement()
    assert dialog.offset() == (-1.5, 2.0)
    dialog.save()
    assert ctx.settings.printer_offset(PRINTER) == (-1.5, 2.0)
    stored = load_settings(ctx.paths.settings_file)
    assert stored.printer_offsets_mm == {PRINTER: [-1.5, 2.0]}
    assert stored.printer_offset("另一台") == (0.0, 0.0)
    # the next calibration page is printed with the stored offset
    again = CalibrationDialog(ctx, PRINTER)
    qtbot.addWidget(again)
    assert again.offset() == (-1.5, 2.0)
    assert again.print_page() and pdf_printers.options[-1].offset_mm == (-1.5, 2.0)
    again.x_spin.setValue(0)
    again.y_spin.setValue(0)
    again.save()  # back to none: the printer's entry goes
    assert load_settings(ctx.paths.settings_file).printer_offsets_mm == {}


def test_bad_offsets_in_the_settings_file_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    offsets = {"好": [1, 2], "太远": [50, 0], "坏": "x", "": [1, 1], "短": [1]}
    path.write_text(json.dumps({"printer_offsets_mm": offsets}), "utf-8")
    assert load_settings(path).printer_offsets_mm == {"好": [1.0, 2.0]}


def _sheets(ctx: UiContext, count: int, *, failing: int | None = None) -> list[BatchItem]:
    def issue(index: int) -> object:
        def run(send: SendToPrinter) -> object:
            if index == failing:
                raise DjdeskError("站点信息不完整")
            return print_site_sheet(
                ctx.db, Destination.to_printer(PRINTER), actor=ctx.actor, send=send
            )

        return run

    return [BatchItem(f"站点信息表 {i + 1}", issue(i)) for i in range(count)]


def test_batch_prints_everything_and_skips_a_refusal(
    ctx: UiContext, pdf_printers: PdfPrinters
) -> None:
    results: list[BatchResult] = []
    run_batch_print(ctx, _sheets(ctx, 3, failing=1), on_done=results.append)
    result = results[0]
    assert result.printed == ("站点信息表 1", "站点信息表 3") and len(pdf_printers.outputs) == 2
    assert result.failed == (("站点信息表 2", "站点信息不完整"),)
    assert "共 3 份，已打印 2 份" in result.summary() and "站点信息不完整" in result.summary()
    assert register_page(ctx.db, RegisterQuery(kind="site-sheet")).total == 2
    assert ctx.tasks.progress_reports[-1] == (3, 3, "打印完成")  # type: ignore[attr-defined]


def test_batch_stops_when_cancelled_or_the_printer_is_gone(ctx: UiContext) -> None:
    sent: list[str] = []

    def send(content: bytes, job: PrintJob) -> int:
        sent.append(job.printer)
        return 1

    asked = iter([False, False, True])
    result = batch_work(_sheets(ctx, 5), send)(lambda *a: None, lambda: next(asked))
    assert result.cancelled and len(result.printed) == 2 and len(sent) == 2
    assert result.summary().endswith("已取消，其余 3 份未打印。")

    def offline(content: bytes, job: PrintJob) -> int:
        raise PrinterUnavailableError("打印机已脱机。")

    stopped = batch_work(_sheets(ctx, 4), offline)(lambda *a: None, lambda: False)
    assert stopped.printed == () and stopped.stopped == "打印机已脱机。"
    assert "其余 4 份未打印" in stopped.summary()


@pytest.fixture
def threaded_ctx(ctx: UiContext, qtbot: QtBot) -> Iterator[UiContext]:
    runner = TaskRunner(show_delay_ms=10)
    ctx.tasks = runner
    yield ctx
    runner.shutdown(10_000)


def test_batch_runs_in_the_background(
    qtbot: QtBot, threaded_ctx: UiContext, pdf_printers: PdfPrinters
) -> None:
    results: list[BatchResult] = []
    run_batch_print(threaded_ctx, _sheets(threaded_ctx, 3), on_done=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=60_000)
    assert len(results[0].printed) == 3 and all(p.stat().st_size > 0 for p in pdf_printers.outputs)
