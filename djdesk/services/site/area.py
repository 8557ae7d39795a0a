"""The site area's contribution to the shared parts: the site row and the numbered documents,
counted and labelled."""

from __future__ import annotations

from djdesk.db.models.serials import IssuedSerial
from djdesk.db.models.site import Site
from djdesk.services.areas import AreaSpec, CountedTable
from djdesk.services.site.identity import FIELD_LABELS as SITE_LABELS

AREA = AreaSpec(
    key="site",
    title="站点",
    order=0,
    counted_tables=(
        CountedTable("site", "站点信息", Site),
        CountedTable("issued_serial", "已编号文书", IssuedSerial),
    ),
    field_labels={
        "site": SITE_LABELS,
        "issued_serial": {
            "kind": "文书种类",
            "year": "年度",
            "number": "序号",
            "serial": "文书编号",
            "subject": "事由",
            "issued_at": "编号时间",
        },
    },
)
