"""Site identity: validation names each bad field; nothing is saved on error."""

from __future__ import annotations

from dataclasses import replace

import pytest

from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.errors import SiteNotConfiguredError, ValidationErrors
from djdesk.services.site.identity import (
    SiteInput,
    get_site,
    require_site,
    save_site,
    validate_site,
)
from tests.conftest import SAMPLE_SITE


def _errors(data: SiteInput) -> dict[str, str]:
    with pytest.raises(ValidationErrors) as info:
        validate_site(data)
    return {e.field: e.reason for e in info.value.errors}


def test_sample_site_is_valid_and_normalised() -> None:
    clean = validate_site(
        replace(SAMPLE_SITE, name="  宜宾市翠屏区东城街道东风社区 ", phone="08318221234")
    )
    assert clean.name == "宜宾市翠屏区东城街道东风社区"
    assert clean.phone == "0831-8221234"


def test_community_code_must_start_with_street_code() -> None:
    errors = _errors(replace(SAMPLE_SITE, code="511502004012"))
    assert "511502003" in errors["code"]


def test_each_bad_field_is_named() -> None:
    errors = _errors(
        replace(SAMPLE_SITE, code="5115020030", name="", phone="123", street_name="", party_org="")
    )
    assert set(errors) >= {"code", "name", "phone", "street_name", "party_org"}
    assert "12 位" in errors["code"]
    assert errors["name"] == "不能为空"


def test_street_level_drops_street_fields_and_derives_district() -> None:
    clean = validate_site(
        replace(SAMPLE_SITE, level="街道", code="511502003", name="东城街道", district_code="")
    )
    assert clean.street_code == "" and clean.street_name == ""
    assert clean.district_code == "511502"


def test_district_level_needs_no_parents() -> None:
    clean = validate_site(
        SiteInput(
            level="区",
            code="511502",
            name="宜宾市翠屏区",
            short_name="翠屏区",
            address="宜宾市翠屏区",
            phone="0831-8888888",
            party_org="中共宜宾市翠屏区委员会",
        )
    )
    assert clean.serial_prefix == "翠屏区"


def test_serial_prefix_rejects_format_characters() -> None:
    assert "serial_prefix" in _errors(replace(SAMPLE_SITE, serial_prefix="东风〔"))


def test_nothing_saved_on_error(db: Database) -> None:
    with pytest.raises(ValidationErrors):
        save_site(db, replace(SAMPLE_SITE, phone="not a phone"), actor=Actor.system())
    assert get_site(db) is None
    with pytest.raises(SiteNotConfiguredError):
        require_site(db)


def test_save_then_update_bumps_version(db: Database) -> None:
    first = save_site(db, SAMPLE_SITE, actor=Actor.system())
    second = save_site(
        db, replace(SAMPLE_SITE, address="宜宾市翠屏区东风路99号"), actor=Actor.system()
    )
    assert second.uid == first.uid
    assert second.address.endswith("99号")
    assert second.updated_at is not None and first.updated_at is not None
    assert second.updated_at >= first.updated_at
    with db.reading() as session:
        from djdesk.db.models.site import Site

        row = session.get(Site, 1)
        assert row is not None
        assert row.version == 2
        assert row.origin == SAMPLE_SITE.code


def test_the_code_cannot_change_once_records_carry_it(db: Database) -> None:
    from djdesk.services.checkin.grids import save_grid

    save_site(db, SAMPLE_SITE, actor=Actor.system())
    moved = replace(SAMPLE_SITE, code="511502003013")
    assert save_site(db, moved, actor=Actor.system()).code == "511502003013"  # nothing yet
    save_grid(db, name="东风一网格", actor=Actor.system())
    with pytest.raises(ValidationErrors) as caught:
        save_site(db, SAMPLE_SITE, actor=Actor.system())
    error = caught.value.for_field("code")
    assert error is not None and "不能再更改" in error.reason and "511502003013" in error.reason
    site = get_site(db)
    assert site is not None and site.code == "511502003013"
    renamed = save_site(db, replace(moved, phone="0831-8220000"), actor=Actor.system())
    assert renamed.phone == "0831-8220000"  # other fields still change
