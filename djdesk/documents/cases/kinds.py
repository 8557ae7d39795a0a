"""Numbered documents of the 服务事项 area: certificates, ``{prefix}居证〔YYYY〕第NNN号``."""

from __future__ import annotations

from djdesk.documents.base.serials import DocumentKind

CERTIFICATE_KIND = "cases-certificate"

KINDS = (DocumentKind(CERTIFICATE_KIND, "社区出具证明", "居证"),)
