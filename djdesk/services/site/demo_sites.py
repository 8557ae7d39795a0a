"""The demo communities of the reference district (宜宾市翠屏区), picked by seed; and, for trying
the upward sync, a second community under the first one's street, that street and the district
(the sync's tests, benchmark and screenshots use them too)."""

from __future__ import annotations

from djdesk.services.site.identity import SiteInput

DEMO_SITES: tuple[SiteInput, ...] = (
    SiteInput(
        level="社区",
        code="511502003012",
        name="宜宾市翠屏区东城街道东风社区",
        short_name="东风社区",
        street_code="511502003",
        street_name="东城街道",
        district_code="511502",
        district_name="翠屏区",
        address="宜宾市翠屏区东风路88号",
        phone="0831-8221234",
        party_org="中共宜宾市翠屏区东城街道东风社区委员会",
        serial_prefix="东风社区",
    ),
    SiteInput(
        level="社区",
        code="511502002005",
        name="宜宾市翠屏区合江门街道合江门社区",
        short_name="合江门社区",
        street_code="511502002",
        street_name="合江门街道",
        district_code="511502",
        district_name="翠屏区",
        address="宜宾市翠屏区走马街16号",
        phone="0831-8126655",
        party_org="中共宜宾市翠屏区合江门街道合江门社区委员会",
        serial_prefix="合江门社区",
    ),
    SiteInput(
        level="社区",
        code="511502004021",
        name="宜宾市翠屏区西郊街道白沙湾社区",
        short_name="白沙湾社区",
        street_code="511502004",
        street_name="西郊街道",
        district_code="511502",
        district_name="翠屏区",
        address="宜宾市翠屏区白沙湾路200号",
        phone="0831-8335108",
        party_org="中共宜宾市翠屏区西郊街道白沙湾社区委员会",
        serial_prefix="白沙湾社区",
    ),
)

#: A second community of 东城街道, next to ``DEMO_SITES[0]``.
DEMO_NEIGHBOUR = SiteInput(
    level="社区",
    code="511502003015",
    name="宜宾市翠屏区东城街道南岸社区",
    short_name="南岸社区",
    street_code="511502003",
    street_name="东城街道",
    district_code="511502",
    district_name="翠屏区",
    address="宜宾市翠屏区南岸路12号",
    phone="0831-8225678",
    party_org="中共宜宾市翠屏区东城街道南岸社区委员会",
    serial_prefix="南岸社区",
)
#: The street of ``DEMO_SITES[0]`` and ``DEMO_NEIGHBOUR``.
DEMO_STREET = SiteInput(
    level="街道",
    code="511502003",
    name="宜宾市翠屏区东城街道",
    short_name="东城街道",
    district_code="511502",
    district_name="翠屏区",
    address="宜宾市翠屏区东城路1号",
    phone="0831-8221000",
    party_org="中共宜宾市翠屏区东城街道工作委员会",
    serial_prefix="东城街道",
)
DEMO_DISTRICT = SiteInput(
    level="区",
    code="511502",
    name="宜宾市翠屏区",
    short_name="翠屏区",
    address="宜宾市翠屏区人民路1号",
    phone="0831-8200000",
    party_org="中共宜宾市翠屏区委员会",
    serial_prefix="翠屏区",
)
