"""The street publishes catalogue versions; communities install the newer ones."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from djdesk.formats.exchange.catalog_out import catalog_file_bytes
from djdesk.formats.exchange.errors import PackageRefusedError, RefusalKind
from djdesk.services.cases.catalog_load import load_catalog_file
from djdesk.services.cases.catalog_query import current_catalog
from djdesk.services.cases.catalog_store import shipped_catalog
from djdesk.services.exchange.importing import import_package
from djdesk.services.exchange.partners import trust_upper
from djdesk.services.exchange.publish import publish_reference
from djdesk.services.exchange.verify import verify_package
from tests.helpers.exchange import ACTOR, rewrite_package, site_key, state
from tests.services.exchange.conftest import World


def _street_loads_version_2(world: World) -> None:
    sample = shipped_catalog()
    first = sample.catalogs[0]
    renamed = replace(first.items[0], name="三会一课、主题党日等党的组织生活")
    catalogs = (replace(first, items=(renamed, *first.items[1:])), *sample.catalogs[1:])
    v2 = replace(sample, version=2, sample=False, issuer="翠屏区社区减负工作领导小组办公室")
    path = world.root / "catalog-v2.json"
    path.write_bytes(catalog_file_bytes(replace(v2, catalogs=catalogs)))
    load_catalog_file(world.street.db, path, actor=ACTOR)


def _published(world: World) -> Path:
    _street_loads_version_2(world)
    out = world.root / "down-1.zip"
    result = publish_reference(world.street.paths, world.street.db, out, actor=ACTOR)
    assert result.counts == {"catalog": 2} and result.sequence == 1
    return out


def test_community_installs_the_newer_catalogue(world: World) -> None:
    package = _published(world)
    trust_upper(world.community.db, world.street_key, actor=ACTOR)
    report = verify_package(world.community.paths, world.community.db, package)
    assert report.problems == () and report.kind.value == "reference"
    result = import_package(world.community.paths, world.community.db, package, actor=ACTOR)
    counts = {t.table: (t.new, t.unchanged, t.refused) for t in result.tables}
    assert counts == {"catalog": (1, 1, 0)}
    view = current_catalog(world.community.db)
    assert view.header.version == 2 and "东城街道" in view.header.source
    assert view.items[0].name == "三会一课、主题党日等党的组织生活"
    again = import_package(world.community.paths, world.community.db, package, actor=ACTOR)
    assert again.already_imported


def test_reference_package_needs_the_trusted_upper_key(world: World) -> None:
    package = _published(world)
    before = state(world.community.file)
    with pytest.raises(PackageRefusedError) as caught:
        import_package(world.community.paths, world.community.db, package, actor=ACTOR)
    assert caught.value.refusal == RefusalKind.UNKNOWN_SENDER
    assert state(world.community.file) == before


def test_a_blocked_certificate_in_a_published_catalogue_is_refused(world: World) -> None:
    package = _published(world)
    trust_upper(world.community.db, world.street_key, actor=ACTOR)

    def blocked(files: dict[str, bytes]) -> None:
        data = json.loads(files["reference/catalog-2.json"])
        item = data["catalogs"][2]["items"][0]
        item["name"] = "无犯罪记录证明"
        item["certificate"]["title"] = "无犯罪记录证明"
        files["reference/catalog-2.json"] = json.dumps(data, ensure_ascii=False).encode()

    forged = rewrite_package(
        package, world.root / "down-x.zip", private_key=site_key(world.street), members=blocked
    )
    result = import_package(world.community.paths, world.community.db, forged, actor=ACTOR)
    assert result.total("refused") == 1 and "无犯罪记录证明" in result.conflicts[0].reason
    assert current_catalog(world.community.db).header.version == 1


def test_published_agreement_template_becomes_the_communitys_next_version(world: World) -> None:
    from djdesk.services.agreements.templates import current_template, save_template
    from djdesk.services.agreements.types import TemplateKind

    kind = TemplateKind.AGREEMENT
    _, doc = current_template(world.street.db, kind)
    first = doc.sections[0]
    changed = replace(first, clauses=(*first.clauses, "双方每年至少共同研究一次共建工作。"))
    street_doc = replace(doc, sections=(changed, *doc.sections[1:]))
    save_template(world.street.db, kind, street_doc, actor=ACTOR, note="街道统一修订")
    out = world.root / "down-1.zip"
    result = publish_reference(world.street.paths, world.street.db, out, actor=ACTOR)
    assert result.counts.get("template_agreement") == 1
    trust_upper(world.community.db, world.street_key, actor=ACTOR)
    done = import_package(world.community.paths, world.community.db, out, actor=ACTOR)
    assert {t.table: t.new for t in done.tables}["template_agreement"] == 1
    number, installed = current_template(world.community.db, kind)
    assert installed.sections[0].clauses == changed.clauses and number >= 2
    second = world.root / "down-2.zip"
    publish_reference(world.street.paths, world.street.db, second, actor=ACTOR)
    again = import_package(world.community.paths, world.community.db, second, actor=ACTOR)
    assert {t.table: t.unchanged for t in again.tables}["template_agreement"] == 1
    assert current_template(world.community.db, kind)[0] == number
