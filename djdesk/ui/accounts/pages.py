"""The accounts area's pages (administrators only): 用户管理 and 审计日志."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from djdesk.actor import ADMINS
from djdesk.ui.common.context import UiContext
from djdesk.ui.registry import PageSpec


def _users_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.accounts.users_page import UsersPage

    return UsersPage(ctx)


def _audit_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.accounts.audit_page import AuditPage

    return AuditPage(ctx)


PAGES = [
    PageSpec(
        "users", "用户管理", _users_page, "工作人员账户：新建、重置密码、停用", ADMINS, order=900
    ),
    PageSpec("audit", "审计日志", _audit_page, "谁在何时做了什么：筛选与导出", ADMINS, order=910),
]
