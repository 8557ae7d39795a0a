"""The PySide6 ``None`` reference-count defect and its work-around (see djdesk.ui.qt_compat)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from djdesk.ui import qt_compat

PROBE = textwrap.dedent(
    """
    import os
    import sys
    {setup}
    from PySide6.QtCore import QObject
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range({calls}):
        obj.setObjectName("x")  # returns void
    print(sys.getrefcount(None) - before, flush=True)
    os._exit(0)  # the probe has just broken None; skip interpreter shutdown
    """
)


def run_probe(setup: str, calls: int = 1000) -> int:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(setup=setup, calls=calls)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return int(result.stdout.strip().splitlines()[-1])


def test_work_around_is_applied_where_needed() -> None:
    import djdesk.ui  # noqa: F401  (applies it)

    assert qt_compat._applied is qt_compat.needs_none_ballast()
    if qt_compat.needs_none_ballast():
        assert sys.getrefcount(None) > qt_compat._NONE_BALLAST // 2


@pytest.mark.skipif(not qt_compat.needs_none_ballast(), reason="None is immortal on 3.12+")
def test_pyside_still_drops_none_references() -> None:
    """When this fails, the pinned PySide6 is fixed and qt_compat.keep_none_alive can go."""
    assert run_probe("") <= -900


def test_work_around_keeps_none_alive_in_a_fresh_process() -> None:
    # Far more void calls than None has references in a fresh interpreter (a few thousand):
    # without the work-around on 3.11 this process aborts with "none_dealloc".
    assert run_probe("import djdesk.ui", calls=200_000) <= 0
