"""The 服务事项 tiles on the 概览 page: today's cases, this month's certificates, the catalogue.

Each tile opens the page that shows more: 办件登记 (``cases``, today's cases under the search),
办件记录 (``case-records``) and 事项清单 (``catalog``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from djdesk.db.models.cases import Certificate, ServiceCase
from djdesk.db.session import Database
from djdesk.services.areas import OverviewTile
from djdesk.services.cases.catalog_query import current_catalog
from djdesk.services.cases.types import CatalogKind, CertificateStatus


def cases_tiles(db: Database, *, today: date | None = None) -> list[OverviewTile]:
    """今日办件 (清单外 among them), 本月证明 (voided apart), 服务事项目录 (version, sample)."""
    today = today or date.today()
    month_start = today.replace(day=1)
    with db.reading() as session:
        alive = ServiceCase.deleted_at.is_(None)
        cases_today = session.scalar(
            select(func.count()).where(ServiceCase.handled_on == today, alive)
        )
        outside_today = session.scalar(
            select(func.count()).where(
                ServiceCase.handled_on == today,
                ServiceCase.catalog == CatalogKind.OUTSIDE.value,
                alive,
            )
        )
        this_month = (Certificate.issued_on >= month_start, Certificate.issued_on <= today)
        certs = session.scalar(
            select(func.count()).where(
                *this_month, Certificate.status == CertificateStatus.VALID.value
            )
        )
        voided = session.scalar(
            select(func.count()).where(
                *this_month, Certificate.status == CertificateStatus.VOID.value
            )
        )
    catalog = current_catalog(db).header
    outside = f"，其中清单外 {outside_today} 件" if outside_today else ""
    return [
        OverviewTile("今日办件", f"{cases_today or 0:,}", f"今天登记的办件{outside}", "cases"),
        OverviewTile(
            "本月证明", f"{certs or 0:,}", f"本月出具（另作废 {voided or 0} 份）", "case-records"
        ),
        OverviewTile(
            "服务事项目录",
            f"第 {catalog.version} 版",
            "示例目录，请载入本区正式清单" if catalog.sample else f"{catalog.issuer}发布",
            "catalog",
            attention=catalog.sample,
        ),
    ]
