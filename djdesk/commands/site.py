"""The site area's commands: ``djdesk info``, ``djdesk site show|set``, ``print site-sheet``.

``info`` only reads: on a data folder that does not exist yet it says so and creates nothing.
"""

from __future__ import annotations

import argparse
from dataclasses import fields, replace
from typing import Any

from djdesk.actor import Actor
from djdesk.commands.common import Parents, database, print_json
from djdesk.commands.printing import add_output_options, destination, sender_for, where_it_went
from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.paths import AppPaths
from djdesk.validation.region_code import LEVELS

ORDER = 10

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

#: ``site set`` options: metavar and help text (the field's label and what it expects).
SITE_OPTION_HELP = {
    "level": ("LEVEL", "层级：社区、街道或区（首次设置时必填）"),
    "code": ("CODE", "统计用区划代码：社区 12 位、街道 9 位、区 6 位（首次设置时必填）"),
    "name": ("TEXT", "全称，如“宜宾市翠屏区东城街道东风社区”（首次设置时必填）"),
    "short_name": ("TEXT", "简称（2–20 个字；不填时取全称的末 6 个字）"),
    "street_code": ("CODE", "所属街道代码（9 位；层级为社区时必填）"),
    "street_name": ("TEXT", "所属街道名称（层级为社区时必填）"),
    "district_code": ("CODE", "所属区代码（6 位；不填时取本级代码的前 6 位）"),
    "district_name": ("TEXT", "所属区名称（层级为社区或街道时必填）"),
    "address": ("TEXT", "地址"),
    "phone": ("PHONE", "联系电话（固定电话或手机号码）"),
    "party_org": ("TEXT", "党组织全称"),
    "serial_prefix": ("TEXT", "文书编号前缀（不填时用简称）"),
}


def _site_as_dict(site: Any) -> dict[str, Any]:
    from djdesk.services.site.identity import SiteInput

    return {f.name: getattr(site, f.name) for f in fields(SiteInput)}


def cmd_info(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.site.info import DatabaseState, installation_info

    info = installation_info(paths)
    if args.json:
        print_json(info.as_json())
        return 0
    state = info.database_state
    site = (
        f"{info.site_name}（{info.site_level}，{info.site_code}）" if info.site_code else "未设置"
    )
    print(f"djdesk {info.version}（Python {info.python}，{info.platform}）")
    print(f"数据文件夹：{info.data_dir}" + ("" if info.data_dir_exists else "（尚未创建）"))
    print(f"数据库：{info.database_url}（{state}）")
    if state in (DatabaseState.NOT_CREATED, DatabaseState.EMPTY):
        print(f"数据结构版本：—（程序支持 {info.schema_head}）")
        print("首次打开程序或运行 djdesk demo 时会创建数据文件夹与数据库。")
    else:
        print(f"数据结构版本：{info.schema_revision}（程序支持 {info.schema_head}）")
    print(f"SQLite 版本：{info.sqlite_version or '—'}")
    print(f"备份文件夹：{info.backup_dir}")
    print(f"日志文件：{info.log_file}")
    print(f"站点：{site}")
    if info.record_counts is None:
        print("记录数：数据结构与程序不一致，未统计。")
        return 0
    print("记录数：")
    for count in info.record_counts:
        print(f"  {count.label}：{count.count}")
    return 0


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
    from djdesk.services.site.identity import FIELD_LABELS, SiteInput, get_site
    from djdesk.services.site.setup import set_up_site

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
            site, notes = set_up_site(paths, db, replace(base, **changes), actor=Actor.system())
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
        for note in notes:
            print(note)
    return 0


def cmd_print_site_sheet(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.site.sheet import print_site_sheet

    dest = destination(args)
    with database(paths, write=True) as db:
        printed = print_site_sheet(db, dest, actor=Actor.system(), send=sender_for(dest, paths))
    if args.json:
        print_json({"path": dest.target, "serial": printed.serial})
    else:
        print(f"站点信息表（编号 {printed.serial}）{where_it_went(dest)}")
    return 0


def register(sub: Any, parents: Parents) -> None:
    both = [parents.common, parents.reporting]
    p = sub.add_parser(
        "info", parents=both, help="版本、路径、数据结构版本与记录数（只读，不创建任何文件）"
    )
    p.set_defaults(handler=cmd_info)

    site = sub.add_parser("site", help="查看或设置本机站点信息")
    site_sub = site.add_subparsers(dest="site_command", metavar="操作", required=True)
    p = site_sub.add_parser("show", parents=both, help="显示站点信息")
    p.set_defaults(handler=cmd_site_show)
    p = site_sub.add_parser("set", parents=both, help="设置站点信息（只改给出的项）")
    for key, flag in SITE_OPTIONS.items():
        metavar, text = SITE_OPTION_HELP[key]
        choices = LEVELS if key == "level" else None
        p.add_argument(flag, dest=key, choices=choices, metavar=metavar, help=text)
    p.set_defaults(handler=cmd_site_set)


def register_print(print_sub: Any, parents: Parents) -> None:
    """Add ``site-sheet`` to the kinds of ``djdesk print``."""
    p = print_sub.add_parser(
        "site-sheet", parents=[parents.common, parents.reporting], help="站点信息表"
    )
    add_output_options(p, reason=False)  # every print takes a new number: never a 补打
    p.set_defaults(handler=cmd_print_site_sheet)
