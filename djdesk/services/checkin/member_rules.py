"""The member registration form: its fields, choice lists and validation (domain.md §2.3).

Kept apart from the check-in service so the counter form, the roster import and the demo data
all validate through the same rules.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields, replace
from datetime import date

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.validation.idcard import IdNumberError, parse_id_number
from djdesk.validation.phone import normalize_landline, normalize_mobile
from djdesk.validation.vocabulary import (
    AVAILABLE_TIMES,
    CHANNELS,
    ETHNICITIES,
    POLITICAL_STATUSES,
    SPECIALTIES,
)

__all__ = ["AVAILABLE_TIMES", "CHANNELS", "ETHNICITIES", "POLITICAL_STATUSES", "SPECIALTIES"]

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


def clean_text(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).split())


def _years_between(start: date, end: date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


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
    values["name"] = values["name"].replace(" ", "")
    if not values["name"]:
        bad("name", "不能为空")
    elif not 2 <= len(values["name"]) <= 20:
        bad("name", "应为 2–20 个字")

    try:
        parsed = parse_id_number(values["id_number"], today=today)
    except IdNumberError as exc:
        bad("id_number", str(exc))
        parsed = None
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
    if values["gender"] not in ("", "男", "女"):
        bad("gender", "只能是 男 或 女")

    if values["ethnicity"] and values["ethnicity"] not in ETHNICITIES:
        if values["ethnicity"] + "族" in ETHNICITIES:
            values["ethnicity"] += "族"
        else:
            bad("ethnicity", "请填写民族全称，如 汉族、彝族")
    if values["political_status"] in ("中共党员", "党员"):
        values["political_status"] = "正式党员"
    if values["political_status"] not in POLITICAL_STATUSES:
        bad("political_status", "只能是 正式党员 或 预备党员")
    joined = values["joined_party_on"]
    if joined is not None:
        if joined > today:
            bad("joined_party_on", "不能晚于今天")
        elif values["birth_date"] and _years_between(values["birth_date"], joined) < 18:
            bad("joined_party_on", "入党时未满 18 周岁，请核对")

    if values["mobile"]:
        mobile = normalize_mobile(values["mobile"])
        if mobile is None:
            bad("mobile", "应为 11 位手机号，以 13–19 开头（可带 +86）")
        else:
            values["mobile"] = mobile
    if values["landline"]:
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
    unknown = [t for t in values["available_times"] if t not in AVAILABLE_TIMES]
    if unknown:
        bad("available_times", f"“{'、'.join(unknown)}”不是可选项（{'、'.join(AVAILABLE_TIMES)}）")
    for key, limit in (("branch", 150), ("post_title", 60), ("estate", 60), ("remarks", 500)):
        if len(values[key]) > limit:
            bad(key, f"不能超过 {limit} 个字")
    if errors:
        raise ValidationErrors(errors)
    return replace(data, **values)


def join_list(items: tuple[str, ...] | list[str]) -> str:
    return "、".join(items)


def split_list(text: str) -> tuple[str, ...]:
    parts = text.replace("，", "、").replace(",", "、").replace(";", "、").replace("；", "、")
    return tuple(p.strip() for p in parts.split("、") if p.strip())
