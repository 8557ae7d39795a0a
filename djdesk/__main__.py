"""Entry point for ``python -m djdesk`` and the ``djdesk`` console script.

With no sub-command the Qt application opens; every sub-command runs the CLI without importing Qt.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from djdesk.cli import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
