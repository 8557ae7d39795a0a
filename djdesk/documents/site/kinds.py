"""Numbered documents of the site area."""

from __future__ import annotations

from djdesk.documents.base.serials import DocumentKind

KINDS = (DocumentKind("site-sheet", "站点信息表", "信"),)
