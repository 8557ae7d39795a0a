"""What a clerk enters to register a case, and the one function that checks and cleans it.

:func:`validate_case` is the single place where the counter form's text is normalised and
checked (so a shared text-hygiene step can later be routed through it); it raises
:class:`~djdesk.errors.ValidationErrors` naming every bad field in Chinese. Which item the case
is for, and whether that item may be used, is decided by the registration service against the
catalogue version in use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.services.cases.catalog_store import CatalogItemInfo
from djdesk.services.cases.types import CaseResult, CatalogKind
from djdesk.validation.idcard import IdNumberError, parse_id_number
from djdesk.validation.phone import PHONE_HINT, normalize_phone

FIELD_LABELS = {
    "item": "事项",
    "item_name": "事项名称",
    "handled_on": "办理日期",
    "applicant_name": "申请人",
    "applicant_id_number": "公民身份号码",
    "applicant_phone": "联系电话",
    "applicant_address": "住址",
    "materials": "提交材料",
    "handler": "经办人",
    "result": "办理结果",
    "transferred_to": "接收部门",
    "refusal_reason": "不予办理原因",
    "minutes_spent": "用时（分钟）",
    "remarks": "备注",
    "requesting_department": "交办部门",
    "request_reason": "交办事由",
    "facts": "证明内容",
    "purpose": "用途",
    "reviewer": "审核人",
    "verification": "核实方式",
    "subject_name": "被证明人",
    "subject_id_number": "被证明人身份号码",
    "subject_address": "被证明人住址",
}
LIMITS = {
    "item_name": 100,
    "applicant_name": 40,
    "applicant_address": 200,
    "handler": 40,
    "transferred_to": 100,
    "refusal_reason": 300,
    "remarks": 1000,
    "requesting_department": 100,
    "request_reason": 300,
    "facts": 600,
    "purpose": 200,
    "reviewer": 40,
    "verification": 100,
    "subject_name": 40,
    "subject_address": 200,
}
MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class CaseInput:
    """The counter form. ``item_code`` empty and ``outside`` true: a 清单外事项."""

    item_code: str = ""
    outside: bool = False
    item_name: str = ""  # 清单外事项 only: what the work was
    handled_on: date | None = None  # default: today
    applicant_name: str = ""
    applicant_id_number: str = ""
    applicant_phone: str = ""
    applicant_address: str = ""
    materials: tuple[str, ...] = ()
    handler: str = ""
    result: str = CaseResult.DONE
    transferred_to: str = ""
    refusal_reason: str = ""
    minutes_spent: int = 0
    remarks: str = ""
    requesting_department: str = ""
    request_reason: str = ""
    #: 依法证明事项 handled to the end: what the certificate says.
    facts: str = ""
    purpose: str = ""
    reviewer: str = ""
    verification: str = ""
    #: The person certified, when not the applicant (a guardian applying for a ward).
    subject_name: str = ""
    subject_id_number: str = ""
    subject_address: str = ""
    sealed: bool = True


@dataclass(frozen=True)
class CleanCase:
    """A checked case: clean text, the item it is for (``None`` for 清单外事项)."""

    data: CaseInput
    kind: CatalogKind
    item: CatalogItemInfo | None
    handled_on: date
    result: CaseResult
    applicant_gender: str = ""
    subject_gender: str = ""
    issues_certificate: bool = False
    materials: tuple[str, ...] = field(default_factory=tuple)


def _text(value: str, *, lines: bool = False) -> str:
    """NFC, no control characters; one line unless ``lines``; outer spaces stripped."""
    text = unicodedata.normalize("NFC", value)
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]" if lines else r"[\x00-\x1f\x7f]", " ", text)
    if not lines:
        text = " ".join(text.split())
    return text.strip()


def _error(errors: list[ValidationError], name: str, message: str) -> None:
    errors.append(ValidationError(name, message, label=FIELD_LABELS[name]))


def _id_number(
    errors: list[ValidationError], name: str, raw: str, today: date, *, required: bool
) -> tuple[str, str]:
    """(normalised number, gender) or ('', '') with an error noted."""
    if not raw.strip():
        if required:
            _error(errors, name, "依法证明事项必须填写")
        return "", ""
    try:
        parsed = parse_id_number(raw, today=today)
    except IdNumberError as exc:
        _error(errors, name, str(exc))
        return "", ""
    return parsed.value, parsed.gender


def validate_case(data: CaseInput, item: CatalogItemInfo | None, *, today: date) -> CleanCase:
    """Clean and check the form against ``item`` (``None``: a 清单外事项)."""
    errors: list[ValidationError] = []
    multi = {"remarks", "facts"}
    values = {name: _text(getattr(data, name), lines=name in multi) for name in LIMITS}
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            _error(errors, name, f"不能超过 {limit} 个字（现为 {len(values[name])} 个）")
    kind = item.catalog if item is not None else CatalogKind.OUTSIDE
    certificate = kind == CatalogKind.CERTIFICATE
    handled_on = data.handled_on or today
    if handled_on > today:
        _error(errors, "handled_on", "不能晚于今天")
    try:
        result = CaseResult(_text(str(data.result)))
    except ValueError:
        _error(errors, "result", f"应为{'、'.join(CaseResult)}之一")
        result = CaseResult.DONE
    issues = certificate and result == CaseResult.DONE
    if item is None:
        if not values["item_name"]:
            _error(errors, "item_name", "清单外事项须写明所办何事")
        if not values["requesting_department"]:
            _error(errors, "requesting_department", "清单外事项须写明由哪个部门交办")
        if not values["request_reason"]:
            _error(errors, "request_reason", "清单外事项须写明交办事由")
    if certificate and not values["applicant_name"]:
        _error(errors, "applicant_name", "依法证明事项必须填写申请人")
    id_number, gender = _id_number(
        errors, "applicant_id_number", data.applicant_id_number, today, required=certificate
    )
    phone = ""
    if data.applicant_phone.strip():
        phone = normalize_phone(data.applicant_phone) or ""
        if not phone:
            _error(errors, "applicant_phone", PHONE_HINT)
    if not values["handler"]:
        _error(errors, "handler", "请填写经办人")
    if result == CaseResult.TRANSFERRED and not values["transferred_to"]:
        _error(errors, "transferred_to", "转办须写明接收部门")
    if result == CaseResult.REFUSED and not values["refusal_reason"]:
        _error(errors, "refusal_reason", "不予办理须写明原因")
    if not 0 <= data.minutes_spent <= MAX_MINUTES:
        _error(errors, "minutes_spent", f"应在 0–{MAX_MINUTES} 分钟之间")
    materials = tuple(dict.fromkeys(_text(m) for m in data.materials if _text(m)))
    allowed = item.materials if item is not None else ()
    unknown = [m for m in materials if m not in allowed]
    if unknown:
        listed = f"（本事项的材料：{'、'.join(allowed)}）" if allowed else "（本事项没有材料清单）"
        _error(errors, "materials", f"“{'、'.join(unknown)}”不在该事项的材料清单中{listed}")
    subject_id, subject_gender = id_number, gender
    if issues:
        template = item.certificate if item is not None else None
        if template is not None and "{事实}" in template.body and not values["facts"]:
            _error(errors, "facts", "请填写证明的具体内容")
        if data.subject_id_number.strip() or values["subject_name"]:
            if not values["subject_name"]:
                _error(errors, "subject_name", "另填被证明人时须写明姓名")
            subject_id, subject_gender = _id_number(
                errors, "subject_id_number", data.subject_id_number, today, required=True
            )
    if errors:
        raise ValidationErrors(errors)
    if not issues:  # only a certificate names a person certified
        values["subject_name"] = values["subject_address"] = ""
    clean = CaseInput(
        item_code=item.code if item is not None else "",
        outside=item is None,
        handled_on=handled_on,
        applicant_id_number=id_number,
        applicant_phone=phone,
        materials=materials,
        result=result,
        minutes_spent=data.minutes_spent,
        subject_id_number=subject_id if issues else "",
        sealed=data.sealed,
        **values,
    )
    return CleanCase(
        data=clean,
        kind=kind,
        item=item,
        handled_on=handled_on,
        result=result,
        applicant_gender=gender,
        subject_gender=subject_gender,
        issues_certificate=issues,
        materials=materials,
    )
