"""``djdesk site show|set`` and ``djdesk print site-sheet``."""

from __future__ import annotations

import argparse
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from djdesk.actor import Actor
from djdesk.commands.common import Parents, database, print_json
from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.paths import AppPaths

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
    from djdesk.services.site.identity import SiteInput

    return {f.name: getattr(site, f.name) for f in fields(SiteInput)}


def cmd_site_show(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.site.identity import FIELD_LABELS, require_site

    with database(paths) as db:
        site = require_site(db)
    data = _site_as_dict(site)
    if args.json:
        print_json(data)
        return 0
    for key, value in data.items():
        print(f"{FIELD_LABELS[key]}：{value or '—'}")
    return 0


def cmd_site_set(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.site.identity import FIELD_LABELS, SiteInput, get_site, save_site

    with database(paths, write=True) as db:
        current = get_site(db)
        base = current.as_input() if current else SiteInput()
        changes = {
            key: getattr(args, key) for key in SITE_OPTIONS if getattr(args, key) is not None
        }
        if current is None:
            missing = [SITE_OPTIONS[k] for k in ("level", "code", "name") if k not in changes]
            if missing:
                raise DjdeskError(f"首次设置站点时必须提供 {'、'.join(missing)}。")
        if "short_name" not in changes and "name" in changes and not base.short_name:
            changes["short_name"] = changes["name"][-6:]
        try:
            site = save_site(db, replace(base, **changes), actor=Actor.system())
        except ValidationErrors as exc:
            lines = [
                f"  {SITE_OPTIONS[e.field]}（{FIELD_LABELS[e.field]}）：{e.reason}"
                for e in exc.errors
            ]
            raise DjdeskError("站点信息未保存，以下字段有误：\n" + "\n".join(lines)) from exc
    if args.json:
        print_json(_site_as_dict(site))
    else:
        print(f"已保存站点：{site.name}（{site.level}，{site.code}）")
    return 0


def cmd_print_site_sheet(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.site.sheet import print_site_sheet

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise DjdeskError(f"输出文件“{out}”必须以 .pdf 结尾。")
    with database(paths, write=True) as db:
        printed = print_site_sheet(db, out, actor=Actor.system())
    if args.json:
        print_json({"path": str(printed.path), "serial": printed.serial})
    else:
        print(f"已生成站点信息表（编号 {printed.serial}）：{printed.path}")
    return 0


def register(sub: Any, parents: Parents) -> None:
    both = [parents.common, parents.reporting]
    site = sub.add_parser("site", help="查看或设置本机站点信息")
    site_sub = site.add_subparsers(dest="site_command", metavar="操作", required=True)
    p = site_sub.add_parser("show", parents=both, help="显示站点信息")
    p.set_defaults(handler=cmd_site_show)
    p = site_sub.add_parser("set", parents=both, help="设置站点信息")
    p.add_argument("--level", choices=["社区", "街道", "区"], help="层级")
    for key, flag in SITE_OPTIONS.items():
        if key != "level":
            p.add_argument(flag, dest=key, metavar="TEXT")
    p.set_defaults(handler=cmd_site_set)

    prt = sub.add_parser("print", help="生成可打印的文书（PDF）")
    prt_sub = prt.add_subparsers(dest="kind", metavar="文书", required=True)
    p = prt_sub.add_parser("site-sheet", parents=both, help="站点信息表")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    p.set_defaults(handler=cmd_print_site_sheet)

    from djdesk.commands.reports import register_print

    register_print(prt_sub, parents)
