"""Staff accounts: first administrator, login with persisted lock-out, and account upkeep.

Five wrong passwords in a row lock an account for five minutes; the state lives in the
database, so restarting the program does not lift it. Login failures never say whether the
user name, the password or the account's state was the problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from djdesk.actor import ADMINS, Actor, Role
from djdesk.db.audit import record_event
from djdesk.db.base import ACTOR_KEY, utc_now
from djdesk.db.models.accounts import UserAccount
from djdesk.db.session import Database
from djdesk.errors import AuthenticationError, DjdeskError, NotFoundError, ValidationError
from djdesk.services.accounts.passwords import (
    burn_time,
    hash_password,
    password_problem,
    verify_password,
)

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)
LOGIN_FAILED_MESSAGE = (
    "登录失败：用户名或密码不正确，或账户已停用、暂时锁定。连续输错 5 次将锁定 5 分钟。"
)

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: datetime | None
    must_change_password: bool
    last_login_at: datetime | None
    created_at: datetime

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


def _info(row: UserAccount) -> UserInfo:
    return UserInfo(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        active=row.active,
        locked_until=row.locked_until,
        must_change_password=row.must_change_password,
        last_login_at=row.last_login_at,
        created_at=row.created_at,
    )


def _actor(row: UserAccount) -> Actor:
    return Actor(row.username, row.display_name, Role(row.role), row.id)


def _check_username(username: str) -> str:
    name = username.strip()
    if not 2 <= len(name) <= 20 or any(c.isspace() for c in name):
        raise ValidationError("username", "应为 2–20 个字符，不含空格", label="用户名")
    return name


def _check_display_name(display_name: str) -> str:
    name = display_name.strip()
    if not 2 <= len(name) <= 20:
        raise ValidationError("display_name", "应为 2–20 个字", label="姓名")
    return name


def _check_password(password: str, username: str, field: str = "password") -> None:
    if problem := password_problem(password, username):
        raise ValidationError(field, problem, label="密码")


def has_users(db: Database) -> bool:
    with db.reading() as session:
        return bool(session.scalar(select(func.count()).select_from(UserAccount)))


def create_first_admin(db: Database, username: str, display_name: str, password: str) -> Actor:
    """The first-run administrator; refused once any account exists."""
    username = _check_username(username)
    display_name = _check_display_name(display_name)
    _check_password(password, username)
    actor = Actor(username, display_name, Role.ADMIN)
    with db.unit_of_work(actor, roles=ADMINS) as session:
        if session.scalar(select(func.count()).select_from(UserAccount)):
            raise DjdeskError("已存在用户账户，不能再创建首个管理员。")
        row = UserAccount(
            username=username,
            display_name=display_name,
            role=Role.ADMIN.value,
            password_hash=hash_password(password),
        )
        session.add(row)
        session.flush()
        return _actor(row)


def _by_username(session: Session, username: str) -> UserAccount | None:
    return session.scalar(select(UserAccount).where(UserAccount.username == username.strip()))


def login(db: Database, username: str, password: str, *, clock: Clock = utc_now) -> Actor:
    """Check the password; count failures and lock the account after five in a row."""
    now = clock()
    attempt = Actor(username.strip()[:40] or "?", username.strip() or "?", Role.VIEWER)
    outcome: Actor | None = None
    with db.unit_of_work(attempt, roles=tuple(Role)) as session:
        row = _by_username(session, username)
        if row is None:
            burn_time(password)
            record_event(session, "login_failed", table="user_account", summary="用户名不存在")
        elif not row.active:
            burn_time(password)
            record_event(session, "login_failed", table="user_account", summary="账户已停用")
        elif row.locked_until is not None and row.locked_until > now:
            burn_time(password)
            record_event(session, "login_failed", table="user_account", summary="账户锁定中")
        elif not verify_password(password, row.password_hash):
            row.failed_attempts += 1
            summary = f"密码错误（第 {row.failed_attempts} 次）"
            if row.failed_attempts >= MAX_FAILED_ATTEMPTS:
                row.locked_until = now + LOCKOUT
                row.failed_attempts = 0
                summary += "，账户锁定 5 分钟"
            record_event(session, "login_failed", table="user_account", summary=summary)
        else:
            row.failed_attempts = 0
            row.locked_until = None
            row.last_login_at = now
            outcome = _actor(row)
            session.info[ACTOR_KEY] = outcome
            record_event(session, "login", table="user_account", summary="登录成功")
    if outcome is None:
        raise AuthenticationError(LOGIN_FAILED_MESSAGE)
    return outcome


def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    actor.require(ADMINS, "管理用户账户")
    with db.reading() as session:
        rows = session.scalars(select(UserAccount).order_by(UserAccount.id))
        return [_info(row) for row in rows]


def get_user(db: Database, user_id: int) -> UserInfo:
    with db.reading() as session:
        row = session.get(UserAccount, user_id)
        if row is None:
            raise NotFoundError("找不到该用户账户。")
        return _info(row)


def create_user(
    db: Database, actor: Actor, *, username: str, display_name: str, role: Role, password: str
) -> UserInfo:
    username = _check_username(username)
    display_name = _check_display_name(display_name)
    _check_password(password, username)
    with db.unit_of_work(actor, roles=ADMINS, what="创建用户账户") as session:
        if _by_username(session, username) is not None:
            raise ValidationError("username", f"“{username}”已被使用", label="用户名")
        row = UserAccount(
            username=username,
            display_name=display_name,
            role=Role(role).value,
            password_hash=hash_password(password),
            must_change_password=True,
        )
        session.add(row)
        session.flush()
        return _info(row)


def _load(session: Session, user_id: int) -> UserAccount:
    row = session.get(UserAccount, user_id)
    if row is None:
        raise NotFoundError("找不到该用户账户。")
    return row


def _active_admins(session: Session) -> int:
    stmt = select(func.count()).where(UserAccount.role == Role.ADMIN.value, UserAccount.active)
    return int(session.scalar(stmt) or 0)


def reset_password(db: Database, actor: Actor, user_id: int, new_password: str) -> None:
    """Administrator sets a new password; the user must change it at next login."""
    with db.unit_of_work(actor, roles=ADMINS, what="重置密码") as session:
        row = _load(session, user_id)
        _check_password(new_password, row.username)
        row.password_hash = hash_password(new_password)
        row.must_change_password = row.id != actor.user_id
        row.failed_attempts = 0
        row.locked_until = None


def set_active(db: Database, actor: Actor, user_id: int, active: bool) -> None:
    with db.unit_of_work(actor, roles=ADMINS, what="停用或启用账户") as session:
        row = _load(session, user_id)
        if not active and row.id == actor.user_id:
            raise DjdeskError("不能停用当前登录的账户。")
        if (
            not active
            and row.role == Role.ADMIN.value
            and row.active
            and _active_admins(session) <= 1
        ):
            raise DjdeskError("至少要保留一个启用的管理员账户。")
        row.active = active


def set_role(db: Database, actor: Actor, user_id: int, role: Role) -> None:
    with db.unit_of_work(actor, roles=ADMINS, what="修改角色") as session:
        row = _load(session, user_id)
        if row.role == Role.ADMIN.value and role != Role.ADMIN and _active_admins(session) <= 1:
            raise DjdeskError("至少要保留一个启用的管理员账户。")
        row.role = Role(role).value


def change_own_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    if actor.user_id is None:
        raise DjdeskError("命令行用户没有登录密码。")
    with db.unit_of_work(actor, roles=tuple(Role), what="修改密码") as session:
        row = _load(session, actor.user_id)
        if not verify_password(old_password, row.password_hash):
            raise ValidationError("old_password", "原密码不正确", label="原密码")
        if old_password == new_password:
            raise ValidationError("new_password", "新密码不能与原密码相同", label="新密码")
        _check_password(new_password, row.username, "new_password")
        row.password_hash = hash_password(new_password)
        row.must_change_password = False
