"""The fuzz harness counts what it must: a traceback, a hang, a crash and the memory cap are
each recorded against their case, and the cases after them still run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.fuzz_harness import REPORT_ENV, run_cases


def test_harness_counts_every_kind_of_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(REPORT_ENV, raising=False)  # not a suite whose figures are reported
    modes = ["accept", "raise", "accept", "hang", "refuse", "crash", "memory", "wrong", "accept"]
    cases = [{"id": f"{mode}-{i}", "mode": mode} for i, mode in enumerate(modes)]
    tally = run_cases("selftest", tmp_path, cases, tmp_path, timeout=3.0, memory_mb=1024)
    assert tally.figures() == {
        "suite": "selftest",
        "run": 9,
        "refused": 1,
        "accepted": 4,  # the three plain ones and the wrong one
        "tracebacks": 3,  # KeyError, the crash, MemoryError
        "hangs": 1,
        "changed_on_refusal": 0,
        "wrong_acceptance": 1,
    }
    assert any("KeyError" in p for p in tally.problems)
    assert any("MemoryError" in p for p in tally.problems)
