"""The agreements area's commands: ``agreements list``, ``template export|import`` and the
``print`` kinds ``agreement``, ``responsibility`` and ``contact-card``.

``djdesk print agreement --id ID --out FILE.pdf`` prints an agreement (``FILE.docx``: a Word
copy); the first print numbers it and freezes its text, a later one is a 补打 that needs
``--reason``. ``--printer NAME [--copies N]`` sends it to a printer instead of a file.
``djdesk template export|import KIND FILE`` writes or reads a clause template as JSON
(``docs/template-format.md``); an import is checked and saved as the next version. Exit 0 when
done, 1 with the reason when refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from djdesk.actor import Actor
from djdesk.commands.argparse_zh import integer
from djdesk.commands.common import Parents, database, print_json
from djdesk.commands.printing import add_output_options, destination, sender_for, where_it_went
from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.paths import AppPaths
from djdesk.services.agreements.types import (
    AgreementFilter,
    AgreementInfo,
    AgreementKind,
    AgreementStatus,
    TemplateKind,
)
from djdesk.services.documents import ReprintMark

ORDER = 50

TEMPLATE_KINDS = tuple(kind.value for kind in TemplateKind)
STATUSES = tuple(status.value for status in AgreementStatus)
MARKS = tuple(mark.value for mark in ReprintMark)
PRINT_KINDS = {"agreement": AgreementKind.AGREEMENT, "responsibility": AgreementKind.RESPONSIBILITY}


def _as_json(a: AgreementInfo) -> dict[str, Any]:
    return {
        "id": a.id,
        "kind": a.kind.value,
        "serial": a.serial,
        "status": a.status.value,
        "unit": a.unit_name,
        "starts_on": a.starts_on.isoformat(),
        "ends_on": a.ends_on.isoformat(),
        "signed_on": a.signed_on.isoformat() if a.signed_on else None,
        "days_left": a.days_left,
        "template_version": a.template_version,
        "renewed_from_id": a.renewed_from_id,
    }


def cmd_list(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.agreements.records import expiring_agreements, list_agreements

    with database(paths) as db:
        if args.expiring:
            found = expiring_agreements(db)
        else:
            status = AgreementStatus(args.status) if args.status else None
            found = list_agreements(db, AgreementFilter(status=status))
    if args.json:
        print_json([_as_json(a) for a in found])
        return 0
    if not found:
        print("30 天内没有到期的协议。" if args.expiring else "没有符合条件的协议。")
        return 0
    for a in found:
        serial = a.serial or "（未编号）"
        left = f"，还有 {a.days_left} 天到期" if a.status == AgreementStatus.SIGNED else ""
        print(
            f"{a.id:>4}  {a.kind.short:<3} {serial}  {a.unit_name}  "
            f"{a.starts_on:%Y-%m-%d}至{a.ends_on:%Y-%m-%d}  {a.status.value}{left}"
        )
    print(f"共 {len(found)} 份。")
    return 0


def cmd_template_export(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.agreements.templates import current_template, export_template

    kind = TemplateKind(args.kind)
    with database(paths) as db:
        version = args.version or current_template(db, kind)[0]
        path = export_template(db, kind, Path(args.file), version=version)
    print(f"已导出{kind.label}模板第 {version} 版：{path}")
    return 0


def cmd_template_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.agreements.templates import import_template

    kind = TemplateKind(args.kind)
    with database(paths, write=True) as db:
        try:
            version = import_template(
                db, kind, Path(args.file), actor=Actor.system(), note=args.note
            )
        except ValidationErrors as exc:
            lines = "\n".join(f"  {e.reason}" for e in exc.errors)
            raise DjdeskError(f"模板未保存，文件“{args.file}”有以下问题：\n{lines}") from exc
    print(f"已保存为{kind.label}模板第 {version} 版；此后新打印的文书使用此版，已打印的不受影响。")
    return 0


def cmd_print_agreement(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.agreements.printing import print_agreement
    from djdesk.services.agreements.records import get_agreement
    from djdesk.services.documents import DocumentFormat

    kind: AgreementKind = args.agreement_kind
    dest = destination(args, (".pdf", ".docx"))
    docx = dest.path is not None and dest.path.suffix.lower() == ".docx"
    with database(paths, write=True) as db:
        found = get_agreement(db, args.id)
        if found.kind != kind:
            other = next(name for name, k in PRINT_KINDS.items() if k == found.kind)
            raise DjdeskError(
                f"第 {args.id} 号记录是{found.kind.value}，请用 djdesk print {other}。"
            )
        printed = print_agreement(
            db,
            args.id,
            dest,
            actor=Actor.system(),
            file_format=DocumentFormat.DOCX if docx else DocumentFormat.PDF,
            reason=args.reason,
            mark=ReprintMark(args.mark),
            send=sender_for(dest, paths),
        )
    if args.json:
        print_json(
            {
                "id": printed.agreement_id,
                "serial": printed.serial,
                "document_id": printed.document_id,
                "copy_number": printed.copy_number,
                "output": dest.target,
            }
        )
    else:
        again = f"（第 {printed.copy_number} 次{args.mark}）" if printed.copy_number else ""
        print(f"{kind.value}（编号 {printed.serial}）{again}{where_it_went(dest)}")
    return 0


def _unit_id(db: Any, name: str) -> int:
    from djdesk.services.checkin.units import list_units

    found = list_units(db, query=name)
    exact = [u for u in found if u.name == name.strip()]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0].id
    if not found:
        raise DjdeskError(f"没有名称包含“{name}”的在册单位。")
    shown = "、".join(u.name for u in found[:5]) + ("等" if len(found) > 5 else "")
    raise DjdeskError(f"名称包含“{name}”的单位有 {len(found)} 个（{shown}），请写全称。")


def cmd_print_card(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.agreements.cards import print_contact_card

    dest = destination(args)
    if args.blank and (args.id or args.unit):
        raise DjdeskError("--blank 打印空白卡，不能同时指定 --id 或 --unit。")
    if not args.blank and not (args.id or args.unit):
        raise DjdeskError(
            "请用 --id（协议编号）或 --unit（单位名称）指定单位，或加 --blank 打印空白卡。"
        )
    with database(paths, write=True) as db:
        unit_id = _unit_id(db, args.unit) if args.unit else None
        printed = print_contact_card(
            db,
            dest,
            actor=Actor.system(),
            unit_id=unit_id,
            agreement_id=args.id,
            send=sender_for(dest, paths),
        )
    if args.json:
        print_json(
            {"document_id": printed.document_id, "unit": printed.unit_name, "output": dest.target}
        )
    else:
        whose = f"（{printed.unit_name}）" if printed.unit_name else "（空白）"
        print(f"党群连心卡{whose}{where_it_went(dest)}")
    return 0


def register(sub: Any, parents: Parents) -> None:
    both = [parents.common, parents.reporting]
    group = sub.add_parser("agreements", help="共驻共建协议与目标责任书")
    group_sub = group.add_subparsers(dest="agreements_command", metavar="操作", required=True)
    p = group_sub.add_parser("list", parents=both, help="列出协议（到期日近的在前）")
    p.add_argument("--expiring", action="store_true", help="只列出 30 天内到期、需要续签的协议")
    p.add_argument(
        "--status", choices=STATUSES, metavar="STATUS", help=f"只列出该状态：{'、'.join(STATUSES)}"
    )
    p.set_defaults(handler=cmd_list)

    template = sub.add_parser("template", help="导出或导入文书条款模板（JSON 文本）")
    template_sub = template.add_subparsers(dest="template_command", metavar="操作", required=True)
    kinds = "、".join(f"{k.value}（{k.label}）" for k in TemplateKind)
    p = template_sub.add_parser("export", parents=[parents.common], help="把模板导出为 JSON 文件")
    p.add_argument("kind", choices=TEMPLATE_KINDS, metavar="KIND", help=f"模板种类：{kinds}")
    p.add_argument("file", metavar="FILE", help="保存到的 JSON 文件")
    p.add_argument("--version", type=integer, metavar="N", help="导出第 N 版（默认当前版本）")
    p.set_defaults(handler=cmd_template_export)
    p = template_sub.add_parser(
        "import", parents=[parents.common], help="检查 JSON 文件并保存为该模板的新版本"
    )
    p.add_argument("kind", choices=TEMPLATE_KINDS, metavar="KIND", help=f"模板种类：{kinds}")
    p.add_argument("file", metavar="FILE", help="要导入的模板文件（JSON）")
    p.add_argument("--note", metavar="TEXT", default="", help="这一版的说明（默认：导入自 文件名）")
    p.set_defaults(handler=cmd_template_import)


def register_print(print_sub: Any, parents: Parents) -> None:
    """Add ``agreement``, ``responsibility`` and ``contact-card`` to ``djdesk print``."""
    both = [parents.common, parents.reporting]
    for name, kind in PRINT_KINDS.items():
        p = print_sub.add_parser(name, parents=both, help=kind.value)
        p.add_argument("--id", required=True, type=integer, metavar="ID", help="协议记录的编号")
        add_output_options(
            p,
            out_metavar="FILE",
            out_help="输出文件：以 .pdf 结尾为 PDF，以 .docx 结尾为可编辑的文档（编号与内容相同）",
        )
        p.add_argument(
            "--mark",
            choices=MARKS,
            default=ReprintMark.REPRINT.value,
            metavar="MARK",
            help=f"再次打印时页面上的标记：{'、'.join(MARKS)}（默认补打）",
        )
        p.set_defaults(handler=cmd_print_agreement, agreement_kind=kind)
    p = print_sub.add_parser("contact-card", parents=both, help="党群连心卡（每张纸印两联）")
    p.add_argument("--blank", action="store_true", help="打印空白卡")
    p.add_argument("--id", type=integer, metavar="ID", help="按该协议填写单位和双方联系人")
    p.add_argument("--unit", metavar="NAME", help="按该单位填写（全称或其中一段）")
    add_output_options(p, reason=False)
    p.set_defaults(handler=cmd_print_card)
