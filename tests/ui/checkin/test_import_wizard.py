"""The 导入花名册 wizard, walked page by page with the inline task runner."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from djdesk.actor import Actor
from djdesk.db.models.checkin import CheckIn, Grid, Member, Unit
from djdesk.progress import IMPORT_CANCELLED
from djdesk.services.checkin.grids import save_grid
from djdesk.services.checkin.units import UnitInput, save_unit
from djdesk.ui.checkin.import_rows_model import ImportRowsModel
from djdesk.ui.checkin.import_wizard import ImportWizard
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.tasks import SynchronousTaskRunner
from tests.helpers.roster_sheets import bad_check, make_id, write_book

UNIT = "宜宾市翠屏区教育和体育局"


def messy_sheet(path: Path) -> Path:
    rows = [
        [
            "序号",
            "姓  名",
            "身份证号",
            "联系电话",
            "所在单位",
            "出生年月",
            "入党日期",
            "网格",
            "服务岗位",
        ],
        [
            1,
            "张三",
            make_id(date(1980, 1, 1), 123),
            "13812345678",
            UNIT,
            "1980.01",
            "2005.7",
            "东风一网格",
            "政策宣传",
        ],
        [
            2,
            "李\u3000四",
            make_id(date(1985, 3, 4), 124),
            "１３９１２３４５６７８",
            UNIT,
            198503,
            38899,
            None,
            None,
        ],
        [
            3,
            "王五",
            bad_check(make_id(date(1979, 1, 1), 125)),
            "13812345670",
            UNIT,
            None,
            None,
            None,
            None,
        ],
        [4, "赵六", 5.11502e17, "13812345671", UNIT, None, None, None, None],
        [
            5,
            "钱七",
            make_id(date(1975, 5, 5), 127),
            "13812345672",
            "宜宾市某某科技有限公司",
            None,
            None,
            None,
            None,
        ],
        [
            6,
            "孙八",
            make_id(date(1975, 5, 6), 129),
            "13812345673",
            UNIT,
            None,
            None,
            "西山网格",
            "跳广场舞",
        ],
        [],
        ["合计", "6人"],
    ]
    return write_book(
        path, rows, merges=["A1:I1"], unit_line=f"填报单位：{UNIT}        填报日期：2024年5月6日"
    )


@pytest.fixture
def registered(ctx: UiContext) -> UiContext:
    save_unit(ctx.db, UnitInput(name=UNIT, category=4), actor=Actor.system())
    save_grid(ctx.db, name="东风一网格", actor=Actor.system())
    return ctx


@pytest.fixture
def wizard(qtbot: QtBot, registered: UiContext) -> ImportWizard:
    dialog = ImportWizard(registered)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _member_count(ctx: UiContext) -> int:
    with ctx.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Member)) or 0)


def _to_preview(wizard: ImportWizard, path: Path) -> None:
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.file_page.path_edit.setText(str(path))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page


def test_walk_through_with_new_units(
    qtbot: QtBot, wizard: ImportWizard, registered: UiContext, tmp_path: Path
) -> None:
    source = messy_sheet(tmp_path / "花名册.xlsx")
    _to_preview(wizard, source)
    page = wizard.preview_page
    assert _member_count(registered) == 0  # the check wrote nothing
    assert "工作表“Sheet1”，表头在第 3 行" in page.layout_label.text()
    assert "B列“姓 名”→姓名" in page.mapping_label.text()
    assert page.counts_label.text().startswith("新增 2　更新 0　未变 0　警告 1　拒绝 3")
    assert page.model.rowCount() == 6
    outcomes = [page.model.index(r, ImportRowsModel.COL_OUTCOME).data() for r in range(6)]
    assert outcomes == ["新增", "新增", "拒绝", "拒绝", "拒绝", "警告"]
    warned = page.model.index(5, ImportRowsModel.COL_REASON).data()
    assert warned.startswith("新增；网格“西山网格”不存在，网格留空")
    assert "认领岗位“跳广场舞”不在服务岗位清单中" in warned
    assert not page.grids_box.isHidden()
    assert page.create_grids_button.text() == "创建缺少的网格（1 个）"
    reason = page.model.index(2, ImportRowsModel.COL_REASON).data()
    assert reason == "公民身份号码校验位不正确，请核对号码是否抄错"
    assert page.model.index(2, ImportRowsModel.COL_ROW).data() == "6"
    assert not page.units_box.isHidden()
    assert page.units_label.text() == "宜宾市某某科技有限公司"

    page.filter_combo.setCurrentText("拒绝")
    assert page.proxy.rowCount() == 3
    page.filter_combo.setCurrentText("警告")
    assert page.proxy.rowCount() == 1
    page.filter_combo.setCurrentText("全部")

    page.create_units_check.setChecked(True)  # checks the file again
    assert page.counts_label.text().startswith("新增 3　更新 0　未变 0　警告 1　拒绝 2")
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "开始导入"

    with qtbot.waitSignal(registered.events.changed) as changed:
        wizard.next()
    assert changed.args[0].kind == "member"
    result = wizard.result_page
    assert wizard.currentPage() is result
    assert result.summary_label.text() == (
        "导入完成：新增 3 名，更新 0 名，未变 0 名，警告 1 行（已导入：新增 1 名、更新 0 名），"
        "拒绝 2 行。"
    )
    assert "已登记新单位：宜宾市某某科技有限公司" in result.detail_label.text()
    assert "导入前已备份数据库" in result.detail_label.text()
    listed = result.rejected_text.toPlainText()
    assert "第 6 行：公民身份号码校验位不正确" in listed
    assert "第 9 行：新增；网格“西山网格”不存在" in listed
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert wizard.report is not None and wizard.report.imported == 3
    assert _member_count(registered) == 4
    with registered.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Unit)) == 2


def grid_roster(path: Path) -> Path:
    """A real unit's roster: its 所属网格 names are not grids of this community."""
    rows: list[list[object]] = [["姓名", "身份证号", "手机", "工作单位", "所属网格"]]
    for n in range(1, 5):
        grid = f"第{(n - 1) % 3 + 1}网格" if n < 4 else "东风一网格"
        rows.append([f"党员{n}", make_id(date(1980, 1, n), 123), f"1381234567{n}", UNIT, grid])
    return write_book(path, rows)


def test_missing_grids_are_warnings_and_can_be_created(
    qtbot: QtBot, wizard: ImportWizard, registered: UiContext, tmp_path: Path
) -> None:
    _to_preview(wizard, grid_roster(tmp_path / "网格.xlsx"))
    page = wizard.preview_page
    assert page.counts_label.text() == "新增 1　更新 0　未变 0　警告 3　拒绝 0"
    assert page.grids_label.text().startswith("第1网格、第2网格、第3网格。")
    assert page.create_grids_button.text() == "创建缺少的网格（3 个）"
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()  # warnings import

    qtbot.mouseClick(page.create_grids_button, Qt.MouseButton.LeftButton)  # checks again
    assert page.create_grids
    assert page.counts_label.text() == "新增 4　更新 0　未变 0　警告 0　拒绝 0"
    assert "导入时将新建这些网格" in page.grids_label.text()
    assert page.create_grids_button.text() == "不新建网格"
    assert _grid_names(registered) == ["东风一网格"]  # the check created nothing

    wizard.next()
    result = wizard.result_page
    assert "已新建网格：第1网格、第2网格、第3网格。" in result.detail_label.text()
    assert _grid_names(registered) == ["东风一网格", "第1网格", "第2网格", "第3网格"]
    with registered.db.reading() as session:
        stmt = (
            select(Member.name, Grid.name)
            .select_from(CheckIn)
            .join(CheckIn.member)
            .join(CheckIn.grid)
        )
        grids = dict(session.execute(stmt).all())
    assert grids == {
        "党员1": "第1网格",
        "党员2": "第2网格",
        "党员3": "第3网格",
        "党员4": "东风一网格",
    }


def test_missing_grids_left_empty_when_not_created(
    qtbot: QtBot, wizard: ImportWizard, registered: UiContext, tmp_path: Path
) -> None:
    _to_preview(wizard, grid_roster(tmp_path / "网格.xlsx"))
    page = wizard.preview_page
    qtbot.mouseClick(page.create_grids_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.create_grids_button, Qt.MouseButton.LeftButton)  # 不新建网格
    assert not page.create_grids
    assert page.counts_label.text() == "新增 1　更新 0　未变 0　警告 3　拒绝 0"
    wizard.next()
    result = wizard.result_page
    assert result.summary_label.text() == (
        "导入完成：新增 1 名，更新 0 名，未变 0 名，警告 3 行（已导入：新增 3 名、更新 0 名），"
        "拒绝 0 行。"
    )
    assert "以下各行已导入，部分内容未采用：" in result.rejected_text.toPlainText()
    assert _member_count(registered) == 4
    assert _grid_names(registered) == ["东风一网格"]


def _grid_names(ctx: UiContext) -> list[str]:
    with ctx.db.reading() as session:
        return sorted(session.scalars(select(Grid.name)))


def test_refused_file_is_explained_on_the_preview(
    wizard: ImportWizard, registered: UiContext, tmp_path: Path
) -> None:
    source = tmp_path / "花名册.xls"
    source.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 100)
    _to_preview(wizard, source)
    page = wizard.preview_page
    assert "设有打开密码（加密）的 Excel 文件，或旧版 .xls 文件" in page.error_label.text()
    assert not page.error_label.isHidden()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_no_valid_rows_cannot_be_imported(
    wizard: ImportWizard, registered: UiContext, tmp_path: Path
) -> None:
    source = write_book(tmp_path / "a.xlsx", [["姓名", "身份证号"], ["张三", "1.23E+17"]])
    _to_preview(wizard, source)
    assert "没有可以导入的行" in wizard.preview_page.error_label.text()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_cancelled_import_says_nothing_changed(
    wizard: ImportWizard, registered: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = messy_sheet(tmp_path / "花名册.xlsx")
    _to_preview(wizard, source)
    registered.tasks = SynchronousTaskRunner(cancel_requested=True)
    wizard.next()
    assert wizard.result_page.summary_label.text() == IMPORT_CANCELLED
    assert wizard.report is None
    assert _member_count(registered) == 0


def test_template_link_saves_the_template(
    wizard: ImportWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "模板.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    wizard.file_page.template_link.linkActivated.emit("template")
    assert target.is_file()
    assert str(target) in wizard.file_page.template_status.text()


def test_browse_sets_the_path(wizard: ImportWizard, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("/tmp/花名册.xlsx", ""))
    )
    wizard.file_page.browse_button.click()
    assert wizard.file_page.path_edit.text() == "/tmp/花名册.xlsx"


def test_rows_model_passes_modeltester(
    qtmodeltester: object, wizard: ImportWizard, tmp_path: Path
) -> None:
    _to_preview(wizard, messy_sheet(tmp_path / "花名册.xlsx"))
    model = wizard.preview_page.model
    assert model.rowCount() == 6
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert (
        model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "行号"
    )
    qtmodeltester.check(ImportRowsModel())  # type: ignore[attr-defined]
