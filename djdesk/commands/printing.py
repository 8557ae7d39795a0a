"""Where a ``djdesk print`` kind sends its document: a file (``--out``) or a printer
(``--printer NAME [--copies N]``), and the reason a reprint needs (``--reason``).

Every print kind of every area takes these options through :func:`add_output_options` and turns
them into a :class:`~djdesk.services.documents.Destination` with :func:`destination`. Printing
runs in a separate print process (:mod:`djdesk.services.documents.printers`), so this command
line never loads Qt; the printer's calibration offset comes from ``settings.json``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from djdesk.commands.argparse_zh import integer
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths
from djdesk.services.documents import Destination, SendToPrinter
from djdesk.services.documents.printers import print_process_sender
from djdesk.settings import load_settings

MAX_COPIES = 99


def add_output_options(
    parser: argparse.ArgumentParser,
    *,
    out_metavar: str = "FILE.pdf",
    out_help: str = "输出的 PDF 文件",
    reason: bool = True,
) -> None:
    """``--out`` or ``--printer`` (one of them), ``--copies`` and, for numbered documents,
    ``--reason``."""
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar=out_metavar, help=out_help)
    where.add_argument(
        "--printer", metavar="NAME", help="不生成文件，直接送到这台打印机（系统中的打印机名称）"
    )
    parser.add_argument(
        "--copies",
        type=integer,
        default=1,
        metavar="N",
        help=f"打印份数，1–{MAX_COPIES}（与 --printer 一起使用，默认 1 份）",
    )
    if reason:
        parser.add_argument(
            "--reason",
            metavar="TEXT",
            default="",
            help="补打原因：再次打印已出具过的编号文书时必须填写，页面上会标明“补打”",
        )


def destination(args: argparse.Namespace, suffixes: Sequence[str] = (".pdf",)) -> Destination:
    """The destination the options name; a wrong suffix or stray ``--copies`` is refused.

    Options a caller's namespace lacks take their defaults (handlers are called directly too).
    """
    printer, copies = getattr(args, "printer", None), getattr(args, "copies", 1)
    if printer:
        if not 1 <= copies <= MAX_COPIES:
            raise DjdeskError(f"--copies 应为 1–{MAX_COPIES} 份。")
        return Destination.to_printer(printer.strip(), copies)
    if copies != 1:
        raise DjdeskError("--copies 只能与 --printer 一起使用；保存文件时不需要份数。")
    out = Path(args.out)
    if out.suffix.lower() not in suffixes:
        raise DjdeskError(f"输出文件“{out}”必须以 {' 或 '.join(suffixes)} 结尾。")
    return Destination.file(out)


def reason_of(args: argparse.Namespace) -> str:
    return str(getattr(args, "reason", "") or "")


def printer_sender(paths: AppPaths) -> SendToPrinter:
    """Sends to a printer through the print process, with the printers' calibration offsets."""
    return print_process_sender(load_settings(paths.settings_file).printer_offsets_mm)


def sender_for(dest: Destination, paths: AppPaths) -> SendToPrinter | None:
    return printer_sender(paths) if dest.printer else None


def where_it_went(dest: Destination) -> str:
    """e.g. ``已送打印机“前台激光”（2 份）`` or the file's path, for the closing line."""
    if dest.printer:
        return f"已送打印机“{dest.printer}”（{dest.copies} 份）"
    return f"已保存：{dest.path}"
