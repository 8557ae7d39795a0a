"""The accounts area's contribution to the shared parts: staff accounts in the record counts,
and the labels of their columns."""

from __future__ import annotations

from djdesk.db.models.accounts import UserAccount
from djdesk.services.areas import AreaSpec, CountedTable

AREA = AreaSpec(
    key="accounts",
    title="账户与安全",
    order=900,
    counted_tables=(CountedTable("user_account", "用户账户", UserAccount),),
    field_labels={
        "user_account": {
            "username": "用户名",
            "display_name": "姓名",
            "role": "角色",
            "password_hash": "密码",
            "active": "启用",
            "must_change_password": "须修改密码",
            "failed_attempts": "连续输错次数",
            "locked_until": "锁定至",
            "created_at": "创建时间",
            "last_login_at": "最近登录",
        }
    },
)
