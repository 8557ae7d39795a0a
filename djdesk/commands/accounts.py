"""``djdesk backup``, ``djdesk restore`` and ``djdesk users`` (IT and recovery at the counter).

Command-line commands act as the operating-system user who runs them (an administrator, since
whoever can run them can already read the data folder); the audit log records that name.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from djdesk.actor import Actor, Role
from djdesk.commands.common import Parents, database, print_json
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths
from djdesk.settings import load_settings

ORDER = 90


def cmd_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.accounts import backups

    if args.list:
        infos = backups.list_backups(paths)
        if args.json:
            print_json(
                [
                    {
                        "file": str(i.path),
                        "created_at": i.created_at,
                        "reason": i.reason,
                        "sha256": i.sha256,
                        "size": i.size,
                        "schema_revision": i.schema_revision,
                        "record_counts": i.record_counts,
                    }
                    for i in infos
                ]
            )
            return 0
        for i in infos:
            print(
                f"{i.created_at:%Y-%m-%d %H:%M}  {i.reason_label:<4}  "
                f"{i.size / 1024:>8.0f} KB  {i.path}"
            )
        if not infos:
            print("还没有备份。")
        return 0
    settings = load_settings(paths.settings_file)
    with database(paths) as db:
        if args.to:
            info = backups.backup_to_file(db, Actor.system(), Path(args.to))
            warnings: tuple[str, ...] = ()
            extra = None
        else:
            result = backups.backup_now(
                paths,
                db,
                Actor.system(),
                extra_dir=settings.extra_backup_dir,
                now=backups.local_now(settings.timezone),
            )
            info, warnings, extra = result.backup, result.warnings, result.extra_copy
    if args.json:
        print_json(
            {
                "file": str(info.path),
                "sha256": info.sha256,
                "size": info.size,
                "extra_copy": str(extra) if extra else None,
                "warnings": list(warnings),
            }
        )
    else:
        print(f"备份完成：{info.path}（{info.size / 1024:.0f} KB，SHA-256 {info.sha256[:16]}…）")
        if extra:
            print(f"已复制到第二备份文件夹：{extra}")
        for warning in warnings:
            print(f"注意：{warning}", file=sys.stderr)
    return 0


def cmd_restore(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.accounts import backups

    source = Path(args.file)
    revision, counts = backups.check_restore_source(source)
    if not args.yes and sys.stdin.isatty():
        answer = input(f"将用“{source}”替换当前数据库（当前数据会先自动备份）。继续吗？[y/N] ")
        if answer.strip().lower() not in ("y", "yes", "是"):
            print("已取消，数据库未改动。")
            return 1
    with database(paths, write=True) as db:
        settings = load_settings(paths.settings_file)
        result = backups.restore(
            paths, db, source, Actor.system(), now=backups.local_now(settings.timezone)
        )
        result.db.dispose()
    if args.json:
        print_json(
            {
                "restored_from": str(source),
                "safety_backup": str(result.safety_backup.path),
                "schema_revision": revision,
                "record_counts": result.record_counts,
            }
        )
    else:
        print(f"已从“{source}”恢复。恢复前的数据已备份到：{result.safety_backup.path}")
        total = sum(v for k, v in counts.items() if k != "audit_log")
        print(f"恢复的数据共 {total} 条记录（不含审计日志）。")
    return 0


def _read_new_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("新密码：")
    if getpass.getpass("再次输入新密码：") != first:
        raise DjdeskError("两次输入的密码不一致，未做修改。")
    return first


def cmd_users_list(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.accounts import users as accounts

    with database(paths) as db:
        users = accounts.list_users(db, Actor.system())
    if args.json:
        print_json(
            [
                {
                    "username": u.username,
                    "display_name": u.display_name,
                    "role": u.role.value,
                    "active": u.active,
                    "locked_until": u.locked_until,
                    "last_login_at": u.last_login_at,
                }
                for u in users
            ]
        )
        return 0
    for u in users:
        state = "启用" if u.active else "停用"
        print(f"{u.username:<16} {u.display_name:<8} {u.role.value:<4} {state}")
    if not users:
        print("还没有用户账户：首次打开程序时会创建管理员。")
    return 0


def _user_id(db: Any, username: str) -> int:
    from djdesk.services.accounts import users as accounts

    for user in accounts.list_users(db, Actor.system()):
        if user.username == username:
            return user.id
    raise DjdeskError(f"没有名为“{username}”的用户。")


def cmd_users_add(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.accounts import users as accounts

    password = _read_new_password(args)
    with database(paths, write=True) as db:
        system = Actor.system()
        if not accounts.has_users(db) and Role(args.role) is Role.ADMIN:
            accounts.create_first_admin(db, args.username, args.name, password)
        else:
            accounts.create_user(
                db,
                system,
                username=args.username,
                display_name=args.name,
                role=Role(args.role),
                password=password,
            )
    print(f"已创建用户“{args.username}”（{args.role}）。")
    return 0


def cmd_users_reset(args: argparse.Namespace, paths: AppPaths) -> int:
    from djdesk.services.accounts import users as accounts

    password = _read_new_password(args)
    with database(paths, write=True) as db:
        accounts.reset_password(db, Actor.system(), _user_id(db, args.username), password)
    print(f"已重置用户“{args.username}”的密码并解除锁定；下次登录时须修改密码。")
    return 0


def register(sub: Any, parents: Parents) -> None:
    both = [parents.common, parents.reporting]
    p = sub.add_parser("backup", parents=both, help="立即备份数据库，或列出备份")
    p.add_argument("--to", metavar="FILE", help="备份到指定文件（如 U 盘上的文件），不参与轮换")
    p.add_argument("--list", action="store_true", help="列出备份文件夹中的备份")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", parents=both, help="用备份文件恢复数据库（先自动备份当前数据）")
    p.add_argument("file", metavar="FILE", help="要恢复的备份文件")
    p.add_argument("--yes", action="store_true", help="不再询问确认")
    p.set_defaults(handler=cmd_restore)

    users = sub.add_parser("users", help="用户账户（忘记密码时由管理员重置）")
    users_sub = users.add_subparsers(dest="users_command", metavar="操作", required=True)
    p = users_sub.add_parser("list", parents=both, help="列出用户")
    p.set_defaults(handler=cmd_users_list)
    for name, handler, text in (
        ("add", cmd_users_add, "新建用户"),
        ("reset-password", cmd_users_reset, "重置密码并解锁"),
    ):
        p = users_sub.add_parser(name, parents=[parents.common], help=text)
        p.add_argument("username", metavar="USERNAME", help="登录用户名")
        if name == "add":
            p.add_argument("--name", required=True, metavar="NAME", help="姓名")
            roles = [r.value for r in Role]
            p.add_argument(
                "--role",
                required=True,
                choices=roles,
                metavar="ROLE",
                help=f"角色：{'、'.join(roles)}",
            )
        p.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行）")
        p.set_defaults(handler=handler)
