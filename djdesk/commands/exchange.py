"""The 数据交换 area's commands: ``export``, ``verify``, ``import``, ``keys``, ``communities``
and the street's reports (``report street-…``).

``export`` writes the next numbered upward package (``--full`` for every record, ``--again N``
to write package N again from the kept copy, ``--reference`` for the downward package of
catalogue versions); ``verify`` checks a package and writes nothing; ``import`` plans
(``--dry-run``) or applies packages, one transaction each, with an optional conflict report.
A passphrase is read from a file (``--passphrase-file``), never from the command line, where
it would be visible to other users. Exit 0 when done, 1 when anything was refused.
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
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths

ORDER = 80


def _passphrase(args: argparse.Namespace) -> str | None:
    name = getattr(args, "passphrase_file", None)
    if not name:
        return None
    try:
        text = Path(name).read_text(encoding="utf-8-sig")[:1000]
    except OSError as exc:
        raise DjdeskError(f"无法读取口令文件“{name}”：{exc.strerror or exc}。") from None
    except UnicodeDecodeError:
        raise DjdeskError(f"口令文件“{name}”不是 UTF-8 文本。") from None
    phrase = text.splitlines()[0] if text.splitlines() else ""
    if not phrase:
        raise DjdeskError(f"口令文件“{name}”的第一行是空的。")
    return phrase


def cmd_export(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.exchange.export import export_again, export_history, export_records
    from djdesk.services.exchange.publish import publish_reference
    from djdesk.services.exchange.types import PackageKind

    if args.list:
        with database(paths) as db:
            history = export_history(paths, db)
        if args.json:
            print_json([{**asdict(h), "kind": h.kind.value} for h in history])
            return 0
        if not history:
            print("尚未导出过数据包。")
        for h in history:
            kind = "全量" if h.full else "增量"
            kept = "" if h.stored else "（留存副本已删除）"
            print(
                f"{h.kind.label} 第 {h.sequence} 号（{kind}）"
                f"{h.created_at.astimezone():%Y-%m-%d %H:%M}  {h.records} 条  {h.file_name}{kept}"
            )
        return 0
    if not args.to:
        raise DjdeskError("请用 --to 指定数据包文件的保存位置。")
    target, phrase, actor = Path(args.to), _passphrase(args), Actor.system()
    kind = PackageKind.REFERENCE if args.reference else PackageKind.RECORDS
    with database(paths, write=True) as db:
        if args.again is not None:
            result = export_again(
                paths, db, args.again, target, kind=kind, passphrase=phrase, actor=actor
            )
        elif args.reference:
            result = publish_reference(paths, db, target, passphrase=phrase, actor=actor)
        else:
            result = export_records(
                paths, db, target, full=args.full, passphrase=phrase, actor=actor
            )
    if args.json:
        print_json({**asdict(result), "kind": result.kind.value})
        return 0
    how = "重新导出" if result.again else "已导出"
    scope = "全量" if result.full else f"增量，接续第 {result.follows} 号"
    sealed = "，已加密" if result.sealed else ""
    print(
        f"{how}{result.kind.label}数据包第 {result.sequence} 号（{scope}{sealed}）：{result.file}"
    )
    print(f"共 {result.records} 条，{result.size:,} 字节")
    for table, count in result.counts.items():
        if count:
            print(f"  {table}: {count}")
    return 0


def cmd_verify(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.exchange.verify import verify_package

    with database(paths) as db:
        report = verify_package(paths, db, Path(args.file), passphrase=_passphrase(args))
    if args.json:
        data = asdict(report)
        print_json({**data, "kind": report.kind.value, "ok": not report.problems})
        return 1 if report.problems else 0
    sealed = "（已加密）" if report.sealed else ""
    print(f"数据包“{report.file}”{sealed}核验通过：签名、校验值与每条记录均无误。")
    print(
        f"发送单位：{report.sender_level} {report.sender_name}（{report.sender_code}），"
        f"指纹 {report.fingerprint}"
    )
    scope = "全量" if report.full else f"增量，接续第 {report.follows} 号"
    print(
        f"{report.kind.label} 第 {report.sequence} 号（{scope}），生成于 "
        f"{report.created_at.astimezone():%Y-%m-%d %H:%M}，共 {report.records} 条记录"
    )
    for community in report.communities:
        print(f"  转报：{community}")
    for table in report.tables:
        print(f"  {table.label}：{table.records} 条")
    for warning in report.warnings:
        print(f"提示：{warning}")
    for problem in report.problems:
        print(f"问题：{problem}")
    if report.already_imported:
        print("提示：此数据包此前已导入本机。")
    return 1 if report.problems else 0


def _import_text(result: Any) -> None:
    from djdesk.services.exchange.types import ImportResult

    assert isinstance(result, ImportResult)
    scope = "全量" if result.full else f"增量，接续第 {result.follows} 号"
    print(
        f"“{result.file}”：{result.sender_level} {result.sender_name}（{result.sender_code}）"
        f"第 {result.sequence} 号{result.kind.label}数据包（{scope}）"
    )
    print(f"  {'数据表':<10}{'新增':>8}{'更新':>8}{'未变':>8}{'拒收':>8}")
    for t in result.tables:
        print(f"  {t.label:<10}{t.new:>8}{t.updated:>8}{t.unchanged:>8}{t.refused:>8}")
    for warning in result.warnings:
        print(f"  提示：{warning}")
    for c in result.conflicts[:20]:
        print(f"  拒收：{c.label} 第 {c.line} 行（{c.uid}）：{c.reason}")
    if len(result.conflicts) > 20:
        print(f"  ……另有 {len(result.conflicts) - 20} 项拒收，见冲突清单（--conflicts）")
    tail = "（试导入，未写入）" if result.dry_run else ""
    print(f"  {result.summary}{tail}")


def cmd_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.formats.exchange.errors import PackageRefusedError
    from djdesk.services.exchange.importing import import_packages
    from djdesk.services.exchange.street_reports import write_conflict_report

    files = [Path(f) for f in args.files]
    with database(paths, write=not args.dry_run) as db:
        results = import_packages(
            paths,
            db,
            files,
            dry_run=args.dry_run,
            passphrase=_passphrase(args),
            actor=Actor.system(),
        )
        if args.conflicts:
            write_conflict_report(
                db, [(f.name, r) for f, r in zip(files, results, strict=True)], Path(args.conflicts)
            )
    refused = any(isinstance(r, DjdeskError) or r.conflicts for r in results)
    if args.json:
        out = []
        for path, r in zip(files, results, strict=True):
            if isinstance(r, DjdeskError):
                kind = r.refusal.value if isinstance(r, PackageRefusedError) else "拒收"
                out.append({"file": path.name, "refused": True, "kind": kind, "reason": r.message})
            else:
                out.append({**asdict(r), "kind": r.kind.value, "refused": False})
        print_json(out)
        return 1 if refused else 0
    for path, r in zip(files, results, strict=True):
        if isinstance(r, DjdeskError):
            print(f"“{path.name}”未导入：{r.message}")
        else:
            _import_text(r)
    if args.conflicts:
        print(f"冲突清单：{args.conflicts}")
    return 1 if refused else 0


def cmd_keys(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.exchange.keys import ensure_site_key, write_key_file
    from djdesk.services.exchange.partners import trust_upper

    actor = Actor.system()
    with database(paths, write=True) as db:
        if args.keys_command == "export":
            info = write_key_file(paths, db, Path(args.out), actor=actor)
            message = f"已导出本机公钥文件：{args.out}（指纹 {info.fingerprint}）"
        elif args.keys_command == "trust":
            partner = trust_upper(db, Path(args.key), actor=actor)
            message = (
                f"已登记上级单位 {partner.name}（{partner.code}）的公钥，指纹 {partner.fingerprint}"
            )
        else:
            info = ensure_site_key(paths, db, actor=actor)
            made = f"{info.created_at.astimezone():%Y-%m-%d}"
            message = f"本机公钥指纹：{info.fingerprint}（生成于 {made}）"
    if args.json:
        print_json({"message": message})
    else:
        print(message)
    return 0


def cmd_communities(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.exchange.partners import (
        partners,
        register_from_key_file,
        register_partner,
    )

    if args.communities_command == "list":
        with database(paths) as db:
            found = partners(db)
        if args.json:
            print_json([{**asdict(p), "relation": p.relation.value} for p in found])
            return 0
        if not found:
            print("尚未登记任何单位。")
        for p in found:
            last = f"最新第 {p.last_sequence} 号" if p.last_sequence else "未收到数据包"
            via = f"（经 {p.via} 转报）" if p.via else ""
            behind = f"，{p.behind}" if p.behind else ""
            key = p.fingerprint + ("" if p.has_key else "（仅指纹，待首个数据包）")
            print(f"{p.relation} {p.level} {p.code} {p.name}{via}  {last}{behind}  指纹 {key}")
        return 0
    actor = Actor.system()
    with database(paths, write=True) as db:
        if args.key:
            info = register_from_key_file(db, Path(args.key), replace=args.replace, actor=actor)
        else:
            if not (args.code and args.name and args.fingerprint):
                raise DjdeskError(
                    "请用 --key 指定公钥文件，或同时给出 --code、--name 与 --fingerprint。"
                )
            info = register_partner(
                db,
                code=args.code,
                name=args.name,
                fingerprint_text=args.fingerprint,
                replace=args.replace,
                actor=actor,
            )
    if args.json:
        print_json({**asdict(info), "relation": info.relation.value})
    else:
        print(f"已登记{info.level} {info.name}（{info.code}），公钥指纹 {info.fingerprint}")
    return 0


def register(sub: Any, parents: Parents) -> None:
    both = [parents.common, parents.reporting]
    p = sub.add_parser("export", parents=both, help="导出上报数据包（签名，可加密）")
    p.add_argument("--to", metavar="FILE", help="数据包保存到哪个文件")
    p.add_argument(
        "--full", action="store_true", help="全量导出全部记录（默认只导出上次以来的变化）"
    )
    p.add_argument("--passphrase-file", metavar="F", help="用文件第一行的口令加密数据包")
    p.add_argument("--again", type=integer, metavar="N", help="原样重新导出第 N 号数据包")
    p.add_argument("--reference", action="store_true", help="导出下发给下级单位的目录数据包")
    p.add_argument("--list", action="store_true", help="列出导出记录")
    p.set_defaults(handler=cmd_export)
    p = sub.add_parser("verify", parents=both, help="核验数据包（签名、校验值、记录），不写入")
    p.add_argument("file", metavar="FILE", help="数据包文件")
    p.add_argument("--passphrase-file", metavar="F", help="加密数据包的口令文件（第一行）")
    p.set_defaults(handler=cmd_verify)
    p = sub.add_parser(
        "import", parents=both, help="导入下级单位的数据包（街道、区）或上级下发的目录"
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="一个或多个数据包文件")
    p.add_argument(
        "--dry-run", action="store_true", help="试导入：列出新增、更新、未变、拒收，不写入"
    )
    p.add_argument("--passphrase-file", metavar="F", help="加密数据包的口令文件（第一行）")
    p.add_argument("--conflicts", metavar="FILE.xlsx", help="把拒收的记录及原因写入冲突清单")
    p.set_defaults(handler=cmd_import)
    keys = sub.add_parser("keys", help="本机签名密钥：查看指纹、导出公钥文件、登记上级公钥")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="操作", required=True)
    p = keys_sub.add_parser("show", parents=both, help="显示本机公钥指纹（尚无密钥时先生成）")
    p.set_defaults(handler=cmd_keys)
    p = keys_sub.add_parser("export", parents=both, help="导出本机公钥文件（交给上级单位登记）")
    p.add_argument("--out", required=True, metavar="FILE", help="公钥文件保存位置")
    p.set_defaults(handler=cmd_keys)
    p = keys_sub.add_parser("trust", parents=both, help="登记上级单位的公钥（用于导入下发的目录）")
    p.add_argument("--key", required=True, metavar="FILE", help="上级单位导出的公钥文件")
    p.set_defaults(handler=cmd_keys)
    group = sub.add_parser("communities", help="下级单位（街道登记社区，区登记街道）")
    group_sub = group.add_subparsers(dest="communities_command", metavar="操作", required=True)
    p = group_sub.add_parser("add", parents=both, help="登记下级单位及其公钥")
    p.add_argument("--key", metavar="FILE", help="下级单位导出的公钥文件")
    p.add_argument("--code", metavar="CODE", help="统计用区划代码（按指纹登记时）")
    p.add_argument("--name", metavar="NAME", help="单位名称（按指纹登记时）")
    p.add_argument("--fingerprint", metavar="FP", help="电话核对的公钥指纹（32 位十六进制）")
    p.add_argument("--replace", action="store_true", help="更换已登记单位的公钥")
    p.set_defaults(handler=cmd_communities)
    p = group_sub.add_parser("list", parents=both, help="列出已登记的单位及数据包接收情况")
    p.set_defaults(handler=cmd_communities)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 形式的日期") from None


_date.__name__ = "日期"


def cmd_report(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.exchange.street_reports import (
        ReportFilter,
        StreetReport,
        write_street_report,
    )

    kind = StreetReport(args.report_kind)
    f = ReportFilter(community=args.community, first=args.first, last=args.last)
    with database(paths, write=True) as db:
        rows = write_street_report(db, kind, Path(args.out), f, actor=Actor.system())
    if args.json:
        print_json({"kind": kind.value, "rows": rows, "path": args.out})
    else:
        print(f"已导出{kind.heading}（{rows} 行）：{args.out}")
    return 0


def register_report(report_sub: Any, parents: Parents) -> None:
    """The street's reports across communities, as kinds of ``djdesk report``."""
    from djdesk.formats.exchange.sheets import STREET

    dated = {"street-cases", "street-outside", "street-rooms"}
    for kind, layout in STREET.items():
        p = report_sub.add_parser(
            kind, parents=[parents.common, parents.reporting], help=layout.title
        )
        p.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件（.xlsx）")
        p.add_argument("--community", metavar="CODE", help="只统计这个下级单位（代码）")
        if kind in dated:
            p.add_argument("--from", dest="first", type=_date, metavar="D", help="开始日期")
            p.add_argument("--to", dest="last", type=_date, metavar="D", help="结束日期")
        p.set_defaults(handler=cmd_report, report_kind=kind, first=None, last=None)
