"""The audit log as a table for the 审计日志 page, fetched a page at a time as it scrolls.

The log grows without bound, so rows are appended in pages of :attr:`AuditModel.PAGE_SIZE` as
the view scrolls (see :class:`~djdesk.ui.common.paged_table.FetchingTableModel`). The model
never touches the database: the page gives it two callables that ask the audit service, one for
the total and one for a page.
"""

from __future__ import annotations

from djdesk.services.accounts.audit import AuditRow
from djdesk.ui.common.paged_table import FetchingTableModel
from djdesk.ui.common.record_table import Column


def _tip(text: str) -> str | None:
    return text or None


class AuditModel(FetchingTableModel[AuditRow]):
    """Columns 时间, 用户, 操作, 数据表, 记录, 变更内容, 说明; newest first."""

    COL_AT = 0
    COL_USER = 1
    COL_ACTION = 2
    COL_TABLE = 3
    COL_RECORD = 4
    COL_CHANGES = 5
    COL_SUMMARY = 6
    COLUMNS: tuple[Column[AuditRow], ...] = (
        Column("时间", lambda r: f"{r.at:%Y-%m-%d %H:%M:%S}"),
        Column("用户", lambda r: r.username),
        Column("操作", lambda r: r.action_label),
        Column("数据表", lambda r: r.table_label),
        Column("记录", lambda r: r.record_uid, tooltip=lambda r: _tip(r.record_uid)),
        Column(
            "变更内容",
            lambda r: r.changes_text(),
            tooltip=lambda r: _tip(r.changes_text().replace("；", "\n")),
        ),
        Column("说明", lambda r: r.summary, tooltip=lambda r: _tip(r.summary)),
    )

    def __init__(self) -> None:
        super().__init__(self.COLUMNS, key=lambda r: r.id)

    def row_at(self, row: int) -> AuditRow | None:
        return self.record(row)
