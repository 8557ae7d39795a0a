"""Numbered documents of the rooms area."""

from __future__ import annotations

from djdesk.documents.base.serials import DocumentKind

KINDS = (DocumentKind("room-booking", "场地预约确认单", "场"),)
