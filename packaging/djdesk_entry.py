"""PyInstaller entry script: the frozen ``djdesk`` program starts here.

It does exactly what the ``djdesk`` console script and ``python -m djdesk`` do, so the frozen
build, an installed wheel and a source checkout share one code path. It lives outside the
package because PyInstaller runs its entry script as ``__main__`` and a module inside
``djdesk`` would then be imported twice.
"""

from __future__ import annotations

import multiprocessing
import sys


def run() -> int:
    # A frozen Windows program that ever starts a worker process must call this first.
    multiprocessing.freeze_support()
    from djdesk.__main__ import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
