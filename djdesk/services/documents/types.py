"""Public types of the document register: output kinds, marks, what to register, what comes back.

These are what screens and commands see (frozen dataclasses and ``StrEnum``\\ s); the rows live
in :mod:`djdesk.db.models.documents`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from djdesk.errors import DjdeskError, ValidationError


class OutputKind(StrEnum):
    FILE = "文件"
    PRINTER = "打印机"


class DocumentFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"


class ReprintMark(StrEnum):
    """What a reprint says on its pages: 补打 (a lost or spoiled original) or 副本 (a copy)."""

    REPRINT = "补打"
    COPY = "副本"


class PrinterUnavailableError(DjdeskError):
    """The printer cannot take the job (unknown, stopped, off-line); nothing was printed."""


class ReprintReasonRequiredError(ValidationError):
    """A numbered document that was issued before is printed again without a reason."""

    def __init__(self, serial: str, previous: int) -> None:
        super().__init__(
            "reason",
            f"编号 {serial} 的文书已出具过 {previous} 次，再次打印属于补打，须填写补打原因。",
            label="补打原因",
        )
        self.serial = serial
        self.previous = previous


@dataclass(frozen=True)
class Subject:
    """The record a document is about: its table, ``uid`` and a label a clerk searches by."""

    table: str
    uid: str
    label: str = ""


@dataclass(frozen=True)
class PrintJob:
    """One document sent to a printer: which printer, how many copies, the job's title."""

    printer: str
    copies: int = 1
    title: str = ""
    #: "1-2,4" or "" for every page
    page_range: str = ""


#: Sends PDF bytes to a printer; raises :class:`PrinterUnavailableError` (nothing printed) or
#: another :class:`~djdesk.errors.DjdeskError`. Returns the number of pages sent. The window
#: passes one that prints through Qt, the command line one that runs a print process.
SendToPrinter = Callable[[bytes, PrintJob], int]


@dataclass(frozen=True)
class Destination:
    """Where a rendering goes: a file, or a printer (with copies)."""

    path: Path | None = None
    printer: str = ""
    copies: int = 1
    page_range: str = ""

    @classmethod
    def file(cls, path: Path) -> Destination:
        return cls(path=Path(path))

    @classmethod
    def to_printer(cls, name: str, copies: int = 1, page_range: str = "") -> Destination:
        return cls(printer=name, copies=copies, page_range=page_range)

    @property
    def kind(self) -> OutputKind:
        return OutputKind.PRINTER if self.printer else OutputKind.FILE

    @property
    def target(self) -> str:
        return self.printer if self.printer else str(self.path)


@dataclass(frozen=True)
class CopyPlan:
    """Whether the next rendering is the original or the n-th reprint, and what it says."""

    number: int = 0
    mark: str = ""  # "" for the original
    reason: str = ""
    previous: int = 0  # renderings registered before (all formats)

    @property
    def is_reprint(self) -> bool:
        return self.number > 0

    @property
    def stamp_detail(self) -> str:
        return f"第 {self.number} 次{self.mark}" if self.number else ""


ORIGINAL = CopyPlan()


@dataclass(frozen=True, kw_only=True)
class DocumentSpec:
    """What is being issued, for the register (the bytes and the destination come separately)."""

    kind: str
    title: str
    serial: str = ""
    subject: Subject | None = None
    template_version: str = ""
    file_format: DocumentFormat = DocumentFormat.PDF
    #: the typed data the document was built from, as JSON (see :mod:`.payload`); "" when the
    #: kind cannot be rebuilt from the register
    payload: str = ""


@dataclass(frozen=True)
class OutputInfo:
    kind: OutputKind
    target: str
    copies: int
    by: str
    at: datetime


@dataclass(frozen=True)
class RegisteredDocument:
    """One register entry as screens and commands see it."""

    id: int
    uid: str
    kind: str
    title: str
    serial: str
    subject_table: str
    subject_uid: str
    subject_label: str
    template_version: str
    file_format: DocumentFormat
    copy_number: int
    mark: str
    reason: str
    reprintable: bool
    pages: int
    sha256: str
    created_by: str
    created_at: datetime
    outputs: tuple[OutputInfo, ...] = ()

    @property
    def printed_copies(self) -> int:
        return sum(o.copies for o in self.outputs if o.kind == OutputKind.PRINTER)

    @property
    def last_output(self) -> str:
        return self.outputs[-1].target if self.outputs else ""


@dataclass(frozen=True)
class RegisterQuery:
    """A search of the register: a serial or name fragment, a kind, a date range (local dates)."""

    text: str = ""
    kind: str = ""
    since: date | None = None
    until: date | None = None
    reprints_only: bool = False


@dataclass(frozen=True)
class RegisterPage:
    rows: tuple[RegisteredDocument, ...]
    total: int
    offset: int


@dataclass(frozen=True)
class IssuedDocument:
    """What an issue call produced: the register entry, the bytes and where they went."""

    document: RegisteredDocument
    content: bytes = field(repr=False)
    destination: Destination
