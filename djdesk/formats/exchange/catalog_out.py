"""A catalogue version written as a ``djdesk-catalog`` file (docs/catalog-format.md).

Downward packages carry each published catalogue version in the very format a district's file
has, so a community checks it with the same reader (:func:`~djdesk.formats.cases.catalog_file.
parse_catalog`: types, codes, placeholders) before the cases area installs it. Retired items are
not written: the file lists the items in force, and installing it retires the others again.
"""

from __future__ import annotations

import json
from typing import Any

from djdesk.formats.cases.catalog_file import (
    FORMAT,
    FORMAT_VERSION,
    CatalogFile,
    CatalogItemData,
    CertificateTemplate,
)


def _template(template: CertificateTemplate) -> dict[str, Any]:
    data: dict[str, Any] = {"title": template.title, "body": template.body}
    if template.purpose_hint:
        data["purpose_hint"] = template.purpose_hint
    if template.validity_months is not None:
        data["validity_months"] = template.validity_months
    if template.limitation:
        data["limitation"] = template.limitation
    return data


def _item(item: CatalogItemData) -> dict[str, Any]:
    data: dict[str, Any] = {"code": item.code, "name": item.name}
    optional = {
        "category": item.category,
        "legal_basis": item.legal_basis,
        "lead_department": item.lead_department,
        "time_limit": item.time_limit,
    }
    data.update({k: v for k, v in optional.items() if v})
    if item.materials:
        data["materials"] = list(item.materials)
    if item.certificate is not None:
        data["certificate"] = _template(item.certificate)
    return data


def catalog_file_bytes(catalog: CatalogFile) -> bytes:
    """The catalogue as UTF-8 JSON that :func:`parse_catalog` reads back unchanged."""
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "version": catalog.version,
        "effective_date": catalog.effective_date.isoformat(),
        "issuer": catalog.issuer,
        "document": catalog.document,
        "sample": catalog.sample,
        "note": catalog.note,
        "catalogs": [
            {
                "key": c.key,
                "title": c.title,
                "count": len(c.items),
                "items": [_item(i) for i in c.items],
            }
            for c in catalog.catalogs
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
