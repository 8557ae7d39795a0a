"""Numbered documents of the agreements area (marks not used by any other area: 共建, 责)."""

from __future__ import annotations

from djdesk.documents.base.serials import DocumentKind

KINDS = (
    DocumentKind("agreement", "共驻共建协议书", "共建"),
    DocumentKind("responsibility-book", "区域化党建目标责任书", "责"),
)
