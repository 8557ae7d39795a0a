"""Who is acting: the logged-in staff member (GUI) or the operating-system user (CLI).

Every write service receives an :class:`Actor` and checks its role itself, so a 查看 user is
refused at the service layer whatever the UI shows. The audit log records the actor's name.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import StrEnum

from djdesk.errors import PermissionDeniedError


class Role(StrEnum):
    ADMIN = "管理员"
    CLERK = "前台"
    VIEWER = "查看"


#: Roles allowed to do daily counter work (every write that is not administration).
WRITERS: tuple[Role, ...] = (Role.ADMIN, Role.CLERK)
ADMINS: tuple[Role, ...] = (Role.ADMIN,)


@dataclass(frozen=True)
class Actor:
    username: str
    display_name: str
    role: Role
    user_id: int | None = None

    @classmethod
    def system(cls) -> Actor:
        """The OS user running a command-line command: acts as an administrator."""
        try:
            login = getpass.getuser()
        except (OSError, KeyError):  # no login name (containers, services)
            login = "unknown"
        return cls(username=f"os:{login}", display_name=f"系统用户 {login}", role=Role.ADMIN)

    def require(self, roles: tuple[Role, ...], what: str = "此操作") -> None:
        if self.role not in roles:
            allowed = "、".join(r.value for r in roles)
            raise PermissionDeniedError(
                f"当前用户“{self.display_name}”（{self.role.value}）无权{what}，需要{allowed}角色。"
            )
