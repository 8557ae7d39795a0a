"""Files the roster import refuses, each with its reason, writing nothing and taking no backup."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.paths import AppPaths
from djdesk.services.accounts.backups import list_backups
from djdesk.services.checkin.roster_import import NoValidRowsError, RosterFileError, import_roster
from tests.helpers.roster_sheets import UNIT, bad_check, db_state, make_id, write_book

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")


def _refused(db: Database, paths: AppPaths, source: Path, match: str) -> None:
    before = db_state(db)
    with pytest.raises(RosterFileError, match=match) as caught:
        import_roster(db, source, actor=Actor.system(), paths=paths)
    assert source.name in caught.value.message or "找不到" in caught.value.message
    assert db_state(db) == before
    assert list_backups(paths) == []


def test_csv_refused(db: Database, paths: AppPaths, site: object, tmp_path: Path) -> None:
    source = tmp_path / "花名册.csv"
    source.write_text("姓名,身份证号\n张三,511502198001011236\n", encoding="utf-8")
    _refused(db, paths, source, "不是 Excel 工作簿（.xlsx）文件")


def test_renamed_text_file_refused(
    db: Database, paths: AppPaths, site: object, tmp_path: Path
) -> None:
    source = tmp_path / "花名册.xlsx"
    source.write_text("这不是表格", encoding="utf-8")
    _refused(db, paths, source, "不是 Excel 工作簿")


@pytest.mark.parametrize("name", ["加密花名册.xlsx", "旧版花名册.xls"])
def test_encrypted_or_old_xls_refused(
    db: Database, paths: AppPaths, site: object, tmp_path: Path, name: str
) -> None:
    source = tmp_path / name
    source.write_bytes(OLE2 + b"\x00" * 504)
    _refused(db, paths, source, "设有打开密码（加密）的 Excel 文件，或旧版 .xls 文件")


def test_broken_zip_refused(db: Database, paths: AppPaths, site: object, tmp_path: Path) -> None:
    source = tmp_path / "坏文件.xlsx"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    _refused(db, paths, source, "文件已损坏或不是有效的 Excel 工作簿")


def test_missing_file_refused(db: Database, paths: AppPaths, site: object, tmp_path: Path) -> None:
    _refused(db, paths, tmp_path / "没有这个文件.xlsx", "找不到文件")


def test_no_header_names_the_required_columns(
    db: Database, paths: AppPaths, site: object, tmp_path: Path
) -> None:
    source = write_book(
        tmp_path / "无表头.xlsx", [["名字啊", "号码"], ["张三", "511502198001011236"]]
    )
    _refused(db, paths, source, "没有找到表头。表头至少要有“姓名”、“公民身份号码”两列")


def test_zero_valid_rows_refused(
    db: Database, paths: AppPaths, site: object, tmp_path: Path
) -> None:
    rows = [
        ["姓名", "身份证号", "手机", "工作单位"],
        ["张三", bad_check(make_id(date(1980, 1, 1))), "13812345678", UNIT],
        ["李四", make_id(date(1981, 1, 1)), "123", "没登记的单位"],
    ]
    source = write_book(tmp_path / "全错.xlsx", rows)
    before = db_state(db)
    with pytest.raises(NoValidRowsError, match="全部 2 行都未通过检查") as caught:
        import_roster(db, source, actor=Actor.system(), paths=paths)
    report = caught.value.report
    assert [r.row for r in report.rejected] == [3, 4]
    assert "手机号码应为 11 位手机号" in report.rejected[1].reason
    assert db_state(db) == before
    assert list_backups(paths) == []


def test_header_without_rows_refused(
    db: Database, paths: AppPaths, site: object, tmp_path: Path
) -> None:
    source = write_book(tmp_path / "空表.xlsx", [["姓名", "身份证号"], [], ["合计", "0人"]])
    with pytest.raises(NoValidRowsError, match="表头以下没有数据行"):
        import_roster(db, source, actor=Actor.system(), paths=paths, dry_run=True)
