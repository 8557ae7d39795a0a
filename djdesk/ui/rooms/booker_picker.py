"""Choosing who books: a registered booker of one of the five categories, a unit of the unit
registry, or a walk-in typed on the spot (name and phone).

The clerk picks the category, then types a few characters of the name (or the first digits of
the phone): the list under the field offers the registered bookers that match — for 驻区单位
the units of the unit registry too. Choosing one fills in the phone; typing a name nobody has
makes a walk-in, registered with the booking. :attr:`BookerPicker.chosen` carries the chosen
booker's record (with a suspension in force, if any), ``None`` for a walk-in.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QStringListModel, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QWidget

from djdesk.services.checkin.units import list_units
from djdesk.services.rooms.bookers import (
    BookerInfo,
    BookerInput,
    get_booker,
    search_bookers,
    unit_booker_input,
)
from djdesk.services.rooms.types import BookerCategory
from djdesk.services.store import Database
from djdesk.validation.masking import mask_phone

SEARCH_LIMIT = 30


@dataclass(frozen=True)
class Offer:
    """One line of the list: a registered booker or a unit of the registry."""

    text: str
    booker_id: int | None = None
    unit_id: int | None = None


def offer_text(info: BookerInfo) -> str:
    return f"{info.name}（{mask_phone(info.phone)}）" if info.phone else info.name


class BookerPicker(QWidget):
    """Category, name (with suggestions) and phone, on one row."""

    #: The booker chosen from the list (``BookerInfo``), or ``None`` once the clerk types.
    chosen = Signal(object)
    edited = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.offers: dict[str, Offer] = {}
        self.booker: BookerInfo | None = None
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("field_booker_category")
        for category in BookerCategory:
            self.category_combo.addItem(category.value, category.value)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("field_booker")
        self.name_edit.setPlaceholderText("输入姓名、团队或单位名称中的几个字，或电话开头")
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("field_booker_phone")
        self.phone_edit.setPlaceholderText("联系电话")
        self.phone_edit.setToolTip("新的预约对象须留电话（居民必填）")
        self.phone_edit.setMaximumWidth(190)
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        # The service has filtered the list already (names contain, phones start with).
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.name_edit.setCompleter(self.completer)
        self.completer.activated.connect(self.choose_text)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.search)
        self.name_edit.textEdited.connect(self._typed)
        self.phone_edit.textEdited.connect(lambda _t: self.edited.emit())
        self.category_combo.currentIndexChanged.connect(self._category_changed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.category_combo)
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.phone_edit)
        QWidget.setTabOrder(self.category_combo, self.name_edit)
        QWidget.setTabOrder(self.name_edit, self.phone_edit)

    # -- values ---------------------------------------------------------------------------------

    def category(self) -> str:
        return str(self.category_combo.currentData())

    def set_category(self, category: str) -> None:
        index = self.category_combo.findData(category)
        if index >= 0:
            self.category_combo.setCurrentIndex(index)

    def value(self) -> tuple[int | None, BookerInput | None]:
        """(a registered booker's id, or a walk-in to register); (None, None) when empty."""
        if self.booker is not None:
            return self.booker.id, None
        text = " ".join(self.name_edit.text().split())
        if not text:
            return None, None
        offer = self.offers.get(text)
        if offer is not None and offer.unit_id is not None:
            return None, unit_booker_input(self.db, offer.unit_id)
        return None, BookerInput(
            category=self.category(), name=text, phone=self.phone_edit.text(), walk_in=True
        )

    def is_blank(self) -> bool:
        return not self.name_edit.text().strip()

    def set_booker(self, info: BookerInfo) -> None:
        """Show a registered booker as chosen."""
        self.category_combo.blockSignals(True)
        self.set_category(info.category)
        self.category_combo.blockSignals(False)
        text = offer_text(info)
        self.offers[text] = Offer(text, booker_id=info.id)
        self.name_edit.setText(text)
        self._take(info)

    # -- behaviour ------------------------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        if self.booker is not None:
            self.booker = None
            self.phone_edit.setEnabled(True)
            self.phone_edit.clear()
            self.chosen.emit(None)
        self._timer.start()
        self.edited.emit()

    def _category_changed(self, _index: int) -> None:
        self.booker = None
        self.phone_edit.setEnabled(True)
        self.offers = {}
        self.model.setStringList([])
        self.chosen.emit(None)
        self.search()
        self.edited.emit()

    def search(self) -> list[str]:
        """Offer the registered bookers (and units) matching what was typed."""
        self._timer.stop()
        text = " ".join(self.name_edit.text().split())
        offers: list[Offer] = []
        for info in search_bookers(self.db, text, category=self.category(), limit=SEARCH_LIMIT):
            offers.append(Offer(offer_text(info), booker_id=info.id))
        if self.category() == BookerCategory.UNIT and not text.isdigit():
            known = {o.text.split("（")[0] for o in offers}
            for unit in list_units(self.db, query=text)[:SEARCH_LIMIT]:
                if unit.name not in known:
                    offers.append(Offer(unit.name, unit_id=unit.id))
        self.offers = {o.text: o for o in offers}
        texts = [o.text for o in offers]
        self.model.setStringList(texts)
        if texts and text and self.name_edit.hasFocus():
            self.completer.complete()
        return texts

    def choose_text(self, text: str) -> None:
        """The clerk picked ``text`` from the list."""
        offer = self.offers.get(text)
        if offer is None:
            return
        self.name_edit.setText(text)
        if offer.booker_id is not None:
            self._take(get_booker(self.db, offer.booker_id))
        else:
            unit = unit_booker_input(self.db, offer.unit_id) if offer.unit_id else None
            self.phone_edit.setText(unit.phone if unit else "")
            self.chosen.emit(None)
        self.edited.emit()

    def _take(self, info: BookerInfo) -> None:
        self.booker = info
        self.phone_edit.setText(mask_phone(info.phone) if info.phone else "")
        self.phone_edit.setEnabled(False)
        self.chosen.emit(info)


def booker_note(info: BookerInfo | None, walk_in: bool) -> str:
    """The grey line under the field: who it is, and a suspension in force."""
    if info is None:
        return "新的预约对象：保存预约时一并登记（居民须留电话）" if walk_in else ""
    text = f"已登记的{info.category}"
    if info.suspended_until is not None:
        why = f"（{info.suspension_reason}）" if info.suspension_reason else ""
        text += f" · ⚠ 预约资格暂停至 {info.suspended_until:%Y-%m-%d}{why}"
    return text
