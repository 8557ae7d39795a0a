"""One catalogue item as a card: what the counter page shows beside the search, and the
catalogue page beside its lists.

Code and name with the item's state (现行 / 已停用 / 不予出具), then its facts: catalogue and
category, legal basis, lead department, required materials, time limit and, for a 证明 item,
the certificate it issues (title, purpose, validity, a limitation such as 仅限公证, the wording).
A blocked certificate (民发〔2020〕20号) or a retired item shows why it cannot be registered.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from djdesk.services.cases.catalog_search import ItemMatch, match_of
from djdesk.services.cases.catalog_store import CatalogItemInfo
from djdesk.services.cases.types import ItemState
from djdesk.ui.cases.facts import FactRows
from djdesk.ui.common.page import section_title
from djdesk.ui.common.theme import badge_style

#: The facts of an item, in the order shown: key -> caption.
FACTS = {
    "catalog": "所属清单",
    "category": "类别",
    "legal_basis": "依据",
    "lead_department": "牵头部门",
    "materials": "申请材料",
    "time_limit": "办理时限",
    "certificate": "证明式样",
    "body": "证明正文",
}


def certificate_text(item: CatalogItemInfo) -> str:
    """The certificate an item issues, in one line (title, purpose, validity, limitation)."""
    template = item.certificate
    if template is None:
        return ""
    parts = [f"《{template.title}》"]
    if template.purpose_hint:
        parts.append(f"用途提示：{template.purpose_hint}")
    if template.validity_months:
        parts.append(f"有效期 {template.validity_months} 个月")
    if template.limitation:
        parts.append(f"{template.limitation}（正文注明）")
    return "；".join(parts)


def readable_body(body: str) -> str:
    """A template's wording with its places to fill shown as ［姓名］ rather than {姓名}."""
    return re.sub(r"\{([^{}]+)\}", r"［\1］", body)


class ItemPanel(QFrame):
    """A card showing one :class:`ItemMatch` (or nothing)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemPanel")
        self.setProperty("role", "card")
        self.match: ItemMatch | None = None
        self.title = section_title("")
        self.title.setObjectName("itemTitle")
        self.title.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("itemState")
        self.reason = QLabel()
        self.reason.setObjectName("itemReason")
        self.reason.setProperty("role", "fieldError")
        self.reason.setWordWrap(True)
        self.reason.hide()
        grid = self.facts = FactRows(FACTS, "item")
        self.values = grid.values
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.state, 0, Qt.AlignmentFlag.AlignTop)
        layout = self.content_layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(self.reason)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.show_match(None)

    def show_item(self, item: CatalogItemInfo | None) -> None:
        self.show_match(match_of(item) if item is not None else None)

    def show_match(self, match: ItemMatch | None) -> None:
        """Fill the card from a search hit (``None``: empty)."""
        self.match = match
        item = match.item if match is not None else None
        if match is None:
            self.title.setText("")
            self.state.hide()
        else:
            self.title.setText(f"{match.code}　{match.name}")
            self.state.setText(match.state.value)
            self.state.setStyleSheet(badge_style(match.state.value))
            self.state.show()
        self.reason.setText(match.reason if match is not None else "")
        self.reason.setVisible(bool(match is not None and match.reason))
        values = dict.fromkeys(FACTS, "")
        if match is not None and match.state == ItemState.BLOCKED:
            values["catalog"] = "民发〔2020〕20号《不应由基层群众性自治组织出具证明事项清单》"
        if item is not None:
            values.update(
                catalog=f"{item.catalog}（第 {item.version} 版目录）",
                category=item.category,
                legal_basis=item.legal_basis,
                lead_department=item.lead_department,
                materials="、".join(item.materials),
                time_limit=item.time_limit,
                certificate=certificate_text(item),
                body=readable_body(item.certificate.body) if item.certificate is not None else "",
            )
        self.facts.set_values(values)
