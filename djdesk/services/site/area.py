"""The site area's contribution to the shared parts: the site row and the numbered documents."""

from __future__ import annotations

from djdesk.db.models import IssuedSerial, Site
from djdesk.services.areas import AreaSpec, CountedTable

AREA = AreaSpec(
    key="site",
    title="站点",
    order=0,
    counted_tables=(
        CountedTable("site", "站点信息", Site),
        CountedTable("issued_serial", "已编号文书", IssuedSerial),
    ),
)
