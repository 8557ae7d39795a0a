"""The CUPS queue whose cups-pdf backend writes each job as a PDF (a real printer in the tests).

``.ci/run`` (through ``scripts/_setup.sh``) installs ``cups`` and ``printer-driver-cups-pdf``,
starts ``cupsd`` and creates the queue ``djdesk-pdf``; :data:`QUEUE` is its name, or ``None``
where there is no such queue (Windows, a machine without CUPS) — tests then skip, or print to
a PDF file printer instead. :func:`printed` runs an action and waits for the PDF it produced.
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

WAIT_S = 90


def pdf_queue() -> str | None:
    if shutil.which("lpstat") is None:
        return None
    done = subprocess.run(["lpstat", "-v"], capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        match = re.match(r"device for (\S+): cups-pdf:", line)
        if match:
            return match.group(1)
    return None


def output_folder() -> Path:
    """Where cups-pdf writes this user's jobs (``Out`` in cups-pdf.conf, ``~/PDF`` by default)."""
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.is_file():
        for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip().startswith("Out "):
                out = line.split(None, 1)[1].strip()
    home = pwd.getpwuid(os.getuid()).pw_dir
    return Path(out.replace("${HOME}", home).replace("${USER}", getpass.getuser()))


QUEUE = pdf_queue() if shutil.which("pdftoppm") is not None else None


def printed(action: Callable[[], object]) -> Path:
    """Run ``action`` and wait for the PDF cups-pdf writes for it."""
    folder = output_folder()
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


def assert_not_blank(pdf: Path, tmp_path: Path) -> None:
    """The first page, rendered, has ink on it."""
    prefix = tmp_path / pdf.stem
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True
    )
    image = next(tmp_path.glob(f"{pdf.stem}*.pgm")).read_bytes()
    header_end = image.index(b"255\n") + 4  # P5 width height 255
    pixels = image[header_end:]
    dark = sum(1 for value in pixels if value < 128)
    assert dark > len(pixels) * 0.005, f"page looks blank ({dark} dark pixels)"
