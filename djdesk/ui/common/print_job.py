"""The print process the command line starts: ``python -m djdesk.ui.common.print_job``.

It prints one PDF file on a named printer through :mod:`djdesk.ui.common.printing` — the same
path as the window — and exits 0 after printing ``pages=N`` on stdout, 3 when the printer is
unavailable, 1 on any other refusal, with the Chinese reason on stderr. The command line keeps
Qt out of its own process this way (see :mod:`djdesk.services.documents.printers`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from djdesk.errors import DjdeskError
from djdesk.services.documents import PrinterUnavailableError
from djdesk.services.documents.printers import EXIT_UNAVAILABLE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="djdesk-print-job", add_help=False)
    parser.add_argument("--printer", required=True)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--title", default="djdesk")
    parser.add_argument("--pages", default="")
    parser.add_argument("--offset-x", type=float, default=0.0)
    parser.add_argument("--offset-y", type=float, default=0.0)
    parser.add_argument("file")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from djdesk.ui.common.printing import PrintOptions, print_pdf_bytes

    app = QApplication.instance() or QApplication(["djdesk-print-job"])
    try:
        content = Path(args.file).read_bytes()
        pages = print_pdf_bytes(
            content,
            PrintOptions(
                printer=args.printer,
                copies=args.copies,
                page_range=args.pages,
                offset_mm=(args.offset_x, args.offset_y),
                title=args.title,
            ),
        )
    except PrinterUnavailableError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_UNAVAILABLE
    except DjdeskError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"无法读取要打印的文件：{exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        del app
    print(f"pages={pages}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
