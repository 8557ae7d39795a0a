"""Reference data with versions that a 上级 publishes downward: the registry of kinds.

A kind (the service catalogue; the three agreement templates) says how to find
the versions this site publishes, which version a site has in use, and how a receiving site
applies one version: only when it is newer than the one in use, through the owning area's own
install path (so the area's checks and audit apply), inside the import's transaction. Kinds are
the built-in ones here plus ``REFERENCE_KINDS`` of any ``djdesk/services/<area>/reference.py``
(found like the other plug-in modules), so a new area publishes its reference data without a
change to this package.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from djdesk.discovery import area_modules
from djdesk.services.exchange.types import Applied, Published


@dataclass(frozen=True)
class ReferenceKind:
    key: str
    label: str
    #: The version of this kind in use for ``origin`` (``None``: none yet).
    in_use: Callable[[Session, str], int | None]
    #: The versions ``origin`` publishes, oldest first.
    published: Callable[[Session, str], list[Published]]
    #: Apply ``data`` (announced as ``version``) for ``origin``; ``source`` names the package.
    apply: Callable[[Session, bytes, int, str, str], Applied]
    #: What is wrong with ``data`` announced as ``version`` (``None``: nothing), for verify.
    check: Callable[[bytes, int], str | None]


def _catalog_in_use(session: Session, origin: str) -> int | None:
    from djdesk.services.exchange.reference_catalog import catalog_in_use

    return catalog_in_use(session, origin)


def _catalog_published(session: Session, origin: str) -> list[Published]:
    from djdesk.services.exchange.reference_catalog import published_catalogs

    return published_catalogs(session, origin)


def _catalog_apply(
    session: Session, data: bytes, version: int, origin: str, source: str
) -> Applied:
    from djdesk.services.exchange.reference_catalog import apply_catalog

    return apply_catalog(session, data, version, origin, source)


def _catalog_check(data: bytes, version: int) -> str | None:
    from djdesk.services.exchange.reference_catalog import check_catalog

    return check_catalog(data, version)


CATALOG = ReferenceKind(
    "catalog", "服务事项目录", _catalog_in_use, _catalog_published, _catalog_apply, _catalog_check
)


def _template_kind(kind_value: str, label: str) -> ReferenceKind:
    """One reference kind per agreement template kind (the agreements area's templates)."""

    def kind() -> Any:
        from djdesk.services.agreements.types import TemplateKind

        return TemplateKind(kind_value)

    def in_use(session: Session, origin: str) -> int | None:
        from djdesk.services.exchange import reference_templates as t

        return t.in_use(kind(), session, origin)

    def published(session: Session, origin: str) -> list[Published]:
        from djdesk.services.exchange import reference_templates as t

        return t.published(kind(), session, origin)

    def apply(session: Session, data: bytes, version: int, origin: str, source: str) -> Applied:
        from djdesk.services.exchange import reference_templates as t

        return t.apply(kind(), session, data, version, origin, source)

    def check(data: bytes, version: int) -> str | None:
        from djdesk.services.exchange import reference_templates as t

        return t.check(kind(), data, version)

    key = "template_" + kind_value.replace("-", "_")
    return ReferenceKind(key, label, in_use, published, apply, check)


TEMPLATES = (
    _template_kind("agreement", "共驻共建协议书模板"),
    _template_kind("responsibility", "区域化党建目标责任书模板"),
    _template_kind("contact-card", "党群连心卡模板"),
)
BUILT_IN = (CATALOG, *TEMPLATES)


@cache
def reference_kinds() -> tuple[ReferenceKind, ...]:
    """Every kind: the built-in ones, then those of the areas' ``reference.py`` modules."""
    found = list(BUILT_IN)
    for module in area_modules("djdesk.services", "reference"):
        found.extend(getattr(module, "REFERENCE_KINDS", ()))
    return tuple(found)


def kind_named(key: str) -> ReferenceKind | None:
    return next((k for k in reference_kinds() if k.key == key), None)
