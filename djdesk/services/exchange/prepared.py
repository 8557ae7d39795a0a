"""Record lines made ready to apply: checked, and turned into rows of stored values.

The reader (:meth:`~djdesk.formats.exchange.reader.OpenedPackage.batches`) checks each line and
turns it straight into its row (:func:`~djdesk.services.exchange.storage.stored_row_decoder`):
the uid, origin and version, the uids the record refers to, then its plain values as the
database stores them; :func:`prepared_batches` hands them on as :class:`Prepared` batches.
Everything here is plain data, so a large package can be read and prepared by a worker process
(:mod:`.package_reader`) while this one writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from djdesk.formats.exchange.columns import ColumnSpec, TableSpec
from djdesk.formats.exchange.manifest import TableEntry
from djdesk.formats.exchange.reader import OpenedPackage
from djdesk.services.exchange.storage import stored_row_decoder

#: The keys every row starts with, in this order.
HEAD = ("uid", "origin", "version")


@dataclass(frozen=True)
class TableJob:
    """What reading one table file into rows takes: the file, the keys to decode, the keys of
    its references (in the table's order) and the plain columns to store (in statement order).
    """

    entry: TableEntry
    decode: TableSpec
    reference_keys: tuple[str, ...]
    plain: tuple[ColumnSpec, ...]

    @property
    def plain_start(self) -> int:
        """Where the plain values start in a row."""
        return len(HEAD) + len(self.reference_keys)


@dataclass(frozen=True)
class Prepared:
    """A batch of one table file: the line of its first record, and a row per record
    (``uid, origin, version, *reference uids, *stored plain values``) in line order."""

    first_line: int
    rows: list[tuple[Any, ...]]

    @property
    def lines(self) -> range:
        return range(self.first_line, self.first_line + len(self.rows))

    @property
    def uids(self) -> list[str]:
        return [row[0] for row in self.rows]


def prepared_batches(package: OpenedPackage, job: TableJob) -> Iterator[Prepared]:
    """The table file's records as rows, a batch at a time: each line checked and turned
    into its row in one step (:func:`~djdesk.services.exchange.storage.stored_row_decoder`),
    the values that repeat within a batch shared."""
    shared: dict[Any, Any] = {}
    decode = stored_row_decoder(job.decode, (*HEAD, *job.reference_keys), job.plain, shared)
    for batch in package.batches(job.entry, job.decode, decode=decode, uid_of=itemgetter(0)):
        shared.clear()  # values are shared within a batch (what is sent and written at once)
        yield Prepared(batch.lines[0], batch.records)
