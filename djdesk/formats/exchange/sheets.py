"""Excel files of the exchange: the conflict report of an import and the street's reports.

Pure like every format: rows of plain values in, workbook bytes out, laid out by the shared
report sheet (:mod:`djdesk.formats.base.xlsx_report`: title, 填报单位 and date, notes, a frozen
header, A4 landscape).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from djdesk.formats.base.xlsx_report import SheetColumn, SheetSpec, build_xlsx

C = SheetColumn


@dataclass(frozen=True)
class Layout:
    title: str
    sheet: str
    columns: tuple[SheetColumn, ...]


CONFLICTS = Layout(
    "数据包导入冲突清单",
    "冲突清单",
    (
        C("序号", 6, "CENTER"),
        C("数据表", 14),
        C("行号", 8, "RIGHT"),
        C("所属单位代码", 15),
        C("记录标识", 38),
        C("拒收原因", 70),
    ),
)

#: The street's reports by command-line kind.
STREET: dict[str, Layout] = {
    "street-checkins": Layout(
        "在职党员报到情况汇总表（按社区、单位）",
        "报到汇总",
        (
            C("社区", 20),
            C("工作单位", 36),
            C("在册", 10, "RIGHT"),
            C("已迁出", 10, "RIGHT"),
            C("党员人数", 10, "RIGHT"),
        ),
    ),
    "street-cases": Layout(
        "服务事项办理情况汇总表（按清单、社区）",
        "办件汇总",
        (
            C("社区", 20),
            C("清单", 20),
            C("办件数", 10, "RIGHT"),
            C("办结", 10, "RIGHT"),
            C("转办", 10, "RIGHT"),
            C("不予办理", 10, "RIGHT"),
            C("用时（分钟）", 12, "RIGHT"),
        ),
    ),
    "street-outside": Layout(
        "清单外事项登记汇总表",
        "清单外事项",
        (
            C("社区", 18),
            C("办理日期", 12, "CENTER", "yyyy-mm-dd"),
            C("事项", 30),
            C("交办部门", 20),
            C("交办理由", 30),
            C("经办人", 10),
            C("结果", 10),
        ),
    ),
    "street-rooms": Layout(
        "场地使用情况汇总表（按社区、场地）",
        "场地使用",
        (
            C("社区", 20),
            C("场地", 20),
            C("预约次数", 10, "RIGHT"),
            C("使用小时", 10, "RIGHT"),
            C("参加人次", 10, "RIGHT"),
            C("爽约", 8, "RIGHT"),
        ),
    ),
    "street-duplicates": Layout(
        "跨社区重复报到清单（同一身份证号在两个以上社区在册）",
        "重复报到",
        (C("身份证号", 22), C("姓名", 12), C("在册社区", 40), C("报到日期", 30)),
    ),
    "street-received": Layout(
        "下级单位数据包接收情况",
        "接收情况",
        (
            C("代码", 15),
            C("名称", 28),
            C("最新包号", 10, "RIGHT"),
            C("生成时间", 18),
            C("导入时间", 18),
            C("滞后情况", 40),
        ),
    ),
}


def sheet_bytes(
    layout: Layout,
    rows: Iterable[Sequence[Any]],
    *,
    unit: str,
    on: date,
    notes: Sequence[str] = (),
    total: Sequence[Any] | None = None,
) -> bytes:
    spec = SheetSpec(
        title=layout.title,
        sheet_name=layout.sheet,
        columns=layout.columns,
        info_left=f"填报单位：{unit}",
        info_right=f"统计日期：{on:%Y-%m-%d}",
        notes=tuple(notes),
        total_row=tuple(total) if total is not None else None,
        creator="djdesk",
    )
    return build_xlsx(spec, rows)
