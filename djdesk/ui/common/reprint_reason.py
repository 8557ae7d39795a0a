"""Asking why a numbered document is printed again (a 补打 needs a reason, which the register
keeps and the page does not show)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from djdesk.services.documents import ReprintReasonRequiredError

COMMON_REASONS = ("原件遗失", "打印污损或卡纸", "单位存档需要", "当事人要求再开一份")


def ask_reprint_reason(parent: QWidget | None, refusal: ReprintReasonRequiredError) -> str:
    """The reason the clerk chose or typed; "" when they cancelled (nothing is printed)."""
    text, ok = QInputDialog.getItem(
        parent,
        "补打",
        f"编号 {refusal.serial} 已出具过 {refusal.previous} 次，再次打印会标明“补打”。\n"
        "请选择或填写补打原因：",
        list(COMMON_REASONS),
        0,
        True,
    )
    return " ".join(text.split()) if ok else ""
