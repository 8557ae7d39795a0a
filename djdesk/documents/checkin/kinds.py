"""Numbered documents of the check-in area."""

from __future__ import annotations

from djdesk.documents.base.serials import DocumentKind

KINDS = (DocumentKind("checkin-receipt", "在职党员报到回执", "报"),)
