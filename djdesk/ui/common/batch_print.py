"""Printing many documents in one go (all renewals, all feedback letters) in the background, with
progress and 取消 through the task runner.

Each :class:`BatchItem` names a document and how to issue it: a function that calls the area's
printing service with the given :data:`~djdesk.services.documents.SendToPrinter`, so every
document of the batch is numbered, built and registered exactly as a single print would be. The
batch stops between documents when the clerk cancels, and at once when the printer turns out
to be unavailable (the rest would fail the same way); other refusals skip that document and go
on. The result says what was printed, what not and why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from djdesk.errors import DjdeskError
from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.documents import PrinterUnavailableError, SendToPrinter
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.printing import qt_sender
from djdesk.ui.common.tasks import TaskFn, TaskHandle


@dataclass(frozen=True)
class BatchItem:
    """One document of a batch: what the clerk calls it, and how to issue it on a printer."""

    label: str
    issue: Callable[[SendToPrinter], object]


@dataclass(frozen=True)
class BatchResult:
    total: int
    printed: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()  # (label, reason)
    cancelled: bool = False
    stopped: str = ""  # why the whole batch stopped (printer unavailable)

    def summary(self) -> str:
        parts = [f"共 {self.total} 份，已打印 {len(self.printed)} 份"]
        if self.failed:
            parts.append("未打印：" + "；".join(f"{label}（{why}）" for label, why in self.failed))
        left = self.total - len(self.printed) - len(self.failed)
        if self.stopped:
            parts.append(f"{self.stopped}其余 {left} 份未打印")
        elif self.cancelled and left:
            parts.append(f"已取消，其余 {left} 份未打印")
        return "。".join(parts) + "。"


def batch_work(items: Sequence[BatchItem], send: SendToPrinter) -> TaskFn:
    """The task function that issues ``items`` one after another."""

    def work(progress: ProgressFn, cancelled: CancelledFn) -> BatchResult:
        total = len(items)
        printed: list[str] = []
        failed: list[tuple[str, str]] = []
        for index, item in enumerate(items):
            if cancelled():
                return BatchResult(total, tuple(printed), tuple(failed), cancelled=True)
            progress(index, total, f"正在打印：{item.label}（第 {index + 1} / {total} 份）")
            try:
                item.issue(send)
            except PrinterUnavailableError as exc:
                return BatchResult(total, tuple(printed), tuple(failed), stopped=exc.message)
            except DjdeskError as exc:
                failed.append((item.label, exc.message))
                continue
            printed.append(item.label)
        progress(total, total, "打印完成")
        return BatchResult(total, tuple(printed), tuple(failed))

    return work


def run_batch_print(
    ctx: UiContext,
    items: Sequence[BatchItem],
    *,
    on_done: Callable[[BatchResult], None],
    title: str = "批量打印",
    parent: QWidget | None = None,
) -> TaskHandle:
    """Start the batch in the background; ``on_done`` gets the result (also after 取消)."""
    return ctx.tasks.run_task(
        batch_work(list(items), qt_sender(ctx.settings)),
        on_done=on_done,
        on_cancelled=on_done,
        title=title,
        parent=parent,
    )
