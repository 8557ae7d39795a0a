"""``djdesk info`` and ``djdesk demo``."""

from __future__ import annotations

import argparse
from typing import Any

from djdesk.actor import Actor
from djdesk.commands.common import Parents, database, print_json
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths


def cmd_info(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.site.info import installation_info

    with database(paths) as db:
        info = installation_info(paths, db)
    if args.json:
        print_json(info.as_json())
        return 0
    site = (
        f"{info.site_name}（{info.site_level}，{info.site_code}）" if info.site_code else "未设置"
    )
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
    with database(paths, write=True) as db:
        options = DemoOptions(members=args.members, seed=args.seed)
        summary = fill_demo(db, options, actor=Actor.system())
    if args.json:
        data: dict[str, Any] = {"site": summary.site.code, "site_created": summary.site_created}
        print_json({**data, **summary.created})
        return 0
    verb = "已创建演示站点" if summary.site_created else "演示数据写入已设置的站点"
    print(f"{verb}：{summary.site.name}（{summary.site.code}）")
    for key, count in summary.created.items():
        print(f"  {key}：{count}")
    return 0


def register(sub: Any, parents: Parents) -> None:
    p = sub.add_parser(
        "info",
        parents=[parents.common, parents.reporting],
        help="版本、路径、数据结构版本与记录数",
    )
    p.set_defaults(handler=cmd_info)
    p = sub.add_parser("demo", parents=[parents.common, parents.reporting], help="填入演示数据")
    p.add_argument("--members", type=int, default=200, metavar="N", help="演示党员人数")
    p.add_argument(
        "--seed", type=int, default=1, metavar="S", help="随机种子（相同种子得到相同数据）"
    )
    p.set_defaults(handler=cmd_demo)
