"""``--printer`` in a frozen build: the program starts itself with ``--print-job``, and the
entry script hands that to the print module before the command line is parsed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from djdesk.services.documents import printers
from djdesk.services.documents.types import PrintJob

ENTRY = Path(__file__).resolve().parents[3] / "packaging" / "djdesk_entry.py"


def _entry() -> ModuleType:
    spec = importlib.util.spec_from_file_location("djdesk_entry_under_test", ENTRY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_print_command_runs_the_module_or_the_frozen_program(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    job = PrintJob("前台打印机", copies=2, title="回执")
    plain = printers.print_command(tmp_path / "a.pdf", job)
    assert plain[:3] == [sys.executable, "-m", printers.PRINT_MODULE]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    frozen = printers.print_command(tmp_path / "a.pdf", job)
    assert frozen[:2] == [sys.executable, printers.FROZEN_PRINT_FLAG]
    assert frozen[2:] == plain[3:]


def test_the_entry_script_hands_print_jobs_to_the_print_module(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entry = _entry()
    assert entry.PRINT_JOB_FLAG == printers.FROZEN_PRINT_FLAG
    seen: list[list[str]] = []
    import djdesk.ui.common.print_job as print_job

    monkeypatch.setattr(print_job, "main", lambda argv: seen.append(list(argv)) or 3)
    monkeypatch.setattr(sys, "argv", ["djdesk.exe", "--print-job", "--printer", "P", "x.pdf"])
    assert entry.run() == 3
    assert seen == [["--printer", "P", "x.pdf"]]
