"""Roster (花名册) sheets as units send them: header synonyms, header-row detection, cell values.

Units build their own sheets, so the header row sits under a title and a 填报单位 line, names vary
(身份证号 / 公民身份号码 / 身份证号码 …), columns come in any order and values arrive as Excel
serial numbers, floats, full-width text or dates typed as ``2023.5.6``. This module turns such
rows into plain text and dates; it knows nothing of the database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

#: Field key → header texts seen in real sheets (compared after :func:`header_key`).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序"),
    "name": ("姓名", "党员姓名", "名字"),
    "id_number": (
        "公民身份号码",
        "身份证号",
        "身份证号码",
        "身份证",
        "身份号码",
        "证件号码",
        "居民身份证号码",
        "身份证件号码",
        "公民身份证号码",
    ),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日"),
    "political_status": ("政治面貌", "党员类别", "党籍状态", "党员身份"),
    "joined_party_on": ("入党时间", "入党日期", "入党年月", "加入党组织日期", "入党时间年月"),
    "phone": ("联系电话", "电话", "联系方式", "电话号码", "联系电话手机"),
    "mobile": ("手机", "手机号码", "手机号", "移动电话", "本人手机"),
    "landline": ("固定电话", "座机", "办公电话", "固话"),
    "unit": ("工作单位", "所在单位", "单位名称", "单位", "工作单位全称", "单位全称", "现工作单位"),
    "unit_category": ("单位类别", "党组织类别", "单位性质"),
    "branch": (
        "所在党支部",
        "党组织",
        "所在党组织",
        "所在党支部名称",
        "党支部",
        "所在支部",
        "所在党组织全称",
        "党组织名称",
        "所属党组织",
        "所属党支部",
    ),
    "post_title": ("职务", "职务职级", "职务/职级", "职级", "现任职务", "职务或职称"),
    "address": (
        "家庭住址",
        "居住地址",
        "现住址",
        "住址",
        "家庭地址",
        "现居住地址",
        "居住地",
        "现居住地",
        "家庭住址小区楼栋单元室",
    ),
    "estate": ("小区", "居住小区", "小区名称"),
    "building": ("楼栋", "栋", "幢", "楼号"),
    "entrance": ("单元",),
    "room": ("室", "门牌号", "房号", "室号"),
    "checked_in_on": ("报到日期", "报到时间", "到社区报到日期", "报到日"),
    "grid": ("网格", "所属网格", "所在网格", "网格名称"),
    "posts": ("认领岗位", "服务岗位", "岗位", "服务意向岗位", "服务意向", "志愿服务岗位"),
    "specialties": ("专业特长", "特长", "个人特长", "个人专长", "专长"),
    "available_times": ("可服务时间", "服务时间"),
    "remarks": ("备注", "说明"),
}

#: How each field is named to the clerk (preview and messages).
FIELD_TITLES: dict[str, str] = {
    "seq": "序号",
    "name": "姓名",
    "id_number": "公民身份号码",
    "gender": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "political_status": "政治面貌",
    "joined_party_on": "入党时间",
    "phone": "联系电话",
    "mobile": "手机号码",
    "landline": "固定电话",
    "unit": "工作单位",
    "unit_category": "单位类别",
    "branch": "所在党支部",
    "post_title": "职务",
    "address": "家庭住址",
    "estate": "小区",
    "building": "楼栋",
    "entrance": "单元",
    "room": "室",
    "checked_in_on": "报到日期",
    "grid": "网格",
    "posts": "认领岗位",
    "specialties": "专业特长",
    "available_times": "可服务时间",
    "remarks": "备注",
}

REQUIRED_FIELDS = ("name", "id_number")
HEADER_SCAN_ROWS = 15
#: Text in the 序号 column of the template's example row; such a row is never imported.
EXAMPLE_MARK = "示例"
TOTAL_MARKS = ("合计", "总计", "小计", "共计")

_BRACKETS = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
_HEADER_NOISE = re.compile(r"[\s*★※:：_]")
_LOOKUP = {header: key for key, names in SYNONYMS.items() for header in names}


def text_of(value: Any) -> str:
    """A cell value as clean text: NFKC (full-width → half-width), spaces collapsed, integral
    floats without ``.0``, dates as ``YYYY-MM-DD``."""
    if value is None:
        return ""
    if type(value) is str:  # the common case first: most cells are text
        return " ".join(unicodedata.normalize("NFKC", value).split())
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(unicodedata.normalize("NFKC", str(value)).split())


def header_key(value: Any) -> str:
    """A header cell reduced for lookup: no spaces, marks (``*``) or bracketed notes."""
    text = text_of(value)
    without_notes = _BRACKETS.sub("", text)
    return _HEADER_NOISE.sub("", without_notes or text)


def field_for_header(value: Any) -> str | None:
    return _LOOKUP.get(header_key(value)) if value is not None else None


@dataclass(frozen=True)
class HeaderMatch:
    """The detected header row of a sheet and which column holds which field."""

    row: int  # 1-based row number in the sheet
    columns: dict[str, int]  # field key → 0-based column index
    headers: tuple[str, ...]  # every header cell's text, by column
    ignored: tuple[str, ...] = field(default=())  # header texts not recognised

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(k for k in REQUIRED_FIELDS if k not in self.columns)


def match_header_row(row_number: int, cells: Sequence[Any]) -> HeaderMatch:
    columns: dict[str, int] = {}
    headers = tuple(text_of(c) for c in cells)
    ignored: list[str] = []
    for index, cell in enumerate(cells):
        key = field_for_header(cell)
        if key is None:
            if headers[index]:
                ignored.append(headers[index])
        elif key not in columns:  # the first of two same-named columns wins
            columns[key] = index
    return HeaderMatch(row_number, columns, headers, tuple(ignored))


def detect_header(rows: Sequence[Sequence[Any]], *, first_row: int = 1) -> HeaderMatch | None:
    """The row (among the first :data:`HEADER_SCAN_ROWS`) with the most recognised headers;
    ``None`` unless it has at least the 姓名 and 身份证 columns."""
    best: HeaderMatch | None = None
    for offset, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = match_header_row(first_row + offset, cells)
        if best is None or len(found.columns) > len(best.columns):
            best = found
    if best is None or best.missing:
        return None
    return best


def required_columns_hint() -> str:
    names = "、".join(f"“{SYNONYMS[k][0]}”" for k in REQUIRED_FIELDS)
    alternatives = "、".join(SYNONYMS["id_number"][:4])
    return f"表头至少要有{names}两列（身份证列也可写作 {alternatives} 等）"


_TITLE_UNIT = re.compile(r"(?:填报|报送|填表)单位[^:：]{0,6}[:：]\s*(?P<name>.*)")
_TITLE_STOP = re.compile(r"\s{2,}|(?:填报|填表|报送)?(?:日期|时间)[:：]|联系人|联系电话|填表人")


def title_unit(rows: Sequence[Sequence[Any]]) -> str:
    """The unit named in a ``填报单位：XXX`` line above the header, or ``""``."""
    for cells in rows:
        texts = [str(c).strip() if c is not None else "" for c in cells]
        for index, raw in enumerate(texts):
            match = _TITLE_UNIT.search(unicodedata.normalize("NFKC", raw))
            if match is None:
                continue
            name = _TITLE_STOP.split(match.group("name"), maxsplit=1)[0]
            name = text_of(name.replace("_", " "))
            if not name:  # the name may sit in the next filled cell
                after = next((t for t in texts[index + 1 :] if t), "")
                if after and not _TITLE_STOP.match(after) and "日期" not in after:
                    name = text_of(after.replace("_", " "))
            return name
    return ""


def is_total_row(texts: Sequence[str]) -> bool:
    """A 合计/总计 line at the bottom of a sheet (checked in its first filled cells)."""
    filled = [t.replace(" ", "") for t in texts if t][:3]
    return any(t.startswith(TOTAL_MARKS) for t in filled)


# -- dates --------------------------------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_TEXT = re.compile(
    r"(?P<y>\d{4})\s*[.\-/年]\s*(?P<m>\d{1,2})\s*(?:[.\-/月]\s*(?:(?P<d>\d{1,2})\s*日?)?)?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})?")


class CellValueError(ValueError):
    """A cell that cannot be read as what its column needs (Chinese message)."""


@dataclass(frozen=True)
class DateValue:
    value: date
    month_only: bool = False  # 年月 columns (2023.5): the day is 1


def _make_date(year: int, month: int, day: int | None, raw: str) -> DateValue:
    try:
        return DateValue(date(year, month, day or 1), day is None)
    except ValueError:
        raise CellValueError(f"“{raw}”不是真实的日期") from None


def parse_date(value: Any) -> DateValue | None:
    """A date from an Excel date, an Excel serial number or text such as 2023.5.6, 2023-05-06,
    2023/5/6, 2023年5月6日, 20230506, 2023.5 (年月); ``None`` for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return DateValue(value.date())
    if isinstance(value, date):
        return DateValue(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if number.is_integer() and 19000101 <= number <= 21001231:
            return parse_date(str(int(number)))
        if number.is_integer() and 190001 <= number <= 210012 and 1 <= number % 100 <= 12:
            return parse_date(str(int(number)))  # 199005: 年月 typed as a number
        if not number.is_integer() and 1900 <= number < 2101:  # 2023.5 typed as a number
            year, _, fraction = repr(number).partition(".")
            return _make_date(int(year), int(fraction), None, repr(number))
        if 1 <= number < 2958466:  # an Excel serial day number (1900 date system)
            return DateValue(_EXCEL_EPOCH + timedelta(days=int(number)))
        raise CellValueError(f"“{value}”不是日期")
    text = text_of(value)
    match = _DATE_TEXT.fullmatch(text) or _COMPACT.fullmatch(text)
    if match is None:
        raise CellValueError(f"“{text}”不是可识别的日期（可写作 2023-05-06 或 2023.5.6）")
    day = match.group("d")
    return _make_date(int(match.group("y")), int(match.group("m")), int(day) if day else None, text)


# -- identity numbers and phones ------------------------------------------------------------------


def id_number_text(value: Any) -> str:
    """The ID-number cell as text; a number Excel stored as a float has lost its last digits."""
    if isinstance(value, float):
        mantissa, _, exponent = f"{value:.5E}".partition("E")
        shown = f"{mantissa.rstrip('0').rstrip('.')}E{exponent}"
        raise CellValueError(
            f"已被 Excel 存成数字（显示为 {shown}），后几位已丢失，请把该列设为文本后重新录入"
        )
    return text_of(value).replace(" ", "").upper()


_PHONE_SPLIT = re.compile(r"[/／,，;；、\s]+")


def split_phones(value: Any) -> tuple[str, str]:
    """(mobile, landline) from one 联系电话 cell; text that is neither stays in ``mobile`` so
    validation names it."""
    from djdesk.validation.phone import normalize_landline, normalize_mobile

    text = text_of(value)
    if not text:
        return "", ""
    mobile = landline = ""
    parts = [p for p in _PHONE_SPLIT.split(text) if p]
    for part in parts:
        if not mobile and normalize_mobile(part):
            mobile = part
        elif not landline and normalize_landline(part):
            landline = part
    if not mobile and not landline:
        return text, ""
    return mobile, landline


# -- addresses ------------------------------------------------------------------------------------

_ADDRESS = re.compile(
    r"(?P<estate>.*?\D)\s*(?P<building>[0-9A-Za-z]{1,4})\s*(?:栋|幢|号楼|座|-)\s*"
    r"(?:(?P<entrance>\d{1,2})\s*(?:单元|-)\s*)?(?P<room>\d{1,5})\s*(?:室|号)?"
)


@dataclass(frozen=True)
class Address:
    estate: str
    building: str = ""
    entrance: str = ""
    room: str = ""


def split_address(value: Any) -> Address:
    """``XX小区3栋2单元501`` or ``XX小区3-2-501`` → parts; anything else stays whole in estate."""
    text = text_of(value)
    match = _ADDRESS.fullmatch(text)
    if match is None:
        return Address(text)
    estate = match.group("estate").strip(" -,，")
    if not estate:
        return Address(text)
    return Address(
        estate, match.group("building"), match.group("entrance") or "", match.group("room")
    )


def strip_suffix(text: str, *suffixes: str) -> str:
    for suffix in suffixes:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text
