"""恢复数据 — the confirmation before a backup replaces the current database.

It shows what the chosen backup holds in words (when it was taken, what kind — 每日自动, 手动,
导入前 … — and its record counts; the file only for a file brought from elsewhere) and says
plainly that the current data is backed up first, so a mistaken restore can itself be undone.
It is the shared destructive confirmation
(:class:`~djdesk.ui.common.confirm.ConfirmDialog`): 取消 is the default button and has the
focus, 恢复数据 has to be chosen deliberately.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from djdesk.services.accounts.audit import table_labels
from djdesk.services.overview import count_labels
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.page import add_fact, caption, value_label

WARNING = (
    "恢复会用这个备份替换当前的全部数据。恢复之前，程序会先把当前数据自动备份一份"
    "（类型为“恢复前”），如果恢复错了，可以再用那份备份恢复回来。"
    "备份时间之后录入的数据在恢复后将看不到。"
)


def labelled_counts(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Record counts with Chinese labels: the counted tables in their usual order first."""
    labels = count_labels()
    others = table_labels()
    ordered = [(labels[key], counts[key]) for key in labels if key in counts]
    ordered += [
        (others[key], n) for key, n in sorted(counts.items()) if key not in labels and key in others
    ]
    return ordered


#: Tables that say nothing about how much work a backup holds.
_NOT_SUMMARISED = frozenset({"site", "user_account"})


def counts_summary(counts: dict[str, int], limit: int = 4) -> str:
    """A short line such as ``驻区单位 30 · 在职党员 200 · 报到记录 180``."""
    main = [
        (label, counts[key])
        for key, label in count_labels().items()
        if key not in _NOT_SUMMARISED and counts.get(key)
    ]
    if not main:
        return "无业务数据"
    return " · ".join(f"{label} {n:,}" for label, n in main[:limit])


class RestoreDialog(ConfirmDialog):
    """Describes the backup and asks for confirmation (恢复数据 / 取消, 取消 the default)."""

    def __init__(
        self,
        source: Path,
        counts: dict[str, int],
        *,
        created_at: datetime | None = None,
        kind: str = "",
        external: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        self.source = source
        self.values: dict[str, QLabel] = {}
        body = QVBoxLayout()
        body.setSpacing(10)
        facts = QGridLayout()
        facts.setHorizontalSpacing(14)
        facts.setVerticalSpacing(8)
        facts.setColumnStretch(1, 1)
        rows: list[tuple[str, str]] = []
        if created_at is not None:
            rows.append(("备份时间", f"{created_at:%Y-%m-%d %H:%M}"))
        if kind:
            rows.append(("类型", kind))
        if external or created_at is None:
            rows.append(("文件", str(source)))
        for row, (title, text) in enumerate(rows):
            self.values[title] = value_label(text)
            add_fact(facts, row, 0, title, self.values[title])
        body.addLayout(facts)

        counts_grid = QGridLayout()
        counts_grid.setHorizontalSpacing(24)
        counts_grid.setVerticalSpacing(4)
        self.count_rows = labelled_counts(counts)
        for i, (label, n) in enumerate(self.count_rows):
            row, column = divmod(i, 2)
            counts_grid.addWidget(caption(label), row, column * 2)
            counts_grid.addWidget(value_label(f"{n:,}", selectable=False), row, column * 2 + 1)
        counts_frame = QFrame()
        counts_frame.setLayout(counts_grid)
        body.addWidget(caption("备份中的记录数"))
        body.addWidget(counts_frame)

        self.warning = QLabel(WARNING)
        self.warning.setObjectName("restoreWarning")
        self.warning.setWordWrap(True)
        self.warning.setProperty("role", "fieldError")
        body.addWidget(self.warning)

        when = f" {created_at:%Y-%m-%d %H:%M} 的" if created_at is not None else ""
        super().__init__(
            "恢复数据",
            f"用{when}{kind}备份替换当前的全部数据？",
            "恢复数据",
            heading="从备份恢复数据",
            body=body,
            parent=parent,
        )
        self.setObjectName("restoreDialog")
        self.restore_button = self.action_button
        self.setMinimumWidth(560)
