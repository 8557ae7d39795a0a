"""Fixtures for the agreements screens: units (one complete, one lacking its Party details),
agreements in several states, the 协议管理 page, and captured warning boxes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from djdesk.services.agreements.printing import print_agreement
from djdesk.services.agreements.records import create_agreement, sign_agreement
from djdesk.services.agreements.rules import years_later
from djdesk.services.agreements.types import AgreementInfo
from djdesk.services.checkin.units import UnitInfo, save_unit
from djdesk.services.documents import Destination
from djdesk.ui.agreements.agreements_page import AgreementsPage
from djdesk.ui.common.context import UiContext
from tests.helpers.printers import PdfPrinters, pdf_printers
from tests.services.agreements.conftest import FULL_UNIT, agreement_input

__all__ = ["PdfPrinters", "pdf_printers"]

BARE_UNIT = replace(
    FULL_UNIT, name="宜宾市翠屏区某某公司", party_org="", secretary="", liaison_name=""
)


@pytest.fixture
def unit(ctx: UiContext) -> UnitInfo:
    return save_unit(ctx.db, FULL_UNIT, actor=ctx.actor)


@pytest.fixture
def bare_unit(ctx: UiContext) -> UnitInfo:
    return save_unit(ctx.db, BARE_UNIT, actor=ctx.actor)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    return shown


@pytest.fixture
def draft(ctx: UiContext, unit: UnitInfo) -> AgreementInfo:
    return create_agreement(ctx.db, agreement_input(unit.id), actor=ctx.actor)


def expiring_signed(ctx: UiContext, unit_id: int, days: int = 10) -> AgreementInfo:
    """A signed three-year agreement ending in ``days`` days."""
    today = date.today()
    end = today + timedelta(days=days)
    start = years_later(end, -3) + timedelta(days=1)
    data = agreement_input(unit_id, starts_on=start, ends_on=end)
    draft = create_agreement(ctx.db, data, actor=ctx.actor)
    out = ctx.paths.output_dir / f"signed-{draft.id}.pdf"
    print_agreement(ctx.db, draft.id, Destination.file(out), actor=ctx.actor)
    return sign_agreement(ctx.db, draft.id, today, actor=ctx.actor)


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext) -> AgreementsPage:
    widget = AgreementsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
