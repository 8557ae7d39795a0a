"""One roster row's cells as the values of a member registration, before any rule is applied.

Units write the same thing many ways (男性, 中共党员, ``1980.01``, one 联系电话 cell holding
a mobile and a landline, the whole address in one cell …); this module reads them into the
plain values :class:`~djdesk.services.checkin.member_rules.MemberInput` takes, and says which
cells could not be read at all. The plan (:mod:`~djdesk.services.checkin.roster_plan`) checks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from djdesk.formats.checkin.roster_columns import (
    CellValueError,
    id_number_text,
    parse_date,
    split_address,
    split_phones,
    strip_suffix,
    text_of,
)
from djdesk.formats.checkin.roster_read import RosterRow
from djdesk.services.checkin.member_rules import FIELD_LABELS, split_list
from djdesk.validation.idcard import clean_id_number

_MEMBER_WORDS = ("中共党员", "党员", "共产党员", "中国共产党党员", "中共正式党员")
_ADDRESS_PARTS = (
    ("estate", ()),
    ("building", ("栋", "幢", "号楼")),
    ("entrance", ("单元",)),
    ("room", ("室", "号")),
)


@dataclass
class RowCells:
    """What one row says: member values, the arrival date, grid and posts as written."""

    name: str
    id_text: str  # the ID number as written ("" when the cell could not be read)
    id_key: str  # the ID number cleaned for look-ups
    id_damaged: bool  # the cell holds a number Excel already rounded
    values: dict[str, Any] = field(default_factory=dict)
    checked_in_on: date | None = None
    grid: str = ""
    posts: tuple[str, ...] = ()
    errors: list[str] = field(default_factory=list)  # cells that cannot be read


class CellReader:
    """Reads rows of one sheet, whose header maps field keys to column indexes."""

    def __init__(self, columns: dict[str, int]) -> None:
        self.cols = columns

    def cell(self, row: RosterRow, key: str) -> Any:
        return row.get(self.cols.get(key))

    def text(self, row: RosterRow, key: str) -> str:
        return text_of(self.cell(row, key))

    def _date(self, row: RosterRow, key: str, cells: RowCells) -> Any:
        try:
            return parse_date(self.cell(row, key))
        except CellValueError as exc:
            cells.errors.append(f"{FIELD_LABELS[key]}{exc}")
            return None

    def read(self, row: RosterRow) -> RowCells:
        name = self.text(row, "name").replace(" ", "")
        try:
            cells = RowCells(name, id_number_text(self.cell(row, "id_number")), "", False)
        except CellValueError as exc:
            cells = RowCells(name, "", "", True, errors=[f"{FIELD_LABELS['id_number']}{exc}"])
        cells.id_key = clean_id_number(cells.id_text)
        values = cells.values
        values.update(name=name, id_number=cells.id_text)
        for key in ("ethnicity", "branch", "post_title", "remarks", "landline"):
            values[key] = self.text(row, key)
        gender = self.text(row, "gender")
        values["gender"] = {"男性": "男", "女性": "女"}.get(gender, gender)
        values["political_status"] = _political_status(self.text(row, "political_status"))
        values["mobile"] = self.text(row, "mobile")
        if "phone" in self.cols:
            mobile, landline = split_phones(self.cell(row, "phone"))
            values["mobile"] = values["mobile"] or mobile
            values["landline"] = values["landline"] or landline
        for key in ("birth_date", "joined_party_on"):
            parsed = self._date(row, key, cells)
            if parsed is not None and key == "birth_date" and parsed.month_only:
                # 年月 only: the ID number gives the day when the month agrees.
                born = cells.id_key[6:12] if len(cells.id_key) == 18 else ""
                values[key] = None if born == f"{parsed.value:%Y%m}" else parsed.value
            else:
                values[key] = parsed.value if parsed is not None else None
        if "address" in self.cols:
            address = split_address(self.cell(row, "address"))
            values.update(
                estate=address.estate,
                building=address.building,
                entrance=address.entrance,
                room=address.room,
            )
        for key, suffixes in _ADDRESS_PARTS:
            own = strip_suffix(self.text(row, key), *suffixes)
            values[key] = own or values.get(key, "")
        values["specialties"] = split_list(self.text(row, "specialties"))
        values["available_times"] = split_list(self.text(row, "available_times"))
        on = self._date(row, "checked_in_on", cells)
        cells.checked_in_on = on.value if on is not None else None
        cells.grid = self.text(row, "grid")
        cells.posts = split_list(self.text(row, "posts"))
        return cells


def _political_status(text: str) -> str:
    status = text.replace(" ", "")
    if "预备" in status:
        return "预备党员"
    if status in _MEMBER_WORDS:
        return "正式党员"
    return status
