"""The documentation screenshots of 协议管理, the agreement form, 文书模板 and 文书登记.

Called by ``scripts/screenshots.py`` with the demo main window (1366×768, an administrator, demo
agreements): the list with its state badges, a new agreement filled in for a demo unit, the
template editor on a clause with its live preview, and the document register after a few
prints and one 补打.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from djdesk.services.agreements.printing import print_agreement
from djdesk.services.agreements.records import list_agreements
from djdesk.services.agreements.types import AgreementStatus
from djdesk.services.documents import Destination, RegisterQuery, register_page, reprint
from djdesk.services.site.sheet import print_site_sheet
from djdesk.ui.agreements.agreements_page import AgreementsPage
from djdesk.ui.agreements.template_editor_page import TemplateEditorPage
from djdesk.ui.documents.register_page import RegisterPage
from djdesk.ui.main_window import MainWindow


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def _save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def _issue_some(window: MainWindow) -> None:
    """Number a few demo drafts and print the site sheet, then reprint one: the register fills."""
    ctx = window.ctx
    out = ctx.paths.output_dir
    drafts = [a for a in list_agreements(ctx.db) if a.status == AgreementStatus.DRAFT][:2]
    for draft in drafts:
        path = out / f"agreement-{draft.id}.pdf"
        print_agreement(ctx.db, draft.id, Destination.file(path), actor=ctx.actor)
    sheet = print_site_sheet(ctx.db, Destination.file(out / "site-sheet.pdf"), actor=ctx.actor)
    reprint(
        ctx.db, sheet.document_id, Destination.file(out / "r.pdf"), actor=ctx.actor, reason="污损"
    )
    ctx.notify("document_record")
    ctx.notify("agreement")


def shoot_agreements_area(app: QApplication, window: MainWindow, out_dir: Path) -> None:
    """协议管理, the agreement form, 文书模板 with its preview, and 文书登记."""
    _issue_some(window)
    window.show_page("agreements")
    page = window.page("agreements")
    assert isinstance(page, AgreementsPage)
    page.refresh()
    page.view.selectRow(0)
    _settle(app)
    _save(window, out_dir / "agreements-page.png")

    dialog = page.new_agreement()
    form = dialog.form
    form.unit_picker.combo.setCurrentIndex(0)
    form.edits["first_leader"].setText("王丽")
    form.edits["first_liaison"].setText("张敏")
    form.edits["first_phone"].setText("0831-8201234")
    form.starts_edit.set_value(date(2026, 1, 1))
    form.term_buttons[2].click()
    _settle(app)
    _save(dialog, out_dir / "agreement-form.png")
    dialog.discard()

    window.show_page("templates")
    editor = window.page("templates")
    assert isinstance(editor, TemplateEditorPage)
    sections = editor.tree.sections()
    clause = editor.tree.nodes_under(sections[2])[0] if len(sections) > 2 else sections[0]
    editor.tree.setCurrentItem(clause)
    editor.preview.render_now()
    _settle(app)
    _save(window, out_dir / "template-editor.png")

    window.show_page("documents")
    register = window.page("documents")
    assert isinstance(register, RegisterPage)
    register.refresh()
    total = register_page(window.ctx.db, RegisterQuery()).total
    assert total >= 3, total
    register.view.selectRow(0)
    _settle(app)
    _save(window, out_dir / "documents-register.png")
