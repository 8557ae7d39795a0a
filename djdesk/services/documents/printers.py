"""Sending a PDF to a printer from the command line, which must not import Qt.

The command line hands the bytes to a short-lived print process —
``python -m djdesk.ui.common.print_job`` — that prints through the same QPrinter path as the
application window (A4, copies, page range, the printer's calibration offset) and exits 0 when
the job was handed over, 3 when the printer is unavailable, 1 on any other refusal; its Chinese
message comes back on stderr. Qt so stays out of the command-line process (DESIGN.md rule 1)
and printing behaves the same from the window and from a script. On a machine without a display
the print process runs Qt's offscreen platform, which prints all the same.

A frozen (PyInstaller) build has no separate interpreter to start: there the program starts
itself with ``--print-job`` first, which its entry script (``packaging/djdesk_entry.py``) hands
to the same print module before the command line is parsed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from djdesk.documents.base.calibration import MARK_MM, build_calibration_page
from djdesk.errors import DjdeskError
from djdesk.services.documents.types import PrinterUnavailableError, PrintJob, SendToPrinter

__all__ = ["MARK_MM", "calibration_page", "print_process_sender"]

PRINT_MODULE = "djdesk.ui.common.print_job"
#: The first argument that makes a frozen djdesk program run the print module.
FROZEN_PRINT_FLAG = "--print-job"
EXIT_UNAVAILABLE = 3
TIMEOUT_S = 300


def print_command(
    pdf: Path, job: PrintJob, offset_mm: tuple[float, float] = (0.0, 0.0)
) -> list[str]:
    """The print process's command line."""
    if getattr(sys, "frozen", False):
        command = [sys.executable, FROZEN_PRINT_FLAG, "--printer", job.printer]
    else:
        command = [sys.executable, "-m", PRINT_MODULE, "--printer", job.printer]
    command += ["--copies", str(job.copies), "--title", job.title or pdf.stem]
    if job.page_range:
        command += ["--pages", job.page_range]
    if offset_mm != (0.0, 0.0):
        command += ["--offset-x", f"{offset_mm[0]:g}", "--offset-y", f"{offset_mm[1]:g}"]
    return [*command, str(pdf)]


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    headless = sys.platform.startswith("linux") and not (
        env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")
    )
    if headless:
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def print_process_sender(offsets_mm: dict[str, list[float]] | None = None) -> SendToPrinter:
    """A :data:`SendToPrinter` that runs the print process; ``offsets_mm`` by printer name."""

    def send(content: bytes, job: PrintJob) -> int:
        x, y = (offsets_mm or {}).get(job.printer, (0.0, 0.0))
        with tempfile.TemporaryDirectory(prefix="djdesk-print-") as folder:
            pdf = Path(folder) / "document.pdf"
            pdf.write_bytes(content)
            try:
                done = subprocess.run(
                    print_command(pdf, job, (float(x), float(y))),
                    capture_output=True,
                    text=True,
                    encoding="utf-8",
                    errors="replace",
                    env=_environment(),
                    timeout=TIMEOUT_S,
                    check=False,
                )
            except subprocess.TimeoutExpired as exc:
                raise DjdeskError(
                    f"打印机“{job.printer}”在 {TIMEOUT_S} 秒内没有接收打印任务，已放弃。"
                ) from exc
            except OSError as exc:
                raise DjdeskError(f"无法启动打印程序：{exc.strerror or exc}") from exc
        message = (done.stderr or "").strip().splitlines()
        reason = message[-1] if message else f"打印程序异常退出（代码 {done.returncode}）。"
        if done.returncode == EXIT_UNAVAILABLE:
            raise PrinterUnavailableError(reason)
        if done.returncode != 0:
            raise DjdeskError(reason)
        pages = [line for line in done.stdout.splitlines() if line.startswith("pages=")]
        return int(pages[-1].removeprefix("pages=")) if pages else 0

    return send


def calibration_page(printer: str, offset_mm: tuple[float, float]) -> bytes:
    """The calibration page for ``printer`` (crosses at :data:`MARK_MM` from the edges)."""
    return build_calibration_page(printer, offset_mm)
