"""Command line for street staff, IT and scripted checks (argparse; Qt is never imported here).

``djdesk`` with no command opens the application. Exit codes: 0 done, 1 refused because of the
input (the reason is printed in Chinese), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from djdesk import __version__
from djdesk.db.session import Database
from djdesk.db.startup import open_database
from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.logs import setup_logging
from djdesk.paths import AppPaths

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace, AppPaths], int]

# --- output helpers -------------------------------------------------------------------------


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _open(paths: AppPaths) -> Database:
    db = open_database(paths)
    setup_logging(paths.log_file, stderr=False)
    return db


# --- commands -------------------------------------------------------------------------------


def cmd_info(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.info import installation_info

    db = _open(paths)
    try:
        info = installation_info(paths, db)
    finally:
        db.dispose()
    if args.json:
        _print_json(info.as_json())
        return 0
    site = f"{info.site_name}（{info.site_level}，{info.site_code}）" if info.site_code else "未设置"
    print(f"djdesk {info.version}（Python {info.python}，{info.platform}）")
    print(f"数据文件夹：{info.data_dir}")
    print(f"数据库：{info.database_url}")
    print(f"数据结构版本：{info.schema_revision}（程序支持 {info.schema_head}）")
    print(f"SQLite 版本：{info.sqlite_version or '—'}")
    print(f"备份文件夹：{info.backup_dir}")
    print(f"日志文件：{info.log_file}")
    print(f"站点：{site}")
    print("记录数：")
    for count in info.record_counts:
        print(f"  {count.label}：{count.count}")
    return 0


def cmd_demo(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.demo import DemoOptions, fill_demo

    if args.members < 0:
        raise DjdeskError("--members 不能为负数。")
    db = _open(paths)
    try:
        summary = fill_demo(db, DemoOptions(members=args.members, seed=args.seed))
    finally:
        db.dispose()
    if args.json:
        _print_json(
            {"site": summary.site.code, "site_created": summary.site_created, **summary.created}
        )
        return 0
    verb = "已创建演示站点" if summary.site_created else "演示数据写入已设置的站点"
    print(f"{verb}：{summary.site.name}（{summary.site.code}）")
    for key, count in summary.created.items():
        print(f"  {key}：{count}")
    return 0


SITE_OPTIONS = {
    "level": "--level",
    "code": "--code",
    "name": "--name",
    "short_name": "--short-name",
    "street_code": "--street-code",
    "street_name": "--street",
    "district_code": "--district-code",
    "district_name": "--district",
    "address": "--address",
    "phone": "--phone",
    "party_org": "--party-org",
    "serial_prefix": "--serial-prefix",
}


def _site_as_dict(site: Any) -> dict[str, Any]:
    from djdesk.services.site import SiteInput

    return {f.name: getattr(site, f.name) for f in fields(SiteInput)}


def cmd_site_show(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.site import FIELD_LABELS, require_site

    db = _open(paths)
    try:
        site = require_site(db)
    finally:
        db.dispose()
    data = _site_as_dict(site)
    if args.json:
        _print_json(data)
        return 0
    for key, value in data.items():
        print(f"{FIELD_LABELS[key]}：{value or '—'}")
    return 0


def cmd_site_set(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.site import FIELD_LABELS, SiteInput, get_site, save_site

    db = _open(paths)
    try:
        current = get_site(db)
        base = current.as_input() if current else SiteInput()
        changes = {key: getattr(args, key) for key in SITE_OPTIONS if getattr(args, key) is not None}
        if current is None:
            missing = [SITE_OPTIONS[k] for k in ("level", "code", "name") if k not in changes]
            if missing:
                raise DjdeskError(f"首次设置站点时必须提供 {'、'.join(missing)}。")
        if "short_name" not in changes and "name" in changes and not base.short_name:
            changes["short_name"] = changes["name"][-6:]
        try:
            site = save_site(db, replace(base, **changes))
        except ValidationErrors as exc:
            lines = [f"  {SITE_OPTIONS[e.field]}（{FIELD_LABELS[e.field]}）：{e.reason}" for e in exc.errors]
            raise DjdeskError("站点信息未保存，以下字段有误：\n" + "\n".join(lines)) from exc
    finally:
        db.dispose()
    if args.json:
        _print_json(_site_as_dict(site))
    else:
        print(f"已保存站点：{site.name}（{site.level}，{site.code}）")
    return 0


def cmd_print(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.printing import print_site_sheet

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise DjdeskError(f"输出文件“{out}”必须以 .pdf 结尾。")
    db = _open(paths)
    try:
        printed = print_site_sheet(db, out)
    finally:
        db.dispose()
    if args.json:
        _print_json({"path": str(printed.path), "serial": printed.serial})
    else:
        print(f"已生成站点信息表（编号 {printed.serial}）：{printed.path}")
    return 0


# --- parser ---------------------------------------------------------------------------------


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix or "用法：")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS,
        help="数据文件夹（默认取环境变量 DJDESK_DATA_DIR，否则为本用户的应用数据文件夹）",
    )  # fmt: skip
    reporting = argparse.ArgumentParser(add_help=False)
    reporting.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    parser = argparse.ArgumentParser(
        prog="djdesk", parents=[common], formatter_class=ChineseHelpFormatter,
        description="社区党群服务中心前台工作台。不带命令时打开图形界面。",
    )  # fmt: skip
    parser.add_argument("--version", action="version", version=f"djdesk {__version__}")
    parser.add_argument(
        "--smoke-test", action="store_true", help="打开主窗口后立即退出（用于安装检查）"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")

    p = sub.add_parser("info", parents=[common, reporting], help="版本、路径、数据结构版本与记录数")
    p.set_defaults(handler=cmd_info)

    p = sub.add_parser("demo", parents=[common, reporting], help="填入演示数据")
    p.add_argument("--members", type=int, default=200, metavar="N", help="演示党员人数")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子（相同种子得到相同数据）")
    p.set_defaults(handler=cmd_demo)

    site = sub.add_parser("site", help="查看或设置本机站点信息")
    site_sub = site.add_subparsers(dest="site_command", metavar="操作", required=True)
    p = site_sub.add_parser("show", parents=[common, reporting], help="显示站点信息")
    p.set_defaults(handler=cmd_site_show)
    p = site_sub.add_parser("set", parents=[common, reporting], help="设置站点信息")
    p.add_argument("--level", choices=["社区", "街道", "区"], help="层级")
    for key, flag in SITE_OPTIONS.items():
        if key != "level":
            p.add_argument(flag, dest=key, metavar="TEXT")
    p.set_defaults(handler=cmd_site_set)

    prt = sub.add_parser("print", help="生成可打印的文书（PDF）")
    prt_sub = prt.add_subparsers(dest="kind", metavar="文书", required=True)
    p = prt_sub.add_parser("site-sheet", parents=[common, reporting], help="站点信息表")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    p.set_defaults(handler=cmd_print)
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
