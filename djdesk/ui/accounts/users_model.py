"""Table model of staff accounts for the 用户管理 page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from djdesk.services.accounts.users import UserInfo
from djdesk.ui.common.record_table import Column, RecordTableModel
from djdesk.ui.common.theme import ERROR, TEXT_MUTED


def _utc_now() -> datetime:
    return datetime.now(UTC)


STATUS_ACTIVE = "启用"
STATUS_DISABLED = "停用"


def status_text(user: UserInfo, now: datetime, tz: ZoneInfo) -> str:
    """启用, 停用, or 锁定至 HH:MM (local time) while a lock-out lasts."""
    if not user.active:
        return STATUS_DISABLED
    if user.locked_until is not None and user.is_locked(now):
        return f"锁定至 {user.locked_until.astimezone(tz):%H:%M}"
    return STATUS_ACTIVE


class UsersModel(RecordTableModel[UserInfo]):
    """Columns 用户名, 姓名, 角色, 状态, 最近登录 over a list of :class:`UserInfo`."""

    COL_USERNAME = 0
    COL_NAME = 1
    COL_ROLE = 2
    COL_STATUS = 3
    COL_LAST_LOGIN = 4

    def __init__(
        self,
        users: list[UserInfo] | None = None,
        *,
        timezone: str = "Asia/Shanghai",
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._tz = ZoneInfo(timezone)
        self._clock = clock
        columns: tuple[Column[UserInfo], ...] = (
            Column("用户名", lambda u: u.username),
            Column("姓名", lambda u: u.display_name),
            Column("角色", lambda u: u.role.value),
            Column(
                "状态",
                self._user_status,
                tooltip=lambda u: "下次登录时须修改密码" if u.must_change_password else None,
                foreground=self._status_colour,
            ),
            Column("最近登录", self._last_login),
        )
        super().__init__(columns, users or [], key=lambda u: u.id)

    def _user_status(self, user: UserInfo) -> str:
        return status_text(user, self._clock(), self._tz)

    def _status_colour(self, user: UserInfo) -> str | None:
        status = self._user_status(user)
        if status == STATUS_ACTIVE:
            return None
        return TEXT_MUTED if status == STATUS_DISABLED else ERROR

    def _last_login(self, user: UserInfo) -> str:
        if user.last_login_at is None:
            return "从未登录"
        return f"{user.last_login_at.astimezone(self._tz):%Y-%m-%d %H:%M}"
