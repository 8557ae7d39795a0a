"""``djdesk demo``: fill the data folder with a realistic demo data set.

The sizing options (``--members N`` …) come from the areas' registrations
(:func:`djdesk.services.areas.demo_options`). A data folder that already holds demo data is
left as it is, with a message saying so, unless ``--again`` asks for another batch; so running
the Quick start twice does not double the demo.
"""

from __future__ import annotations

import argparse
from typing import Any

from djdesk.actor import Actor
from djdesk.commands.argparse_zh import integer
from djdesk.commands.common import Parents, database, print_json
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths

ORDER = 20

#: Printed (and tested for) when the folder already holds the demo and --again was not given.
ALREADY_THERE = "该数据文件夹已有演示数据，未再添加。如需再添加一批，请加 --again。"


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
                print(ALREADY_THERE)
            return 0
        options = DemoOptions(seed=args.seed, counts=counts)
        summary = fill_demo(db, options, actor=Actor.system(), paths=paths)
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
    from djdesk.services.areas import demo_options

    p = sub.add_parser(
        "demo",
        parents=[parents.common, parents.reporting],
        help="填入演示数据（已有演示数据时不再添加）",
    )
    for option in demo_options():
        p.add_argument(
            f"--{option.key}", type=integer, default=option.default, metavar="N", help=option.help
        )
    p.add_argument("--again", action="store_true", help="已有演示数据时再添加一批")
    p.add_argument(
        "--seed", type=integer, default=1, metavar="S", help="随机种子（相同种子得到相同数据）"
    )
    p.set_defaults(handler=cmd_demo)
