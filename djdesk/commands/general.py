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
    from djdesk.services.areas import demo_options
    from djdesk.services.demo import DemoOptions, fill_demo, has_demo_data
    from djdesk.services.overview import count_labels

    counts = {o.key: getattr(args, o.key) for o in demo_options()}
    for option in demo_options():
        if counts[option.key] < 0:
            raise DjdeskError(f"--{option.key} 不能为负数。")
    with database(paths, write=True) as db:
        if has_demo_data(db) and not args.again:
            if args.json:
                print_json({"skipped": True})
            else:
                print("该数据文件夹已有演示数据，未再添加。如需再添加一批，请加 --again。")
            return 0
        summary = fill_demo(db, DemoOptions(seed=args.seed, counts=counts), actor=Actor.system())
    if args.json:
        data: dict[str, Any] = {"site": summary.site.code, "site_created": summary.site_created}
        print_json({**data, "skipped": False, **summary.created})
        return 0
    verb = "已创建演示站点" if summary.site_created else "演示数据写入已设置的站点"
    print(f"{verb}：{summary.site.name}（{summary.site.code}）")
    labels = count_labels()
    for key, count in summary.created.items():
        print(f"  {labels.get(key, key)}：{count:,}")
    return 0


def register(sub: Any, parents: Parents) -> None:
    p = sub.add_parser(
        "info",
        parents=[parents.common, parents.reporting],
        help="版本、路径、数据结构版本与记录数",
    )
    p.set_defaults(handler=cmd_info)
    p = sub.add_parser("demo", parents=[parents.common, parents.reporting], help="填入演示数据")
    from djdesk.services.areas import demo_options

    for option in demo_options():
        p.add_argument(
            f"--{option.key}", type=int, default=option.default, metavar="N", help=option.help
        )
    p.add_argument("--again", action="store_true", help="已有演示数据时再添加一批")
    p.add_argument(
        "--seed", type=int, default=1, metavar="S", help="随机种子（相同种子得到相同数据）"
    )
    p.set_defaults(handler=cmd_demo)
