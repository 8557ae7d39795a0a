"""Command line for street staff, IT and scripted checks (argparse; Qt is never imported here).

``djdesk`` with no command opens the application. Exit codes: 0 done, 1 refused because of the
input (the reason is printed in Chinese), 2 usage error. Each area's sub-commands live in
``djdesk.commands.<area>``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from djdesk import __version__
from djdesk.commands import accounts as safety
from djdesk.commands import checkin as members
from djdesk.commands import general, reports, site
from djdesk.commands.common import Handler, make_parents
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths

AREAS = (general, site, members, reports, safety)


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix or "用法：")


def build_parser() -> argparse.ArgumentParser:
    parents = make_parents()
    parser = argparse.ArgumentParser(
        prog="djdesk",
        parents=[parents.common],
        formatter_class=ChineseHelpFormatter,
        description="社区党群服务中心前台工作台。不带命令时打开图形界面。",
    )
    parser.add_argument("--version", action="version", version=f"djdesk {__version__}")
    parser.add_argument(
        "--smoke-test", action="store_true", help="打开主窗口后立即退出（用于安装检查）"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for area in AREAS:
        area.register(sub, parents)
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
