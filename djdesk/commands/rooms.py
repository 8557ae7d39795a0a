"""The rooms area's commands: ``rooms list``, ``bookings add|import``, ``print booking``,
``print day-sheet`` (to ``--out FILE.pdf`` or ``--printer NAME``, entered in the document
register; a second print of a confirmation needs ``--reason``) and ``report room-usage``.

``bookings add`` applies exactly the rules of the counter; a refusal exits 1 and names each
rule with its reason at its field (``--json``: the rules as data). Running the command
confirms the public-benefit purpose, as the clerk's tick does on the form. A site without
rooms gets the default rooms first (as on first use of the program).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

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
from djdesk.errors import ValidationErrors
from djdesk.paths import AppPaths
from djdesk.services.rooms.types import BookerCategory

ORDER = 40
CATEGORIES = tuple(c.value for c in BookerCategory)


def _minutes(value: int) -> str:
    return f"{value // 60:02d}:{value % 60:02d}"


def cmd_rooms_list(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.rooms.calendar import format_intervals
    from djdesk.services.rooms.rooms import ensure_default_rooms, list_rooms
    from djdesk.services.rooms.types import WEEKDAY_NAMES

    with database(paths, write=True) as db:
        ensure_default_rooms(db, actor=Actor.system())
        rooms = list_rooms(db)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "name": r.name,
                    "floor": r.floor,
                    "capacity": r.capacity,
                    "status": r.status,
                    "needs_approval": r.needs_approval,
                    "categories": list(r.categories),
                    "equipment": list(r.equipment),
                    "hours": {
                        WEEKDAY_NAMES[k] if k < 7 else str(k): [
                            [_minutes(o), _minutes(c)] for o, c in v
                        ]
                        for k, v in r.hours.items()
                    },
                }
                for r in rooms
            ]
        )
        return 0
    for r in rooms:
        approval = "需审批" if r.needs_approval else "无需审批"
        print(f"{r.id:>3}  {r.name}（{r.floor}，{r.capacity} 人，{r.status}，{approval}）")
        print(f"     可预约：{'、'.join(r.categories)}　设备：{'、'.join(r.equipment) or '—'}")
        monday, saturday = r.hours.get(0, ()), r.hours.get(5, ())
        print(f"     周一：{format_intervals(monday)}　周六：{format_intervals(saturday)}")
    return 0


def _refusal(exc: ValidationErrors, as_json: bool) -> int:
    from djdesk.services.rooms.checks import BookingRefusedError

    if as_json:
        rules = []
        if isinstance(exc, BookingRefusedError):
            rules = [
                {"rule": r.rule.value, "field": r.field, "message": r.message} for r in exc.results
            ]
        errors = [{"field": e.field, "message": e.message} for e in exc.errors]
        print_json({"refused": True, "rules": rules, "errors": errors})
    else:
        print("未能预约：", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error.message}", file=sys.stderr)
    return 1


def cmd_bookings_add(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.rooms.bookers import BookerInput, search_bookers
    from djdesk.services.rooms.booking_input import BookingInput, parse_clock, parse_day
    from djdesk.services.rooms.bookings import create_booking
    from djdesk.services.rooms.rooms import ensure_default_rooms, find_room_id

    actor = Actor.system()
    with database(paths, write=True) as db:
        try:
            ensure_default_rooms(db, actor=actor)
            day = parse_day(args.date)
            start, end = parse_clock(args.start, "start"), parse_clock(args.end, "end")
            room = find_room_id(db, args.room)
            known = [
                b
                for b in search_bookers(db, args.booker, category=args.category or "")
                if b.name == args.booker.strip() and (not args.phone or b.phone == args.phone)
            ]
            data = BookingInput(
                room_id=room,
                day=day,
                start=start,
                end=end,
                booker_id=known[0].id if len(known) == 1 else None,
                booker=None
                if len(known) == 1
                else BookerInput(
                    category=args.category or BookerCategory.RESIDENT,
                    name=args.booker,
                    phone=args.phone or "",
                ),
                purpose=args.purpose or "",
                attendees=args.attendees,
                public_benefit=True,
                official=args.official,
                override_reason=args.override or "",
            )
            result = create_booking(
                db, data, actor=actor, approve=args.approve, bump_reason=args.bump or ""
            )
        except ValidationErrors as exc:
            return _refusal(exc, args.json)
    b = result.booking
    if args.json:
        print_json(
            {
                "id": b.id,
                "serial": b.serial,
                "room": b.room_name,
                "date": b.day.isoformat(),
                "start": _minutes(b.start),
                "end": _minutes(b.end),
                "booker": b.booker_name,
                "status": str(b.status),
                "warnings": [
                    {"rule": w.rule.value, "message": w.message} for w in result.check.warnings
                ],
                "displaced": [d.serial for d in result.displaced],
            }
        )
        return 0
    when = f"{b.day:%Y-%m-%d} {b.time_text}"
    print(f"已预约：{b.serial}　{b.room_name} {when}　{b.booker_name}（{b.status}）")
    for warning in result.check.warnings:
        print(f"  提醒（{warning.rule.value}）：{warning.message}")
    for displaced in result.displaced:
        who = f"{displaced.booker_name} {displaced.booker_phone}"
        print(f"  已让出：{displaced.serial} {who}（请电话通知）")
    return 0


def cmd_bookings_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.rooms.rooms import ensure_default_rooms
    from djdesk.services.rooms.season_import import NoBookableRowsError, import_schedule

    with database(paths, write=not args.dry_run) as db:
        if not args.dry_run:
            ensure_default_rooms(db, actor=Actor.system())
        try:
            report = import_schedule(
                db, Path(args.file), actor=Actor.system(), dry_run=args.dry_run
            )
        except NoBookableRowsError as exc:
            report = exc.report
            _print_import(report, args.json, error=exc.message)
            return 1
    _print_import(report, args.json)
    return 0


def _print_import(report: Any, as_json: bool, error: str = "") -> None:
    if as_json:
        rows = [
            {
                "row": r.number,
                "team": r.team,
                "room": r.room,
                "booked": r.booked,
                "skipped": list(r.skipped),
                "error": r.error,
            }
            for r in report.rows
        ]
        print_json(
            {
                "file": str(report.file),
                "dry_run": report.dry_run,
                "booked": report.booked,
                "rows": rows,
                "error": error,
            }
        )
        return
    print(f"文件：{report.file}　工作表：“{report.sheet}”")
    for r in report.rows:
        if r.error:
            print(f"  {r.error}")
        else:
            print(f"  第 {r.number} 行 {r.team} {r.room}：{r.booked} 次")
            for line in r.skipped:
                print(f"    跳过 {line}")
    if error:
        print(f"错误：{error}", file=sys.stderr)
    else:
        print(report.summary())


def register(sub: Any, parents: Parents) -> None:
    both = [parents.common, parents.reporting]
    rooms = sub.add_parser("rooms", help="场地：查看功能室及其开放时间")
    rooms_sub = rooms.add_subparsers(dest="rooms_command", metavar="操作", required=True)
    p = rooms_sub.add_parser("list", parents=both, help="列出全部场地（首次使用时建立默认场地）")
    p.set_defaults(handler=cmd_rooms_list)

    bookings = sub.add_parser("bookings", help="场地预约：登记预约、导入团队活动安排")
    bookings_sub = bookings.add_subparsers(dest="bookings_command", metavar="操作", required=True)
    p = bookings_sub.add_parser(
        "add",
        parents=both,
        help="登记一次场地预约（规则与前台相同；运行本命令即视为确认公益用途）",
    )
    p.add_argument("--room", required=True, metavar="NAME", help="场地名称（全称或其中唯一的一段）")
    p.add_argument("--date", required=True, metavar="DATE", help="使用日期，如 2026-12-03")
    p.add_argument("--start", required=True, metavar="TIME", help="开始时间，如 09:30")
    p.add_argument("--end", required=True, metavar="TIME", help="结束时间，如 11:30")
    p.add_argument(
        "--booker", required=True, metavar="NAME", help="预约人或单位名称（未登记时按临时登记处理）"
    )
    p.add_argument("--phone", metavar="P", help="联系电话（居民必填）")
    p.add_argument("--purpose", metavar="T", help="活动内容")
    p.add_argument("--attendees", type=integer, default=1, metavar="N", help="预计人数（默认 1）")
    p.add_argument(
        "--category",
        choices=CATEGORIES,
        metavar="C",
        help=f"预约对象类别：{'、'.join(CATEGORIES)}（默认居民）",
    )
    p.add_argument("--approve", action="store_true", help="需审批的场地当场批准")
    p.add_argument(
        "--official", action="store_true", help="党组织正式会议（党员大会、支委会、党小组会、党课）"
    )
    p.add_argument("--bump", metavar="REASON", help="党组织正式会议让居民预约让出时，填写理由")
    p.add_argument(
        "--override", metavar="REASON", help="管理员例外放行可放宽的规则，填写理由（记入日志）"
    )
    p.set_defaults(handler=cmd_bookings_add)

    p = bookings_sub.add_parser(
        "import", parents=both, help="导入居民团队的季度活动安排表（.xlsx），按周定期预约"
    )
    p.add_argument("file", metavar="FILE.xlsx", help="活动安排表")
    p.add_argument("--dry-run", action="store_true", help="只检查并列出可预约和跳过的日期，不写入")
    p.set_defaults(handler=cmd_bookings_import)


def cmd_print_booking(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.rooms.printing import print_booking

    dest = destination(args)
    with database(paths, write=True) as db:
        printed = print_booking(
            db,
            args.id,
            dest,
            actor=Actor.system(),
            reprint_reason=reason_of(args),
            send=sender_for(dest, paths),
        )
    if args.json:
        print_json({"path": dest.target, "serial": printed.serial})
    else:
        print(f"场地预约确认单（编号 {printed.serial}）{where_it_went(dest)}")
    return 0


def cmd_print_day_sheet(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.rooms.booking_input import parse_day
    from djdesk.services.rooms.printing import print_day_sheet

    dest = destination(args)
    with database(paths, write=True) as db:
        day = parse_day(args.date)
        print_day_sheet(db, day, dest, actor=Actor.system(), send=sender_for(dest, paths))
    if args.json:
        print_json({"path": dest.target, "date": day.isoformat()})
    else:
        print(f"{day:%Y-%m-%d} 的当日场地安排表{where_it_went(dest)}")
    return 0


def register_print(print_sub: Any, parents: Parents) -> None:
    both = [parents.common, parents.reporting]
    p = print_sub.add_parser("booking", parents=both, help="场地预约确认单")
    p.add_argument("--id", required=True, type=integer, metavar="ID", help="预约的编号（数字）")
    add_output_options(p)
    p.set_defaults(handler=cmd_print_booking)
    p = print_sub.add_parser("day-sheet", parents=both, help="当日场地安排表（张贴于门口）")
    p.add_argument("--date", required=True, metavar="DATE", help="哪一天，如 2026-12-03")
    add_output_options(p, reason=False)
    p.set_defaults(handler=cmd_print_day_sheet)


def cmd_report_usage(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.rooms.booking_input import parse_day
    from djdesk.services.rooms.usage import write_usage_report

    with database(paths, write=True) as db:
        first, last = parse_day(args.from_day, "first_day"), parse_day(args.to_day, "last_day")
        path = write_usage_report(db, first, last, Path(args.out), actor=Actor.system())
    if args.json:
        print_json({"kind": "room-usage", "path": str(path)})
    else:
        print(f"已导出场地使用统计表：{path}")
    return 0


def register_report(report_sub: Any, parents: Parents) -> None:
    p = report_sub.add_parser(
        "room-usage", parents=[parents.common, parents.reporting], help="场地使用统计表"
    )
    p.add_argument(
        "--from", dest="from_day", required=True, metavar="D", help="开始日期，如 2026-01-01"
    )
    p.add_argument(
        "--to", dest="to_day", required=True, metavar="D", help="结束日期，如 2026-12-31"
    )
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件（.xlsx 或 .pdf）")
    p.set_defaults(handler=cmd_report_usage)
