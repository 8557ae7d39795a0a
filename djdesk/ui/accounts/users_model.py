"""Table model of staff accounts for the 用户管理 page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from djdesk.services.accounts.users import UserInfo

ModelIndex = QModelIndex | QPersistentModelIndex


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


class UsersModel(QAbstractTableModel):
    """Columns 用户名, 姓名, 角色, 状态, 最近登录 over a list of :class:`UserInfo`."""

    COL_USERNAME = 0
    COL_NAME = 1
    COL_ROLE = 2
    COL_STATUS = 3
    COL_LAST_LOGIN = 4
    HEADERS = ("用户名", "姓名", "角色", "状态", "最近登录")
    #: The account id of a row.
    UserIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(
        self,
        users: list[UserInfo] | None = None,
        *,
        timezone: str = "Asia/Shanghai",
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        super().__init__()
        self._users: list[UserInfo] = list(users or [])
        self._tz = ZoneInfo(timezone)
        self._clock = clock

    def set_users(self, users: list[UserInfo]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def user_at(self, row: int) -> UserInfo | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def row_of(self, user_id: int) -> int:
        return next((i for i, u in enumerate(self._users) if u.id == user_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def _text(self, user: UserInfo, column: int) -> str:
        if column == self.COL_USERNAME:
            return user.username
        if column == self.COL_NAME:
            return user.display_name
        if column == self.COL_ROLE:
            return user.role.value
        if column == self.COL_STATUS:
            return status_text(user, self._clock(), self._tz)
        if user.last_login_at is None:
            return "从未登录"
        return f"{user.last_login_at.astimezone(self._tz):%Y-%m-%d %H:%M}"

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._users):
            return None
        user = self._users[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(user, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_STATUS:
            status = status_text(user, self._clock(), self._tz)
            if status != STATUS_ACTIVE:
                return QColor("#c62828") if status != STATUS_DISABLED else QColor("#6b7280")
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_STATUS:
            if user.must_change_password:
                return "下次登录时须修改密码"
            return None
        if role == self.UserIdRole:
            return user.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None
