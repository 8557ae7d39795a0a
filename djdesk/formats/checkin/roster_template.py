"""The clean roster template (在职党员到社区报到花名册) units are asked to fill in.

Sheet 1 has a title, a 填报单位/填报日期 line, a bold header with sensible widths, the ID and
phone columns stored as text (so Excel never turns an ID into ``5.11502E+17``), drop-down
lists for 性别/政治面貌/民族/单位类别, and one grey example row marked 示例 that the import
passes over. Sheet 2 (填写说明) explains every column in Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from djdesk.errors import DjdeskError
from djdesk.formats.checkin.roster_columns import EXAMPLE_MARK
from djdesk.validation.vocabulary import (
    AVAILABLE_TIMES,
    CIRCLED,
    ETHNICITIES,
    POLITICAL_STATUSES,
    UNIT_CATEGORIES,
)

TITLE = "在职党员到社区报到花名册"
HEADER_ROW = 3
EXAMPLE_ROW = 4
FIRST_DATA_ROW = 5
DATA_ROWS = 500  # rows prepared with text format and drop-down lists

# (header, width, text format, explanation)
COLUMNS: tuple[tuple[str, int, bool, str], ...] = (
    ("序号", 6, False, "可不填；示例行标为“示例”，导入时跳过。"),
    ("姓名", 10, False, "必填，与身份证一致。"),
    ("公民身份号码", 21, True, "必填，18 位；该列已设为文本格式，请勿改成数字，否则后几位会丢失。"),
    ("性别", 6, False, "可不填，按身份证号码自动判断；填写时须与号码一致。"),
    ("民族", 9, False, "填写全称，如 汉族、彝族（可从下拉列表选择）。"),
    ("出生日期", 12, False, "可不填，按身份证号码自动判断。"),
    ("政治面貌", 10, False, "正式党员 或 预备党员。"),
    ("入党时间", 12, False, "如 2005-07-01，也可写 2005.7 或 2005年7月。"),
    ("手机号码", 14, True, "11 位手机号；没有手机时在“固定电话”列填写座机。"),
    ("固定电话", 14, True, "带区号，如 0831-8221234，可不填。"),
    ("工作单位", 28, False, "单位全称，须与社区登记的驻区单位名称一致；新单位可在导入时一并登记。"),
    (
        "单位类别",
        14,
        False,
        "新单位的党组织类别："
        + "、".join(f"{CIRCLED[c - 1]}{n}" for c, n in UNIT_CATEGORIES.items())
        + "。",
    ),
    ("所在党支部", 22, False, "所在党组织（党支部）全称。"),
    ("职务", 12, False, "职务或职级。"),
    ("小区", 14, False, "居住的小区；也可只在本列填写完整住址。"),
    ("楼栋", 6, False, "如 3（表示 3 栋）。"),
    ("单元", 6, False, "如 2（表示 2 单元）。"),
    ("室", 7, False, "如 501。"),
    ("网格", 12, False, "须为社区已设置的网格名称，可不填。"),
    ("认领岗位", 18, False, "须为社区服务岗位清单中的岗位，多个用“、”隔开，可不填。"),
    ("专业特长", 16, False, "多个用“、”隔开，如 法律、医疗卫生。"),
    ("可服务时间", 14, False, "、".join(AVAILABLE_TIMES) + "，多个用“、”隔开。"),
    ("报到日期", 12, False, "可不填，不填时按导入当天登记。"),
    ("备注", 20, False, "其他需要说明的情况。"),
)

EXAMPLE = {
    "序号": EXAMPLE_MARK,
    "姓名": "张三",
    "公民身份号码": "51150219800101001X",
    "性别": "男",
    "民族": "汉族",
    "出生日期": "1980-01-01",
    "政治面貌": "正式党员",
    "入党时间": "2005-07-01",
    "手机号码": "13812345678",
    "工作单位": "宜宾市翠屏区××局",
    "单位类别": "④党政机关",
    "所在党支部": "中共宜宾市翠屏区××局机关支部委员会",
    "职务": "科员",
    "小区": "东风小区",
    "楼栋": "3",
    "单元": "2",
    "室": "501",
    "认领岗位": "政策宣传、环境整治",
    "专业特长": "法律",
    "可服务时间": "周末",
    "报到日期": "2024-05-06",
}

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
_GREY = Font(color="808080", italic=True)


def _list_validation(sheet: Worksheet, column: int, formula: str, prompt: str) -> None:
    letter = get_column_letter(column)
    rule = DataValidation(type="list", formula1=formula, allow_blank=True)
    rule.error = f"请从下拉列表中选择{prompt}"
    rule.errorTitle = "输入有误"
    rule.showErrorMessage = True
    rule.add(f"{letter}{EXAMPLE_ROW}:{letter}{FIRST_DATA_ROW + DATA_ROWS - 1}")
    sheet.add_data_validation(rule)


def _roster_sheet(sheet: Worksheet, unit_name: str) -> None:
    headers = [c[0] for c in COLUMNS]
    last = get_column_letter(len(headers))
    sheet.title = "花名册"
    sheet["A1"] = TITLE
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30
    sheet["A2"] = f"填报单位：{unit_name or '__________________'}        填报日期：____年__月__日"
    sheet.merge_cells(f"A2:{last}2")
    sheet.row_dimensions[2].height = 20
    for index, (header, width, as_text, _) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, index, header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        example = sheet.cell(EXAMPLE_ROW, index, EXAMPLE.get(header))
        example.font = _GREY
        example.border = _BORDER
        if as_text:
            for row in range(EXAMPLE_ROW, FIRST_DATA_ROW + DATA_ROWS):
                sheet.cell(row, index).number_format = "@"
    sheet.row_dimensions[HEADER_ROW].height = 24
    sheet.freeze_panes = f"C{FIRST_DATA_ROW - 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1


def _options_sheet(book: Workbook) -> Worksheet:
    """Hidden lists for the drop-downs (民族 is too long for an inline list)."""
    sheet = book.create_sheet("选项")
    lists = (
        ETHNICITIES,
        POLITICAL_STATUSES,
        ("男", "女"),
        tuple(f"{CIRCLED[c - 1]}{n}" for c, n in UNIT_CATEGORIES.items()),
    )
    for column, values in enumerate(lists, start=1):
        for row, value in enumerate(values, start=1):
            sheet.cell(row, column, value)
    sheet.sheet_state = "hidden"
    return sheet


def _help_sheet(book: Workbook, grids: Sequence[str], posts: Sequence[str]) -> None:
    sheet = book.create_sheet("填写说明", 1)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 90
    sheet["A1"] = "填写说明"
    sheet["A1"].font = Font(size=14, bold=True)
    notes = [
        (
            "总体要求",
            "请在“花名册”表第 5 行起逐行填写，每人一行；不要改动表头，不要合并单元格。"
            "灰色的示例行可保留，导入时会跳过。“姓名”和“公民身份号码”必须填写。",
        ),
        ("日期", "可写成 2023-05-06、2023/5/6、2023.5.6 或 2023年5月6日。"),
        ("号码", "公民身份号码、手机号码两列已设为文本格式，从其他表格粘贴时请选择“只粘贴数值”。"),
    ]
    notes += [(header, text) for header, _w, _t, text in COLUMNS]
    if grids:
        notes.append(("本社区网格", "、".join(grids)))
    if posts:
        notes.append(("本社区服务岗位", "、".join(posts)))
    for row, (topic, text) in enumerate(notes, start=3):
        sheet.cell(row, 1, topic).font = Font(bold=True)
        sheet.cell(row, 2, text).alignment = Alignment(wrap_text=True, vertical="top")


def write_template(
    path: Path | str,
    *,
    unit_name: str = "",
    grids: Sequence[str] = (),
    posts: Sequence[str] = (),
    overwrite: bool = False,
) -> Path:
    """Write the template to ``path`` (refusing to replace a file unless ``overwrite``)."""
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise DjdeskError(f"模板文件名应以 .xlsx 结尾：“{target.name}”。")
    if target.exists() and not overwrite:
        raise DjdeskError(f"文件“{target}”已存在，请换一个文件名，以免覆盖。")
    if not target.parent.is_dir():
        raise DjdeskError(f"文件夹“{target.parent}”不存在。")
    book = Workbook()
    roster = book.active
    assert isinstance(roster, Worksheet)
    _roster_sheet(roster, unit_name)
    _help_sheet(book, grids, posts)
    _options_sheet(book)
    headers = [c[0] for c in COLUMNS]
    for header, column, prompt in (
        ("民族", 1, "民族"),
        ("政治面貌", 2, "政治面貌"),
        ("性别", 3, "性别"),
        ("单位类别", 4, "单位类别"),
    ):
        letter = get_column_letter(column)
        count = (len(ETHNICITIES), len(POLITICAL_STATUSES), 2, len(UNIT_CATEGORIES))[column - 1]
        _list_validation(
            roster, headers.index(header) + 1, f"选项!${letter}$1:${letter}${count}", prompt
        )
    try:
        book.save(target)
    except OSError as exc:
        raise DjdeskError(f"无法写入“{target}”：{exc.strerror or exc}。") from exc
    return target
