"""The member registration form: its fields, choice lists and validation (domain.md §2.3).

Kept apart from the check-in service so the counter form, the roster import and the demo data
all validate through the same rules. Text hygiene (invisible and control characters, Excel
error values, maximum lengths) and plausible dates come from :mod:`djdesk.validation.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.validation.idcard import IdNumberError, parse_id_number
from djdesk.validation.phone import normalize_landline, normalize_mobile
from djdesk.validation.text import clean_text, date_problem, text_problem
from djdesk.validation.vocabulary import (
    AVAILABLE_TIMES,
    CHANNELS,
    ETHNICITIES,
    POLITICAL_STATUSES,
    SPECIALTIES,
)

__all__ = [
    "AVAILABLE_TIMES",
    "CHANNELS",
    "ETHNICITIES",
    "POLITICAL_STATUSES",
    "SPECIALTIES",
    "clean_text",
]

FIELD_LABELS = {
    "name": "姓名",
    "gender": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "id_number": "公民身份号码",
    "political_status": "政治面貌",
    "joined_party_on": "入党时间",
    "mobile": "手机号码",
    "landline": "固定电话",
    "unit_id": "工作单位",
    "branch": "所在党支部",
    "post_title": "职务/职级",
    "estate": "小区",
    "building": "楼栋",
    "entrance": "单元",
    "room": "室",
    "specialties": "专业特长",
    "available_times": "可服务时间",
    "remarks": "备注",
    "checked_in_on": "报到日期",
    "grid_id": "网格",
    "posts": "认领岗位",
    "channel": "报到方式",
}


#: Longest text each field may hold (the database columns allow at least this much).
MAX_LENGTHS = {
    "gender": 2,
    "ethnicity": 20,
    "political_status": 8,
    "branch": 150,
    "post_title": 60,
    "estate": 60,
    "building": 20,
    "entrance": 20,
    "room": 20,
    "remarks": 500,
}
#: One specialty or service time, and all of them together.
MAX_ITEM_LENGTH = 20
MAX_LIST_LENGTHS = {"specialties": 200, "available_times": 100}


@dataclass(frozen=True)
class MemberInput:
    """A member's registration data as typed or imported; validated by :func:`validate_member`."""

    name: str = ""
    id_number: str = ""
    gender: str = ""  # empty: taken from the ID number
    ethnicity: str = "汉族"
    birth_date: date | None = None  # None: taken from the ID number
    political_status: str = "正式党员"
    joined_party_on: date | None = None
    mobile: str = ""
    landline: str = ""
    unit_id: int | None = None
    branch: str = ""
    post_title: str = ""
    estate: str = ""
    building: str = ""
    entrance: str = ""
    room: str = ""
    specialties: tuple[str, ...] = ()
    available_times: tuple[str, ...] = ()
    remarks: str = ""


def _years_between(start: date, end: date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def joined_party_problem(joined: date, birth: date | None, *, today: date) -> str | None:
    """What is wrong with a 入党时间 (between the 18th birthday and today), or ``None``.

    The counter's date field asks this as the clerk leaves it; :func:`validate_member` again.
    """
    if problem := date_problem("joined_party_on", joined, today=today):
        return problem
    if birth is None:
        return None
    if joined < birth:
        return f"早于出生日期（{birth:%Y-%m-%d}），请核对"
    if _years_between(birth, joined) < 18:
        return f"入党时未满 18 周岁（出生日期 {birth:%Y-%m-%d}），请核对"
    return None


def validate_member(data: MemberInput, *, today: date | None = None) -> MemberInput:
    """Normalise and check the form; raises :class:`ValidationErrors` naming every bad field."""
    today = today or date.today()
    errors: list[ValidationError] = []

    def bad(field: str, message: str) -> None:
        errors.append(ValidationError(field, message, label=FIELD_LABELS[field]))

    values = {f.name: getattr(data, f.name) for f in fields(MemberInput)}
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = clean_text(value)
            problem = text_problem(values[key], max_length=MAX_LENGTHS.get(key))
            if problem is not None:
                bad(key, problem)
    refused = {e.field for e in errors}
    values["name"] = values["name"].replace(" ", "")
    if not values["name"]:
        bad("name", "不能为空")
    elif "name" not in refused and not 2 <= len(values["name"]) <= 20:
        bad("name", "应为 2–20 个字")

    parsed = None
    if "id_number" not in refused:
        try:
            parsed = parse_id_number(values["id_number"], today=today)
        except IdNumberError as exc:
            bad("id_number", str(exc))
    if parsed is not None:
        values["id_number"] = parsed.value
        if values["gender"] and values["gender"] != parsed.gender:
            bad("gender", f"与公民身份号码不符（号码显示为{parsed.gender}）")
        values["gender"] = parsed.gender
        if values["birth_date"] and values["birth_date"] != parsed.birth_date:
            bad("birth_date", "与公民身份号码中的出生日期不符")
        values["birth_date"] = parsed.birth_date
        if _years_between(parsed.birth_date, today) < 18:
            bad("id_number", "未满 18 周岁，不能作为党员登记")
    if "gender" not in refused and values["gender"] not in ("", "男", "女"):
        bad("gender", "只能是 男 或 女")

    ethnicity = values["ethnicity"] if "ethnicity" not in refused else ""
    if ethnicity and ethnicity not in ETHNICITIES:
        if values["ethnicity"] + "族" in ETHNICITIES:
            values["ethnicity"] += "族"
        else:
            bad("ethnicity", "请填写民族全称，如 汉族、彝族")
    if values["political_status"] in ("中共党员", "党员"):
        values["political_status"] = "正式党员"
    if "political_status" not in refused and values["political_status"] not in POLITICAL_STATUSES:
        bad("political_status", "只能是 正式党员 或 预备党员")
    born = values["birth_date"] if parsed is None else None
    if born is not None and (problem := date_problem("birth_date", born, today=today)):
        bad("birth_date", problem)
    joined = values["joined_party_on"]
    if joined is not None and (
        problem := joined_party_problem(joined, values["birth_date"], today=today)
    ):
        bad("joined_party_on", problem)

    if values["mobile"] and "mobile" not in refused:
        mobile = normalize_mobile(values["mobile"])
        if mobile is None:
            bad("mobile", "应为 11 位手机号，以 13–19 开头（可带 +86）")
        else:
            values["mobile"] = mobile
    if values["landline"] and "landline" not in refused:
        landline = normalize_landline(values["landline"])
        if landline is None:
            bad("landline", "应为带区号的座机号码，如 0831-8221234")
        else:
            values["landline"] = landline
    if (
        not values["mobile"]
        and not values["landline"]
        and not any(e.field in ("mobile", "landline") for e in errors)
    ):
        bad("mobile", "手机号码和固定电话至少填写一项")

    for key in ("specialties", "available_times"):
        items = [clean_text(s) for s in values[key]]
        values[key] = tuple(dict.fromkeys(s for s in items if s))
        problems = [
            f"“{item[:20]}”{problem}"
            for item in values[key]
            if (problem := text_problem(item, max_length=MAX_ITEM_LENGTH))
        ]
        if problems:
            bad(key, problems[0])
        elif len(join_list(values[key])) > MAX_LIST_LENGTHS[key]:
            bad(key, f"合计不能超过 {MAX_LIST_LENGTHS[key]} 个字")
    unknown = [t for t in values["available_times"] if t not in AVAILABLE_TIMES]
    if unknown and "available_times" not in {e.field for e in errors}:
        bad("available_times", f"“{'、'.join(unknown)}”不是可选项（{'、'.join(AVAILABLE_TIMES)}）")
    if errors:
        raise ValidationErrors(errors)
    return replace(data, **values)


def join_list(items: tuple[str, ...] | list[str]) -> str:
    return "、".join(items)


def checkin_date_problem(on: date, today: date) -> str | None:
    """What is wrong with a 报到日期 (not before 2000, not in the future), or ``None``."""
    return date_problem("checked_in_on", on, today=today)


def split_list(text: str) -> tuple[str, ...]:
    parts = text.replace("，", "、").replace(",", "、").replace(";", "、").replace("；", "、")
    return tuple(p.strip() for p in parts.split("、") if p.strip())
