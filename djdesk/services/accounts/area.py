"""The accounts area's contribution to the shared parts: staff accounts in the record counts."""

from __future__ import annotations

from djdesk.db.models import UserAccount
from djdesk.services.areas import AreaSpec, CountedTable

AREA = AreaSpec(
    key="accounts",
    title="账户与安全",
    order=900,
    counted_tables=(CountedTable("user_account", "用户账户", UserAccount),),
)
