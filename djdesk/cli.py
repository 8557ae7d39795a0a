"""Command line for street staff, IT and scripted checks (argparse; Qt is never imported here).

``djdesk`` with no command opens the application. Exit codes: 0 done, 1 refused because of the
input (the reason is printed in Chinese), 2 usage error (argparse's message, in Chinese too:
see :mod:`djdesk.commands.argparse_zh`). Each area's sub-commands live in
``djdesk.commands.<area>`` and are found by :mod:`djdesk.commands.registry`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from djdesk import __version__
from djdesk.commands.argparse_zh import VERSION_HELP, ChineseArgumentParser
from djdesk.commands.common import Handler, make_parents
from djdesk.commands.registry import register_all
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths


def build_parser() -> argparse.ArgumentParser:
    parents = make_parents()
    parser = ChineseArgumentParser(
        prog="djdesk",
        parents=[parents.common],
        description="社区党群服务中心前台工作台。不带命令时打开图形界面。",
    )
    parser.add_argument(
        "--version", action="version", version=f"djdesk {__version__}", help=VERSION_HELP
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="打开主窗口后自动关闭并退出，通过时打印一行“自检通过”（用于安装检查，可无显示器）",
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")
    register_all(sub, parents)
    return parser


def run(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    try:
        paths = AppPaths.resolve(getattr(args, "data_dir", None))
        handler: Handler | None = getattr(args, "handler", None)
        if handler is None:
            from djdesk.app import run_gui

            return run_gui(str(paths.data_dir), smoke_test=args.smoke_test)
        return handler(args, paths)
    except DjdeskError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 1
