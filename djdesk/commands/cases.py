"""The 服务事项 area's commands: ``catalog show|load|diff``, ``cases add|verify|void``, the
``print certificate`` document and the ``report cases|certificate-register`` reports.

``catalog load FILE`` checks a catalogue file and stores it as the newest version (``--dry-run``
only reports); a refused file changes nothing and the reasons are printed. ``cases verify TEXT``
checks a scanned certificate line and exits 0 only when the certificate is 有效 (1 for every
other finding, the finding printed). ``cases add`` registers a case for scripts, as the counter
form does. Exit 0 when done, 1 with the reason when refused.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
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
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths
from djdesk.services.cases.types import CaseResult, PrintKind, VerifyStatus

ORDER = 50

REPORT_HELP = {
    "cases": "服务事项办理情况统计表（按清单、类别、事项、经办人、月份，清单外交办部门）",
    "certificate-register": "出具证明登记簿",
}
RESULTS = tuple(r.value for r in CaseResult)


def cmd_catalog_show(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.cases.catalog_query import catalog_version, current_catalog
    from djdesk.services.cases.types import CatalogKind

    with database(paths) as db:
        view = catalog_version(db, args.version) if args.version else current_catalog(db)
    header = view.header
    if args.json:
        counts = {kind.value: n for kind, n in view.counts().items()}
        items = [asdict(i) for i in view.items]  # StrEnum values print as their text
        print_json({"header": asdict(header), "counts": counts, "items": items})
        return 0
    sample = "（示例目录，待按区清单替换）" if header.sample else ""
    print(f"服务事项目录 第 {header.version} 版{sample}")
    print(f"发布机关：{header.issuer}　生效日期：{header.effective_date:%Y-%m-%d}")
    if header.document:
        print(f"文号：{header.document}")
    for kind in CatalogKind:
        if kind == CatalogKind.OUTSIDE:
            continue
        listed = view.of(kind, retired=True)
        active = sum(1 for i in listed if not i.retired)
        print(f"\n{kind}（{active} 项）")
        for item in listed:
            mark = "［已停用］" if item.retired else ""
            extra = f"　牵头部门：{item.lead_department}" if item.lead_department else ""
            print(f"  {item.code} {item.name}{mark}　〔{item.category}〕{extra}")
    return 0


def cmd_catalog_load(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.cases.catalog_load import load_catalog_file

    with database(paths, write=not args.dry_run) as db:
        report = load_catalog_file(db, Path(args.file), actor=Actor.system(), dry_run=args.dry_run)
    if args.json:
        print_json(
            {
                "file": report.file,
                "version": report.version,
                "previous_version": report.previous_version,
                "dry_run": report.dry_run,
                "counts": {kind.value: n for kind, n in report.counts.items()},
                "changes": [e.text for e in report.changes],
            }
        )
        return 0
    print(report.summary)
    for entry in report.changes:
        print(f"  {entry.text}")
    if report.sample:
        print("注意：该文件标明为示例目录。")
    return 0


def cmd_catalog_diff(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.cases.catalog_diff import diff_summary
    from djdesk.services.cases.catalog_query import catalog_diff

    with database(paths) as db:
        entries = catalog_diff(db, args.old, args.new)
    if args.json:
        print_json([{**asdict(e), "change": e.change.value, "text": e.text} for e in entries])
        return 0
    print(f"第 {args.old} 版 → 第 {args.new} 版：{diff_summary(entries)}")
    for entry in entries:
        print(f"  {entry.text}")
    return 0


def cmd_cases_add(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.cases.case_input import CaseInput
    from djdesk.services.cases.registration import register_case

    data = CaseInput(
        item_code=args.item or "",
        outside=args.outside,
        item_name=args.item_name or "",
        handled_on=args.date,
        applicant_name=args.applicant or "",
        applicant_id_number=args.id_number or "",
        applicant_phone=args.phone or "",
        applicant_address=args.address or "",
        materials=tuple(args.material or ()),
        handler=args.clerk,
        result=args.result,
        transferred_to=args.to or "",
        refusal_reason=args.refusal or "",
        minutes_spent=args.minutes,
        remarks=args.remarks or "",
        requesting_department=args.department or "",
        request_reason=args.request_reason or "",
        facts=args.facts or "",
        purpose=args.purpose or "",
        reviewer=args.reviewer or "",
        verification=args.verification or "",
    )
    if not args.item and not args.outside:
        raise DjdeskError("请用 --item 指定事项编号，或用 --outside 登记清单外事项。")
    with database(paths, write=True) as db:
        done = register_case(db, data, actor=Actor.system())
    if args.json:
        print_json(asdict(done))
        return 0
    what = f"{done.item_code} {done.item_name}".strip()
    print(f"已登记办件 {done.case_id}：{what}（{done.result}）")
    if done.certificate_serial:
        print(f"已出具证明 {done.certificate_serial}，验证码 {done.check_line}")
        print(f"打印：djdesk print certificate --case {done.case_id} --out 证明.pdf")
    return 0


def cmd_cases_verify(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.cases.verify import verify

    with database(paths) as db:
        found = verify(db, args.text)
    if args.json:
        data = asdict(found)
        print_json({**data, "status": found.status.value})
    else:
        print(f"{found.status}：{found.message}")
    return 0 if found.status == VerifyStatus.VALID else 1


def cmd_cases_void(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.cases.certificates import certificate_case_id, void_certificate

    with database(paths, write=True) as db:
        serial = void_certificate(
            db, certificate_case_id(db, args.case), args.reason, actor=Actor.system()
        )
    if args.json:
        print_json({"serial": serial, "status": "作废"})
    else:
        print(f"已作废证明 {serial}（编号保留，不再使用）。")
    return 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 形式的日期") from None


_iso_date.__name__ = "日期"  # argparse names the type in its errors


def _register_cases(sub: Any, parents: Parents) -> None:
    both = [parents.common, parents.reporting]
    cases = sub.add_parser("cases", help="办件：登记、核验证明、作废证明")
    cases_sub = cases.add_subparsers(dest="cases_command", metavar="操作", required=True)
    p = cases_sub.add_parser("add", parents=both, help="登记一件办件（依法证明事项办结时出具证明）")
    p.add_argument("--item", metavar="CODE", help="事项编号（见 catalog show，可省略短横线）")
    p.add_argument("--outside", action="store_true", help="清单外事项（须写 --department 等）")
    p.add_argument("--item-name", metavar="TEXT", help="清单外事项：所办何事")
    p.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD", help="办理日期（默认今天）")
    p.add_argument("--applicant", metavar="NAME", help="申请人姓名")
    p.add_argument("--id-number", metavar="ID", help="申请人公民身份号码（18 位）")
    p.add_argument("--phone", metavar="PHONE", help="联系电话")
    p.add_argument("--address", metavar="TEXT", help="住址")
    p.add_argument("--material", action="append", metavar="TEXT", help="已收材料（可多次）")
    p.add_argument("--handler", dest="clerk", required=True, metavar="NAME", help="经办人")
    p.add_argument(
        "--result",
        choices=RESULTS,
        default="办结",
        metavar="R",
        help="办理结果：" + "、".join(RESULTS),
    )
    p.add_argument("--to", metavar="DEPT", help="转办时的接收部门")
    p.add_argument("--refusal", metavar="TEXT", help="不予办理的原因")
    p.add_argument("--minutes", type=integer, default=0, metavar="N", help="用时（分钟）")
    p.add_argument("--remarks", metavar="TEXT", help="备注")
    p.add_argument("--department", metavar="DEPT", help="清单外事项的交办部门")
    p.add_argument("--request-reason", metavar="TEXT", help="清单外事项的交办事由")
    p.add_argument("--facts", metavar="TEXT", help="证明内容（依法证明事项）")
    p.add_argument("--purpose", metavar="TEXT", help="证明用途（默认取目录中的用途提示）")
    p.add_argument("--reviewer", metavar="NAME", help="审核人")
    p.add_argument("--verification", metavar="TEXT", help="核实方式，如 查验原件、入户核实")
    p.set_defaults(handler=cmd_cases_add)
    p = cases_sub.add_parser("verify", parents=both, help="核验证明上的验证码（扫码或手输）")
    p.add_argument("text", metavar="TEXT", help="扫描得到的验证码文字")
    p.set_defaults(handler=cmd_cases_verify)
    p = cases_sub.add_parser("void", parents=both, help="作废一份证明（编号保留，不再使用）")
    p.add_argument("--case", required=True, metavar="ID", help="办件编号，或证明编号")
    p.add_argument("--reason", required=True, metavar="TEXT", help="作废原因")
    p.set_defaults(handler=cmd_cases_void)


def register(sub: Any, parents: Parents) -> None:
    both = [parents.common, parents.reporting]
    catalog = sub.add_parser("catalog", help="服务事项目录：查看、载入新版本、比较版本")
    catalog_sub = catalog.add_subparsers(dest="catalog_command", metavar="操作", required=True)
    p = catalog_sub.add_parser("show", parents=both, help="列出三张清单及其事项")
    p.add_argument("--version", type=integer, metavar="N", help="查看第 N 版（默认为在用版本）")
    p.set_defaults(handler=cmd_catalog_show)
    p = catalog_sub.add_parser("load", parents=both, help="载入区里发布的新版目录文件")
    p.add_argument("file", metavar="FILE", help="目录文件（格式见使用说明中的目录文件格式）")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告变化，不写入")
    p.set_defaults(handler=cmd_catalog_load)
    p = catalog_sub.add_parser("diff", parents=both, help="比较两个目录版本的差别")
    p.add_argument("old", type=integer, metavar="V1", help="旧版本号")
    p.add_argument("new", type=integer, metavar="V2", help="新版本号")
    p.set_defaults(handler=cmd_catalog_diff)
    _register_cases(sub, parents)


def cmd_print_certificate(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.cases.certificates import certificate_case_id, print_certificate

    dest = destination(args)
    with database(paths, write=True) as db:
        case_id = certificate_case_id(db, args.case)
        printed = print_certificate(
            db,
            case_id,
            dest,
            actor=Actor.system(),
            reason=reason_of(args),
            send=sender_for(dest, paths),
        )
    if args.json:
        print_json(
            {
                "path": dest.target,
                "serial": printed.serial,
                "kind": printed.kind.value,
                "reprint": printed.reprint,
                "document_id": printed.document_id,
            }
        )
    else:
        word = "副本" if printed.kind == PrintKind.VOID_COPY else "补打"  # a voided one is filed
        what = f"第 {printed.reprint} 次{word}" if printed.reprint else printed.kind.value
        print(f"证明 {printed.serial}（{what}）{where_it_went(dest)}")
    return 0


def register_print(print_sub: Any, parents: Parents) -> None:
    """Add ``certificate`` to the kinds of ``djdesk print``."""
    p = print_sub.add_parser(
        "certificate",
        parents=[parents.common, parents.reporting],
        help="社区出具的证明（存根与正本同页，带二维码验证码）",
    )
    p.add_argument("--case", required=True, metavar="ID", help="办件编号，或证明编号")
    add_output_options(p)
    p.set_defaults(handler=cmd_print_certificate)


def cmd_report(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.cases.periods import parse_period
    from djdesk.services.cases.reports import SUFFIXES, write_cases_report

    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:
        raise DjdeskError(f"输出文件“{out}”必须以 .xlsx 或 .pdf 结尾。")
    period = parse_period(args.period or f"{date.today():%Y-%m}")
    with database(paths, write=True) as db:
        path = write_cases_report(db, args.report_kind, period, out, actor=Actor.system())
    if args.json:
        print_json({"kind": args.report_kind, "period": period.code, "path": str(path)})
    else:
        print(f"已导出{period.label}{REPORT_HELP[args.report_kind].split('（')[0]}：{path}")
    return 0


def register_report(report_sub: Any, parents: Parents) -> None:
    """Add the area's reports to the kinds of ``djdesk report``."""
    for kind, title in REPORT_HELP.items():
        p = report_sub.add_parser(kind, parents=[parents.common, parents.reporting], help=title)
        p.add_argument("--out", required=True, metavar="FILE", help="输出文件（.xlsx 或 .pdf）")
        p.add_argument(
            "--period",
            metavar="P",
            help="统计期间：月份如 2026-11，季度如 2026年第4季度，年度如 2026；默认本月",
        )
        p.set_defaults(handler=cmd_report, report_kind=kind)
