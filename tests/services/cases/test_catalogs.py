"""Catalogue versions: the shipped sample, loading newer versions, diffs, retired items, search."""

from __future__ import annotations

from pathlib import Path

import pytest

from djdesk.actor import Actor, Role
from djdesk.errors import DjdeskError, PermissionDeniedError, ValidationErrors
from djdesk.formats.cases.catalog_fields import CatalogFileError
from djdesk.services.cases.case_input import CaseInput
from djdesk.services.cases.catalog_load import load_catalog_file
from djdesk.services.cases.catalog_query import (
    catalog_diff,
    catalog_version,
    current_catalog,
    list_versions,
)
from djdesk.services.cases.catalog_search import find_items
from djdesk.services.cases.registration import register_case
from djdesk.services.cases.types import CatalogKind, DiffChange, ItemState
from djdesk.services.store import Database
from tests.helpers.cases_data import SYSTEM, catalog_v2, sample_catalog, write_catalog

CLERK = Actor("clerk", "前台甲", Role.CLERK, user_id=2)


def test_a_fresh_installation_reads_the_shipped_sample(cdb: Database) -> None:
    view = current_catalog(cdb)
    assert not view.header.installed and view.header.sample and view.header.version == 1
    assert view.counts() == {
        CatalogKind.WORK: 34,
        CatalogKind.ASSIST: 37,
        CatalogKind.CERTIFICATE: 22,
    }
    assert list_versions(cdb) == []


def test_loading_version_2_keeps_version_1_and_retires_what_it_drops(
    cdb: Database, tmp_path: Path
) -> None:
    old_case = register_case(cdb, CaseInput(item_code="ZZ-34", handler="李四"), actor=SYSTEM)
    report = load_catalog_file(cdb, write_catalog(tmp_path, catalog_v2()), actor=SYSTEM)
    assert report.previous_version == 1 and report.version == 2
    assert "新增 1 项、停用 1 项、修改 1 项" in report.summary
    assert [v.version for v in list_versions(cdb)] == [2, 1]
    v2 = current_catalog(cdb)
    retired = next(i for i in v2.items if i.code == "ZZ-34")
    assert retired.retired and len(v2.of(CatalogKind.WORK)) == 34
    changes = {e.code: e for e in catalog_diff(cdb, 1, 2)}
    assert changes["ZZ-34"].change == DiffChange.RETIRED
    assert changes["ZZ-35"].change == DiffChange.ADDED
    assert changes["XZ-01"].change == DiffChange.CHANGED and changes["XZ-01"].fields == ("名称",)
    assert "原名“维护社会治安”" in changes["XZ-01"].text
    assert len(catalog_version(cdb, 1).items) == 93  # the old version is still there, whole
    # a case keeps the version it was handled under; the retired item is refused from now on
    assert old_case.catalog_version == 1
    with pytest.raises(ValidationErrors) as info:
        register_case(cdb, CaseInput(item_code="ZZ-34", handler="李四"), actor=SYSTEM)
    assert info.value.errors[0].field == "item" and "已在第 2 版目录中停用" in info.value.message
    done = register_case(cdb, CaseInput(item_code="ZZ-35", handler="李四"), actor=SYSTEM)
    assert done.catalog_version == 2


def test_a_restored_code_shows_as_restored(cdb: Database, tmp_path: Path) -> None:
    load_catalog_file(cdb, write_catalog(tmp_path, catalog_v2()), actor=SYSTEM)
    v3 = sample_catalog()
    v3["version"] = 3
    report = load_catalog_file(cdb, write_catalog(tmp_path, v3, "v3.json"), actor=SYSTEM)
    kinds = {e.code: e.change for e in report.changes}
    assert kinds["ZZ-34"] == DiffChange.RESTORED and kinds["ZZ-35"] == DiffChange.RETIRED


def test_a_dry_run_changes_nothing(cdb: Database, tmp_path: Path) -> None:
    report = load_catalog_file(
        cdb, write_catalog(tmp_path, catalog_v2()), actor=SYSTEM, dry_run=True
    )
    assert report.dry_run and report.summary.startswith("将载入第 2 版目录")
    assert list_versions(cdb) == []


@pytest.mark.parametrize("version", [1, 0])
def test_an_older_or_equal_version_is_refused(cdb: Database, tmp_path: Path, version: int) -> None:
    data = sample_catalog()
    data["version"] = version
    with pytest.raises(DjdeskError) as info:
        load_catalog_file(cdb, write_catalog(tmp_path, data), actor=SYSTEM)
    assert "未载入" in info.value.message
    assert list_versions(cdb) == []


def test_a_catalogue_with_a_blocked_certificate_is_refused(cdb: Database, tmp_path: Path) -> None:
    data = catalog_v2()
    item = data["catalogs"][2]["items"][21]
    item.update(name="无犯罪记录证明")
    item["certificate"]["title"] = "无犯罪记录证明"
    with pytest.raises(CatalogFileError) as info:
        load_catalog_file(cdb, write_catalog(tmp_path, data), actor=SYSTEM)
    assert "ZM-22“无犯罪记录证明”" in info.value.message
    assert "民发〔2020〕20号" in info.value.message and "第 5 项" in info.value.message
    kinship = data["catalogs"][2]["items"][4]
    item.update(name="其他证明")
    item["certificate"]["title"] = "证明"
    kinship["certificate"]["limitation"] = ""  # without 仅限公证 the exception does not apply
    with pytest.raises(CatalogFileError, match="亲属关系证明"):
        load_catalog_file(cdb, write_catalog(tmp_path, data), actor=SYSTEM)
    assert list_versions(cdb) == []


def test_only_an_administrator_loads_a_catalogue(cdb: Database, tmp_path: Path) -> None:
    with pytest.raises(PermissionDeniedError):
        load_catalog_file(cdb, write_catalog(tmp_path, catalog_v2()), actor=CLERK)


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("zm1", "ZM-01"),
        ("ZM-05", "ZM-05"),
        ("居住", "ZM-01"),
        ("jzzm", "ZM-01"),
        ("dyzz", "ZZ-03"),
        ("居住（租住）证明", "ZM-01"),  # full-width brackets, as the name is written
    ],
)
def test_find_items_by_code_name_or_initials(cdb: Database, typed: str, first: str) -> None:
    found = find_items(cdb, typed)
    assert found and found[0].code == first and found[0].state == ItemState.ACTIVE


def test_find_items_shows_blocked_certificates_with_the_reason(cdb: Database) -> None:
    found = find_items(cdb, "无犯罪")
    assert [(m.code, m.state) for m in found] == [("FM-05", ItemState.BLOCKED)]
    assert "民发〔2020〕20号" in found[0].reason
    kinship = find_items(cdb, "亲属关系")
    assert kinship[0].code == "ZM-05" and kinship[0].state == ItemState.ACTIVE
    assert kinship[1].code == "FM-01" and "仅限公证" in kinship[1].reason
    assert find_items(cdb, "  ") == []
