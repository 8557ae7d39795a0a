"""``djdesk report members-roster|checkin-stats|unit-register`` and ``djdesk print receipt``.

Reports go to ``--out FILE.xlsx`` or ``FILE.pdf`` (chosen by the suffix). ``print receipt``
prints the 报到回执 of a member's current check-in; ``--member`` takes the member's database id
or the ID number. Exit 0 when the file is written, 1 with the reason when refused.

``receipt`` joins the ``print`` command that ``djdesk.commands.site`` creates: that module
calls :func:`register_print` with its sub-parsers, or, until it does, :func:`register` finds
the ``print`` parser and adds ``receipt`` to it (this module must then come after ``site``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from djdesk.actor import Actor
from djdesk.commands.common import Parents, database, print_json
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths
from djdesk.services.checkin.types import MemberStatus

REPORT_HELP = {
    "members-roster": "在职党员报到花名册",
    "checkin-stats": "在职党员报到情况统计表（按单位）",
    "unit-register": "驻区单位报到登记册",
}
STATUSES = tuple(MemberStatus)


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

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise DjdeskError(f"输出文件“{out}”必须以 .pdf 结尾。")
    with database(paths, write=True) as db:
        member_id = find_member_id(db, args.member)
        printed = print_receipt(db, member_id, out, actor=Actor.system())
    if args.json:
        data = {"path": str(printed.path), "serial": printed.serial, "member_id": member_id}
        print_json({**data, "name": printed.name})
    else:
        print(f"已生成{printed.name}的报到回执（编号 {printed.serial}）：{printed.path}")
    return 0


def register_print(print_sub: Any, parents: Parents) -> None:
    """Add ``receipt`` to the sub-parsers of ``djdesk print``."""
    p = print_sub.add_parser(
        "receipt", parents=[parents.common, parents.reporting], help="在职党员报到回执"
    )
    p.add_argument("--member", required=True, metavar="ID", help="党员编号，或 18 位公民身份号码")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    p.set_defaults(handler=cmd_print_receipt)


def register(sub: Any, parents: Parents) -> None:
    both = [parents.common, parents.reporting]
    report = sub.add_parser("report", help="导出报表（.xlsx 或 .pdf）")
    report_sub = report.add_subparsers(dest="report_command", metavar="报表", required=True)
    for kind, title in REPORT_HELP.items():
        p = report_sub.add_parser(kind, parents=both, help=title)
        p.add_argument("--out", required=True, metavar="FILE", help="输出文件（.xlsx 或 .pdf）")
        if kind != "unit-register":
            p.add_argument("--year", type=int, metavar="Y", help="只统计该年度的报到")
        if kind == "members-roster":
            p.add_argument("--status", choices=STATUSES, help="只列出该状态的党员")
            p.add_argument("--unit", metavar="NAME", help="只列出该单位的党员（全称或其中一段）")
        p.set_defaults(handler=cmd_report, report_kind=kind)
