"""The counter's search results: members found as the clerk types (:class:`MemberHit`)."""

from __future__ import annotations

from collections.abc import Sequence

from djdesk.services.checkin.members import MemberHit
from djdesk.ui.common.record_table import CENTER, Column, RecordTableModel


class SearchResultsModel(RecordTableModel[MemberHit]):
    """姓名, 性别, 工作单位, 手机, 公民身份号码 (masked), 状态."""

    COL_NAME = 0
    COL_STATUS = 5
    COLUMNS: tuple[Column[MemberHit], ...] = (
        Column("姓名", lambda h: h.name),
        Column("性别", lambda h: h.gender, CENTER),
        Column("工作单位", lambda h: h.unit_name or "—", tooltip=lambda h: h.unit_name),
        Column("手机", lambda h: h.mobile_masked or "—"),
        Column("公民身份号码", lambda h: h.id_masked),
        Column("状态", lambda h: h.status, CENTER),
    )

    def __init__(self, hits: Sequence[MemberHit] = ()) -> None:
        super().__init__(self.COLUMNS, hits, status=lambda h: h.status, key=lambda h: h.member_id)

    def member_id(self, row: int) -> int | None:
        key = self.key_at(row)
        return int(key) if key is not None else None
