"""Scanned signed copies (checked, stored, verified), the 三张清单 annex, demo agreements and the
即将到期协议 tile."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.errors import DjdeskError
from djdesk.outline import Grid, Heading, PageBreak
from djdesk.paths import AppPaths
from djdesk.services.agreements import scans
from djdesk.services.agreements.area import agreement_tiles
from djdesk.services.agreements.compose import AnnexList, PartyInfo, compose
from djdesk.services.agreements.records import create_agreement, list_agreements
from djdesk.services.agreements.scans import attach_scan, scan_path
from djdesk.services.agreements.templates import default_template
from djdesk.services.agreements.types import AgreementStatus, TemplateKind
from djdesk.services.checkin.units import UnitInfo
from djdesk.services.demo import DemoOptions, fill_demo
from djdesk.services.site.identity import SiteInfo
from tests.services.agreements.conftest import TODAY, agreement_input

SYSTEM = Actor.system()
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_scan_is_stored_and_checked(
    db: Database, unit: UnitInfo, paths: AppPaths, tmp_path: Path
) -> None:
    agreement = create_agreement(db, agreement_input(unit.id), actor=SYSTEM)
    source = tmp_path / "签订扫描件.pdf"
    source.write_bytes(PDF)
    info = attach_scan(db, agreement.id, source, paths=paths, actor=SYSTEM)
    assert info.scan_name == "签订扫描件.pdf" and info.scan_size == len(PDF)
    stored = scan_path(db, agreement.id, paths=paths)
    assert stored.read_bytes() == PDF and stored.is_relative_to(paths.data_dir / "attachments")
    stored.write_bytes(PDF + b"changed")
    with pytest.raises(DjdeskError, match="不一致"):
        scan_path(db, agreement.id, paths=paths)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.docx", b"PK\x03\x04", "类型不受支持"),
        ("scan.pdf", b"", "空文件"),
        ("scan.jpg", PDF, "不是 JPG 文件"),
        ("missing.png", None, "找不到扫描件"),
    ],
)
def test_bad_scans_are_refused(
    db: Database,
    unit: UnitInfo,
    paths: AppPaths,
    tmp_path: Path,
    name: str,
    content: bytes | None,
    message: str,
) -> None:
    agreement = create_agreement(db, agreement_input(unit.id), actor=SYSTEM)
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    with pytest.raises(DjdeskError, match=message):
        attach_scan(db, agreement.id, source, paths=paths, actor=SYSTEM)
    with pytest.raises(DjdeskError, match="还没有上传"):
        scan_path(db, agreement.id, paths=paths)


def test_oversized_scan_is_refused(
    db: Database, unit: UnitInfo, paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scans, "MAX_SCAN_BYTES", 1024)
    source = tmp_path / "big.pdf"
    source.write_bytes(PDF + b"0" * 2048)
    agreement = create_agreement(db, agreement_input(unit.id), actor=SYSTEM)
    with pytest.raises(DjdeskError, match="超过 0 MB 的上限"):
        attach_scan(db, agreement.id, source, paths=paths, actor=SYSTEM)


def test_annex_is_printed_only_with_lists(unit: UnitInfo) -> None:
    doc = default_template(TemplateKind.AGREEMENT)
    party = PartyInfo("甲党委", "甲社区", "地址", "甲书记", "甲联络", "0831-1234567")
    other = PartyInfo("乙党委", "乙单位", "地址", "乙书记", "乙联络", "13900001111")
    data = agreement_input(unit.id)
    values = {name: name for name in _all_placeholders()}

    def outline(lists: tuple[AnnexList, ...]) -> str:
        return compose(
            doc, data, first=party, second=other, values=values, serial="S", lists=lists
        ).text()

    assert "三张清单" not in outline(()) and "三张清单" not in outline((AnnexList("资源清单", ()),))
    lists = (
        AnnexList("资源清单", (("会议室", "每月开放两次", "张三", "全年"),)),
        AnnexList("需求清单", ()),
    )
    full = compose(doc, data, first=party, second=other, values=values, serial="S", lists=lists)
    assert any(isinstance(b, PageBreak) for b in full.blocks)
    titles = [b.text for b in full.blocks if isinstance(b, Heading)]
    assert "附件：三张清单" in titles and "资源清单" in titles and "需求清单" not in titles
    assert any(isinstance(b, Grid) and b.rows[0][1] == "会议室" for b in full.blocks)


def _all_placeholders() -> list[str]:
    from djdesk.services.agreements.placeholders import PLACEHOLDERS

    return [name for names in PLACEHOLDERS.values() for name in names]


def test_demo_agreements_and_tile(db: Database, site: SiteInfo) -> None:
    assert agreement_tiles(db, today=TODAY)[0].value == "0"
    summary = fill_demo(db, DemoOptions(seed=1, counts={"members": 5}), actor=SYSTEM)
    assert summary.created["agreement"] == 4
    agreements = list_agreements(db)
    statuses = sorted(a.status.value for a in agreements)
    assert statuses == ["已签订", "已签订", "已签订", "草稿"]
    tile = agreement_tiles(db)[0]
    assert tile.title == "即将到期协议" and tile.value == "1" and tile.attention
    assert "还有 12 天" in tile.detail
    later = agreement_tiles(db, today=TODAY + timedelta(days=3650))[0]
    assert later.value == "0" and not later.attention
    soon = [a for a in agreements if a.days_left == 12]
    assert soon and soon[0].status == AgreementStatus.SIGNED and soon[0].serial


def test_numbered_demo_agreement_prints_with_its_number(
    db: Database, site: SiteInfo, tmp_path: Path
) -> None:
    from djdesk.services.agreements.printing import print_agreement
    from djdesk.services.agreements.records import get_agreement
    from djdesk.services.documents import Destination
    from tests.helpers.pdf_text import flat_text

    fill_demo(db, DemoOptions(seed=2, counts={"members": 5}), actor=SYSTEM)
    signed = next(a for a in list_agreements(db) if a.status == AgreementStatus.SIGNED)
    printed = print_agreement(db, signed.id, Destination.file(tmp_path / "a.pdf"), actor=SYSTEM)
    assert printed.serial == signed.serial and printed.copy_number == 0
    assert signed.serial in flat_text((tmp_path / "a.pdf").read_bytes())
    assert get_agreement(db, signed.id).issued_document_id == printed.document_id
