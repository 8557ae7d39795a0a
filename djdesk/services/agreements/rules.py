"""The rules an agreement or responsibility book must meet before it is saved or printed.

:func:`validate_agreement` normalises what the clerk typed and refuses, field by field and in
Chinese, a term that ends before it starts, figures out of range, an empty task table, and a
乙方 whose registry entry lacks what the agreement prints (党组织全称, 书记, 地址, 联络员) — the
parties' details are printed in full, so they must exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from djdesk.db.models.checkin import Unit
from djdesk.errors import ValidationError, ValidationErrors
from djdesk.services.agreements.types import (
    MEETING_FREQUENCIES,
    AgreementInput,
    AgreementKind,
    ContentItem,
    TaskCategory,
    TaskInput,
)
from djdesk.services.checkin.types import UnitStatus
from djdesk.validation.phone import PHONE_HINT, normalize_phone

FIELD_LABELS = {
    "kind": "文书类型",
    "unit_id": "乙方单位",
    "starts_on": "起始日期",
    "ends_on": "终止日期",
    "first_leader": "甲方负责人",
    "first_liaison": "甲方联络员",
    "first_phone": "甲方联系电话",
    "content_items": "共建内容",
    "meeting_frequency": "联席会议频次",
    "projects_per_year": "每年认领项目数",
    "activities_per_year": "每年参加活动次数",
    "open_facilities": "开放设施",
    "copies": "份数",
    "goal": "年度目标",
    "tasks": "目标任务表",
    "remarks": "备注",
}

MAX_TERM_YEARS = 5
MAX_TASKS = 30

#: What the agreement prints about 乙方, from the unit registry: column → label.
UNIT_FIELDS = {
    "party_org": "党组织全称",
    "secretary": "党组织书记（负责人）",
    "address": "单位地址",
    "liaison_name": "联络员",
    "liaison_phone": "联络员电话",
}


def _clean(text: str) -> str:
    """Spaces collapsed; full-width punctuation kept (NFKC would turn ，into ,)."""
    return " ".join(text.split())


def unit_problem(unit: Unit | None) -> str:
    """Why ``unit`` cannot be 乙方 ("" when it can)."""
    if unit is None or unit.deleted_at is not None:
        return "找不到该单位"
    if unit.status != UnitStatus.ACTIVE:
        return f"单位“{unit.name}”已{unit.status}，不能签订协议"
    missing = [label for key, label in UNIT_FIELDS.items() if not str(getattr(unit, key)).strip()]
    if missing:
        return f"单位“{unit.name}”缺少{'、'.join(missing)}，请先在“驻区单位”中补全"
    return ""


def _task_errors(tasks: tuple[TaskInput, ...]) -> tuple[tuple[TaskInput, ...], list[str]]:
    problems: list[str] = []
    clean: list[TaskInput] = []
    categories = [c.value for c in TaskCategory]
    for row, task in enumerate(tasks, start=1):
        t = TaskInput(
            category=_clean(task.category),
            task=_clean(task.task),
            target=_clean(task.target),
            deadline=_clean(task.deadline),
            score=task.score,
        )
        if t.category not in categories:
            problems.append(f"第 {row} 项的任务类别应为 {'、'.join(categories)} 之一")
        for value, label, limit in ((t.task, "具体任务", 200), (t.target, "量化指标", 200)):
            if not value:
                problems.append(f"第 {row} 项的{label}不能为空")
            elif len(value) > limit:
                problems.append(f"第 {row} 项的{label}不能超过 {limit} 个字")
        if not t.deadline or len(t.deadline) > 40:
            problems.append(f"第 {row} 项的完成时限不能为空，且不超过 40 个字")
        if not 1 <= t.score <= 100:
            problems.append(f"第 {row} 项的分值应为 1–100 分")
        clean.append(t)
    return tuple(clean), problems


def validate_agreement(data: AgreementInput, unit: Unit | None) -> AgreementInput:
    """Normalised ``data``, or :class:`ValidationErrors` naming every bad field."""
    errors: list[ValidationError] = []

    def bad(field: str, message: str) -> None:
        errors.append(ValidationError(field, message, label=FIELD_LABELS[field]))

    kind = AgreementKind(data.kind)
    clean = replace(
        data,
        kind=kind,
        first_leader=_clean(data.first_leader),
        first_liaison=_clean(data.first_liaison),
        first_phone=_clean(data.first_phone),
        meeting_frequency=_clean(data.meeting_frequency),
        open_facilities=_clean(data.open_facilities),
        goal=data.goal.strip(),
        remarks=data.remarks.strip(),
    )
    if problem := unit_problem(unit):
        bad("unit_id", problem)
    if clean.ends_on <= clean.starts_on:
        bad("ends_on", f"不能早于或等于起始日期 {clean.starts_on:%Y-%m-%d}（期限结束在开始之前）")
    elif clean.ends_on > years_later(clean.starts_on, MAX_TERM_YEARS):
        bad("ends_on", f"期限不能超过 {MAX_TERM_YEARS} 年")
    for field in ("first_leader", "first_liaison"):
        value = getattr(clean, field)
        if not value:
            bad(field, "不能为空（协议中要印出双方的负责人和联络员）")
        elif len(value) > 40:
            bad(field, "不能超过 40 个字")
    if clean.first_phone:
        phone = normalize_phone(clean.first_phone)
        if phone is None:
            bad("first_phone", f"格式不正确，{PHONE_HINT}")
        else:
            clean = replace(clean, first_phone=phone)
    if not 2 <= clean.copies <= 5:
        bad("copies", "应为 2–5 份")
    if len(clean.remarks) > 2000:
        bad("remarks", "不能超过 2000 个字")
    if kind == AgreementKind.AGREEMENT:
        _check_agreement_terms(clean, bad)
    else:
        tasks, problems = _task_errors(clean.tasks)
        clean = replace(clean, tasks=tasks)
        if not tasks:
            bad("tasks", "不能为空，至少要有一项目标任务")
        elif len(tasks) > MAX_TASKS:
            bad("tasks", f"不能超过 {MAX_TASKS} 项")
        for problem in problems:
            bad("tasks", problem)
        if not clean.goal:
            bad("goal", "不能为空")
        elif len(clean.goal) > 1000:
            bad("goal", "不能超过 1000 个字")
    if errors:
        raise ValidationErrors(errors)
    return clean


def _check_agreement_terms(clean: AgreementInput, report: Callable[[str, str], None]) -> None:
    items = [i for i in clean.content_items if i]
    unknown = [i for i in items if i not in {c.value for c in ContentItem}]
    if not items:
        report("content_items", "至少选择一项共建内容")
    elif unknown:
        report("content_items", f"不认识的共建内容：{'、'.join(unknown)}")
    if clean.meeting_frequency not in MEETING_FREQUENCIES:
        report("meeting_frequency", f"应为 {'、'.join(MEETING_FREQUENCIES)} 之一")
    if not 0 <= clean.projects_per_year <= 50:
        report("projects_per_year", "应为 0–50 个")
    if not 0 <= clean.activities_per_year <= 100:
        report("activities_per_year", "应为 0–100 次")
    if len(clean.open_facilities) > 200:
        report("open_facilities", "不能超过 200 个字")


def years_later(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
