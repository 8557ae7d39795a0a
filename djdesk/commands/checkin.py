"""``djdesk members import`` and ``djdesk members template``: rosters (花名册) from units.

``import`` prints a Chinese summary and every rejected row with its row number and reason
(``--json`` for scripts). It exits 0 when at least one row was valid, even with rejections,
and 1 with the reason when the file is refused or no row is valid.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from djdesk.actor import Actor
from djdesk.commands.common import Parents, database, print_json
from djdesk.paths import AppPaths

if TYPE_CHECKING:
    from djdesk.services.checkin.roster_import import ImportReport


def _print_report(report: ImportReport, *, refused: bool = False) -> None:
    print(f"文件：{report.file}　工作表：“{report.sheet}”　表头在第 {report.header_row} 行")
    if report.unit_from_title:
        print(f"填报单位：{report.unit_from_title}")
    if not refused:
        print(report.summary())
    if report.new_units:
        verb = "将登记" if report.dry_run else "已登记"
        print(f"{verb}新单位：{'、'.join(report.new_units)}")
    if report.unknown_units:
        print(f"未登记的单位：{'、'.join(report.unknown_units)}（加 --create-units 可同时登记）")
    if report.new_grids:
        verb = "将新建" if report.dry_run else "已新建"
        print(f"{verb}网格：{'、'.join(report.new_grids)}")
    if report.unknown_grids:
        missing = "、".join(report.unknown_grids)
        print(f"本社区没有的网格：{missing}（加 --create-grids 可同时新建）")
    if report.warned:
        done = "将导入" if report.dry_run else "已导入"
        print(f"以下各行{done}，但部分内容未采用：")
        for row in report.warned:
            print(f"  {row.message}")
    for row in report.rejected:
        print(f"  {row.message}")
    if report.backup_file:
        print(f"导入前已备份数据库：{report.backup_file}")


def cmd_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.checkin.roster_import import NoValidRowsError, import_roster

    source = Path(args.file)
    with database(paths, write=not args.dry_run) as db:
        try:
            report = import_roster(
                db,
                source,
                actor=Actor.system(),
                paths=paths,
                dry_run=args.dry_run,
                create_units=args.create_units,
                create_grids=args.create_grids,
            )
        except NoValidRowsError as exc:
            if args.json:
                print_json({**exc.report.as_json(), "error": exc.message})
            else:
                _print_report(exc.report, refused=True)
                print(f"错误：{exc.message}", file=sys.stderr)
            return 1
    if args.json:
        print_json(report.as_json())
    else:
        _print_report(report)
    return 0


def cmd_template(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.formats.checkin.roster_template import write_template

    target = write_template(Path(args.out), unit_name=args.unit or "", overwrite=args.force)
    print(f"已生成花名册模板：{target}")
    return 0


def register(sub: Any, parents: Parents) -> None:
    members = sub.add_parser("members", help="在职党员：导入单位报来的花名册、生成空白模板")
    members_sub = members.add_subparsers(dest="members_command", metavar="操作", required=True)
    p = members_sub.add_parser(
        "import",
        parents=[parents.common, parents.reporting],
        help="导入花名册（.xlsx）：逐行检查，新增或更新党员并办理报到",
    )
    p.add_argument("file", metavar="FILE.xlsx", help="单位报来的花名册")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入（也不备份）")
    p.add_argument(
        "--create-units",
        action="store_true",
        help="表中出现尚未登记的单位时，同时登记这些单位（类别默认为 ⑨其他）",
    )
    p.add_argument(
        "--create-grids",
        action="store_true",
        help="表中出现本社区没有的网格时，同时新建这些网格（否则这些行的网格留空并给出警告）",
    )
    p.set_defaults(handler=cmd_import)

    p = members_sub.add_parser("template", parents=[parents.common], help="生成空白花名册模板")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="模板保存到哪里")
    p.add_argument("--unit", metavar="NAME", help="预先填入的填报单位名称")
    p.add_argument("--force", action="store_true", help="文件已存在时覆盖")
    p.set_defaults(handler=cmd_template)
