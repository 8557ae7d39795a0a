"""The first-run dialog: bad input is shown at the fields and nothing is saved."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor
from djdesk.paths import AppPaths
from djdesk.services.exchange.keys import private_key_path, stored_key
from djdesk.services.site.identity import SiteInput, get_site
from djdesk.services.store import Database
from djdesk.ui.site.site_dialog import SiteDialog
from tests.conftest import SAMPLE_SITE


@pytest.fixture
def dialog(qtbot: QtBot, paths: AppPaths, db: Database) -> SiteDialog:
    widget = SiteDialog(paths, db, actor=Actor.system())
    qtbot.addWidget(widget)
    widget.show()  # never exec(): it would block the test
    return widget


def click_ok(dialog: SiteDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_title_intro_and_buttons(dialog: SiteDialog) -> None:
    assert dialog.windowTitle() == "首次设置 — 本机站点信息"
    texts = [b.text() for b in dialog.buttons.buttons()]
    assert sorted(texts) == sorted(["保存站点信息", "取消"])


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"code": ""}, "code", "不能为空"),
        ({"code": "5115020030"}, "code", "12 位"),
        ({"code": "511502004012"}, "code", "511502003"),
        ({"phone": "12345"}, "phone", "格式不正确"),
    ],
    ids=["empty-code", "ten-digit-code", "code-not-under-street", "bad-phone"],
)
def test_invalid_input_shows_field_errors_and_saves_nothing(
    dialog: SiteDialog,
    paths: AppPaths,
    db: Database,
    changes: dict[str, str],
    field: str,
    expected: str,
) -> None:
    dialog.form.set_value(replace(SAMPLE_SITE, **changes))
    click_ok(dialog)
    assert expected in dialog.form.error_text(field)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.saved_site is None
    assert get_site(db) is None
    assert not private_key_path(paths).exists()


def test_several_errors_at_once(dialog: SiteDialog, db: Database) -> None:
    dialog.form.set_value(SiteInput(level="社区", code="5115020030", phone="12345"))
    click_ok(dialog)
    for field in ("code", "name", "short_name", "street_code", "address", "phone", "party_org"):
        assert dialog.form.error_text(field), field
    assert get_site(db) is None


def test_valid_input_saves_the_site_and_makes_its_key_pair(
    dialog: SiteDialog, paths: AppPaths, db: Database
) -> None:
    form = dialog.form
    for name, text in (
        ("code", SAMPLE_SITE.code),
        ("name", SAMPLE_SITE.name),
        ("short_name", SAMPLE_SITE.short_name),
        ("street_name", SAMPLE_SITE.street_name),
        ("district_name", SAMPLE_SITE.district_name),
        ("address", SAMPLE_SITE.address),
        ("phone", "0831 8221234"),
        ("party_org", SAMPLE_SITE.party_org),
    ):
        form.line_edits[name].setText(text)
    click_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    saved = get_site(db)
    assert saved is not None
    assert saved == dialog.saved_site
    assert saved.street_code == "511502003"  # filled in from the code
    assert saved.phone == "0831-8221234"
    assert saved.serial_prefix == SAMPLE_SITE.short_name
    # The signing key pair exists from set-up on, so the key file can go to the street at once.
    assert private_key_path(paths).is_file()
    with db.reading() as session:
        key = stored_key(session)
        assert key is not None and key.fingerprint


def test_cancel_saves_nothing(dialog: SiteDialog, db: Database) -> None:
    dialog.form.set_value(SAMPLE_SITE)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert get_site(db) is None
