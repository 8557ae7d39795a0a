"""Clause templates: defaults, versions, the checks a saved template passes, export/import, and
old agreements printing byte for byte as they were after the template changed."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from djdesk.actor import Actor, Role
from djdesk.db.session import Database
from djdesk.errors import DjdeskError, PermissionDeniedError, ValidationErrors
from djdesk.formats.agreements.template_file import TemplateDoc, TemplateSection
from djdesk.services.agreements.printing import print_agreement
from djdesk.services.agreements.records import create_agreement, get_agreement
from djdesk.services.agreements.templates import (
    current_template,
    default_template,
    export_template,
    import_template,
    save_template,
    template_versions,
)
from djdesk.services.agreements.types import TemplateKind
from djdesk.services.checkin.units import UnitInfo
from djdesk.services.documents import Destination, reproduce
from djdesk.services.site.identity import SiteInfo
from tests.helpers.pdf_text import flat_text
from tests.services.agreements.conftest import TODAY, agreement_input

ADMIN = Actor.system()


def with_clause(doc: TemplateDoc, key: str, index: int, text: str) -> TemplateDoc:
    sections = []
    for section in doc.sections:
        if section.key == key:
            clauses = list(section.clauses)
            clauses[index] = text
            section = replace(section, clauses=tuple(clauses))
        sections.append(section)
    return replace(doc, sections=tuple(sections))


@pytest.mark.parametrize("kind", list(TemplateKind))
def test_shipped_defaults_are_valid(kind: TemplateKind) -> None:
    doc = default_template(kind)
    assert doc.kind == kind.value and doc.sections


def test_saving_adds_versions(db: Database, site: SiteInfo) -> None:
    kind = TemplateKind.AGREEMENT
    assert current_template(db, kind)[0] == 1
    doc = with_clause(
        default_template(kind), "principles", 0, "双方坚持{甲方名称}与{乙方名称}共同提高。"
    )
    assert save_template(db, kind, doc, actor=ADMIN, note="改写原则") == 2
    version, current = current_template(db, kind)
    assert version == 2 and current.section("principles") == doc.section("principles")
    versions = template_versions(db, kind)
    assert [(v.version, v.note) for v in versions] == [
        (2, "改写原则"),
        (1, "默认模板（随程序提供）"),
    ]
    assert "甲方名称" in versions[0].placeholders_used
    with pytest.raises(DjdeskError, match="完全相同"):
        save_template(db, kind, doc, actor=ADMIN, note="改写原则")
    clerk = Actor("wang", "王前台", Role.CLERK, user_id=3)
    with pytest.raises(PermissionDeniedError):
        save_template(db, kind, default_template(kind), actor=clerk)


def test_unknown_placeholder_is_refused(db: Database, site: SiteInfo) -> None:
    kind = TemplateKind.AGREEMENT
    doc = with_clause(default_template(kind), "term", 0, "本协议期限为{协议年限}，{甲方名称")
    with pytest.raises(ValidationErrors) as caught:
        save_template(db, kind, doc, actor=ADMIN)
    text = caught.value.message
    assert "第 9 节“协议期限”第 1 条：未知的占位符 {协议年限}" in text
    assert "可用：" in text and "协议期限" in text
    assert "大括号不成对" in text
    assert current_template(db, kind)[0] == 1  # nothing saved


def test_empty_or_missing_required_section_is_refused(db: Database, site: SiteInfo) -> None:
    kind = TemplateKind.RESPONSIBILITY
    doc = default_template(kind)
    emptied = replace(
        doc,
        sections=tuple(
            replace(s, clauses=("   ",)) if s.key == "scoring" else s
            for s in doc.sections
            if s.key != "results"
        ),
    )
    with pytest.raises(ValidationErrors) as caught:
        save_template(db, kind, emptied, actor=ADMIN)
    text = caught.value.message
    assert "“考核办法”：这一节是必需的，不能为空" in text
    assert "缺少必需的一节“结果运用”（key：results）" in text


def test_card_and_checklist_rules(db: Database, site: SiteInfo) -> None:
    card = default_template(TemplateKind.CONTACT_CARD)
    extra = replace(card, sections=(*card.sections, TemplateSection("extra", "第八项", ("x",))))
    with pytest.raises(ValidationErrors, match="只有固定的七项"):
        save_template(db, TemplateKind.CONTACT_CARD, extra, actor=ADMIN)
    agreement = default_template(TemplateKind.AGREEMENT)
    content = agreement.section("content")
    assert content is not None
    fewer = replace(content, items=(*content.items[:-1], ("联谊", "x")))
    broken = replace(
        agreement,
        sections=tuple(fewer if s.key == "content" else s for s in agreement.sections),
    )
    with pytest.raises(ValidationErrors) as caught:
        save_template(db, TemplateKind.AGREEMENT, broken, actor=ADMIN)
    assert "缺少条目“治理共商”" in caught.value.message
    assert "不认识的条目“联谊”" in caught.value.message
    with pytest.raises(ValidationErrors, match="不是区域化党建目标责任书"):
        save_template(db, TemplateKind.RESPONSIBILITY, agreement, actor=ADMIN)


def test_export_import_round_trip(db: Database, site: SiteInfo, tmp_path: Path) -> None:
    kind = TemplateKind.CONTACT_CARD
    path = export_template(db, kind, tmp_path / "card.json")
    raw = json.loads(path.read_text("utf-8"))
    assert raw["format"] == "djdesk-template" and raw["kind"] == "contact-card"
    raw["sections"][1]["heading"] = "问题征集"
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    assert import_template(db, kind, path, actor=ADMIN) == 2
    assert template_versions(db, kind)[0].note == "导入自 card.json"
    assert current_template(db, kind)[1].sections[1].heading == "问题征集"
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "djdesk-template", "format_version": 1,', "utf-8")
    with pytest.raises(DjdeskError, match="不是有效的 JSON：第 1 行"):
        import_template(db, kind, bad, actor=ADMIN)
    binary = tmp_path / "scan.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(DjdeskError, match="不是 UTF-8"):
        import_template(db, kind, binary, actor=ADMIN)
    with pytest.raises(DjdeskError, match="找不到文件"):
        import_template(db, kind, tmp_path / "missing.json", actor=ADMIN)


def test_old_agreements_reproduce_byte_for_byte(
    db: Database, unit: UnitInfo, tmp_path: Path
) -> None:
    old = create_agreement(db, agreement_input(unit.id), actor=ADMIN)
    out = tmp_path / "old.pdf"
    printed = print_agreement(
        db, old.id, Destination.file(out), actor=ADMIN, invariant=True, today=TODAY
    )
    original = out.read_bytes()
    kind = TemplateKind.AGREEMENT
    changed = with_clause(default_template(kind), "principles", 0, "新版原则：双方{乙方名称}共建。")
    assert save_template(db, kind, changed, actor=ADMIN) == 2
    # the register rebuilds the old agreement from the text it was printed with
    assert reproduce(db, printed.document_id, invariant=True) == original
    assert get_agreement(db, old.id).template_version == 1
    # a reprint says the old words (and 补打); a new agreement uses the new version
    again = tmp_path / "again.pdf"
    print_agreement(db, old.id, Destination.file(again), actor=ADMIN, reason="遗失", today=TODAY)
    text = flat_text(again.read_bytes())
    assert "新版原则" not in text and "资源共享、优势互补" in text and "补打" in text
    new = create_agreement(db, agreement_input(unit.id), actor=ADMIN)
    new_out = tmp_path / "new.pdf"
    print_agreement(db, new.id, Destination.file(new_out), actor=ADMIN, today=TODAY)
    assert "新版原则" in flat_text(new_out.read_bytes())
    assert get_agreement(db, new.id).template_version == 2


@pytest.mark.parametrize("kind", list(TemplateKind))
def test_template_preview_on_sample_data(db: Database, site: SiteInfo, kind: TemplateKind) -> None:
    from djdesk.services.agreements.previews import template_preview

    doc = default_template(kind)
    text = flat_text(template_preview(db, kind, doc))
    assert "样张" in text and "示例单位" in text and site.party_org in text
    broken = with_clause(doc, doc.sections[1].key, 0, "{不存在的占位符}")
    with pytest.raises(ValidationErrors, match="未知的占位符"):
        template_preview(db, kind, broken)
    assert template_versions(db, kind)[0].created_by == ""  # nothing was saved


def test_templates_of_other_sites_stay_theirs(db: Database, site: SiteInfo) -> None:
    """A street holds its communities' template versions (they travel with their records);
    its own current version, version list and numbering ignore them."""
    from djdesk.db.models.agreements import AgreementTemplate
    from djdesk.formats.agreements.template_file import dump_template

    kind = TemplateKind.AGREEMENT
    theirs = with_clause(default_template(kind), "principles", 0, "社区自己的原则条款。")
    with db.engine.begin() as conn:
        conn.execute(
            AgreementTemplate.__table__.insert().values(
                uid="c0ffee00-0000-4000-8000-000000000001",
                origin="511502003099",
                version=1,
                kind=kind.value,
                version_number=5,
                body=dump_template(theirs),
                note="社区第 5 版",
                created_by="clerk",
                created_at=datetime(2026, 1, 1, tzinfo=UTC),
                updated_at=datetime(2026, 1, 1, tzinfo=UTC),
            )
        )
    assert current_template(db, kind)[0] == 1
    assert [v.version for v in template_versions(db, kind)] == [1]
    mine = with_clause(default_template(kind), "principles", 0, "本街道的原则条款。")
    assert save_template(db, kind, mine, actor=ADMIN, note="街道改写") == 2
    assert current_template(db, kind)[1].section("principles") == mine.section("principles")
