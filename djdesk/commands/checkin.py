"""The check-in area's commands: ``members import|template``, its reports and its receipt.

``djdesk members import`` and ``djdesk members template`` handle rosters (花名册) from units.
``import`` prints a Chinese summary and every rejected row with its row number and reason
(``--json`` for scripts). It exits 0 when at least one row was valid, even with rejections,
and 1 with the reason when the file is refused or no row is valid.

``djdesk report members-roster|checkin-stats|unit-register`` write to ``--out FILE.xlsx`` or
``FILE.pdf`` (chosen by the suffix). ``djdesk print receipt`` prints the 报到回执 of a member's
current check-in; ``--member`` takes the member's database id or the ID number; ``--printer``
sends it to a printer, ``--reason`` explains a 补打. Exit 0 when the file is written, 1 with the
reason when refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from djdesk.actor import Actor
from djdesk.commands.argparse_zh import integer
from djdesk.commands.common import Parents, database, print_json
from djdesk.commands.printing import (
    add_output_options,
    destination,
    reason_of,
    sender_for,
    where_it_went,
)
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths
from djdesk.services.checkin.types import MemberStatus

if TYPE_CHECKING:
    from djdesk.services.checkin.roster_import import ImportReport

ORDER = 30

REPORT_HELP = {
    "members-roster": "在职党员报到花名册",
    "checkin-stats": "在职党员报到情况统计表（按单位）",
    "unit-register": "驻区单位报到登记册",
}
STATUSES = tuple(status.value for status in MemberStatus)


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


def _unit_id(db: Any, name: str) -> int:
    """The unit a clerk named: the exact name, else the only unit whose name contains it."""
    from djdesk.services.checkin.units import list_units

    found = list_units(db, query=name, include_revoked=True)
    exact = [u for u in found if u.name == name.strip()]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0].id
    if not found:
        raise DjdeskError(f"没有名称包含“{name}”的单位。")
    shown = "、".join(u.name for u in found[:5]) + ("等" if len(found) > 5 else "")
    raise DjdeskError(f"名称包含“{name}”的单位有 {len(found)} 个（{shown}），请写全称。")


def cmd_report(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.checkin.members import MemberFilter
    from djdesk.services.checkin.reports import SUFFIXES, write_report

    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:
        raise DjdeskError(f"输出文件“{out}”必须以 .xlsx 或 .pdf 结尾。")
    year = getattr(args, "year", None)
    if year is not None and not 1949 <= year <= 2100:
        raise DjdeskError(f"--year {year} 不是有效的年份。")
    with database(paths, write=True) as db:
        unit = getattr(args, "unit", None)
        flt = MemberFilter(
            unit_id=_unit_id(db, unit) if unit else None, status=getattr(args, "status", "") or ""
        )
        path = write_report(db, args.report_kind, out, actor=Actor.system(), year=year, flt=flt)
    if args.json:
        print_json({"kind": args.report_kind, "path": str(path)})
    else:
        print(f"已导出{REPORT_HELP[args.report_kind]}：{path}")
    return 0


def cmd_print_receipt(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.checkin.receipts import find_member_id, print_receipt

    dest = destination(args)
    with database(paths, write=True) as db:
        member_id = find_member_id(db, args.member)
        printed = print_receipt(
            db,
            member_id,
            dest,
            actor=Actor.system(),
            reprint_reason=reason_of(args),
            send=sender_for(dest, paths),
        )
    if args.json:
        data = {"path": dest.target, "serial": printed.serial, "member_id": member_id}
        print_json({**data, "name": printed.name})
    else:
        print(f"{printed.name}的报到回执（编号 {printed.serial}）{where_it_went(dest)}")
    return 0


def register_print(print_sub: Any, parents: Parents) -> None:
    """Add ``receipt`` to the sub-parsers of ``djdesk print``."""
    p = print_sub.add_parser(
        "receipt", parents=[parents.common, parents.reporting], help="在职党员报到回执"
    )
    p.add_argument("--member", required=True, metavar="ID", help="党员编号，或 18 位公民身份号码")
    add_output_options(p)
    p.set_defaults(handler=cmd_print_receipt)


def register_report(report_sub: Any, parents: Parents) -> None:
    """Add the check-in area's reports to the kinds of ``djdesk report``."""
    both = [parents.common, parents.reporting]
    for kind, title in REPORT_HELP.items():
        p = report_sub.add_parser(kind, parents=both, help=title)
        p.add_argument("--out", required=True, metavar="FILE", help="输出文件（.xlsx 或 .pdf）")
        if kind != "unit-register":
            p.add_argument("--year", type=integer, metavar="Y", help="只统计该年度的报到")
        if kind == "members-roster":
            p.add_argument(
                "--status",
                choices=STATUSES,
                metavar="STATUS",
                help=f"只列出该状态的党员：{'、'.join(STATUSES)}",
            )
            p.add_argument("--unit", metavar="NAME", help="只列出该单位的党员（全称或其中一段）")
        p.set_defaults(handler=cmd_report, report_kind=kind)
