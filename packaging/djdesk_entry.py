"""PyInstaller entry script: the frozen ``djdesk`` program starts here.

It does exactly what the ``djdesk`` console script and ``python -m djdesk`` do, so the frozen
build, an installed wheel and a source checkout share one code path. It lives outside the
package because PyInstaller runs its entry script as ``__main__`` and a module inside
``djdesk`` would then be imported twice.
"""

from __future__ import annotations

import multiprocessing
import sys

#: Must equal ``djdesk.services.documents.printers.FROZEN_PRINT_FLAG``.
PRINT_JOB_FLAG = "--print-job"


def run() -> int:
    # A frozen Windows program that ever starts a worker process must call this first.
    multiprocessing.freeze_support()
    if sys.argv[1:2] == [PRINT_JOB_FLAG]:
        # ``djdesk print … --printer`` started this copy of the program to print (there is no
        # separate interpreter for ``python -m`` in a frozen build).
        from djdesk.ui.common.print_job import main as print_job

        return print_job(sys.argv[2:])
    from djdesk.__main__ import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
