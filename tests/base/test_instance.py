"""Single writer per data folder; a lock left by a killed process does not block the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from djdesk.errors import InstanceLockedError
from djdesk.instance import InstanceLock, instance_key


def test_second_lock_refused_with_message(tmp_path: Path) -> None:
    with InstanceLock(tmp_path):
        with pytest.raises(InstanceLockedError) as info:
            InstanceLock(tmp_path).acquire()
        assert str(tmp_path) in info.value.message
    InstanceLock(tmp_path).acquire().release()


@pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL")
def test_stale_lock_of_killed_process_is_recovered(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from djdesk.instance import InstanceLock; "
            f"lock = InstanceLock(Path({str(tmp_path)!r})).acquire(); "
            "print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with pytest.raises(InstanceLockedError):
        InstanceLock(tmp_path).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    assert (tmp_path / "djdesk.lock").exists()  # the file is left behind …
    InstanceLock(tmp_path).acquire().release()  # … but it no longer blocks


def test_instance_key_is_stable_per_folder(tmp_path: Path) -> None:
    assert instance_key(tmp_path) == instance_key(tmp_path / ".")
    assert instance_key(tmp_path) != instance_key(tmp_path / "other")
