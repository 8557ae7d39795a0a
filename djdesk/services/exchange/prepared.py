"""Record lines made ready to apply: checked, and turned into rows of stored values.

The reader (:meth:`~djdesk.formats.exchange.reader.OpenedPackage.batches`) decodes and checks
each line; :func:`preparer` then turns a batch of records into :class:`Prepared` rows — the
uid, origin and version, the uids the record refers to, then its plain values as the database
stores them (:func:`~djdesk.services.exchange.storage.stored_rows`). Everything here is pure and
picklable, so a large package can be read and prepared by a worker process
(:mod:`.package_reader`) while this one writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from djdesk.formats.exchange.columns import ColumnSpec, TableSpec
from djdesk.formats.exchange.manifest import TableEntry
from djdesk.formats.exchange.reader import Batch, OpenedPackage
from djdesk.services.exchange.storage import stored_rows

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


def preparer(job: TableJob) -> Callable[[Batch], Prepared]:
    shared: dict[Any, Any] = {}
    row = stored_rows((*HEAD, *job.reference_keys), job.plain, shared)

    def prepare(batch: Batch) -> Prepared:
        rows = list(map(row, batch.records))
        shared.clear()  # values are shared within a batch (what is sent and written at once)
        return Prepared(batch.lines[0], rows)

    return prepare


def prepared_batches(package: OpenedPackage, job: TableJob) -> Iterator[Prepared]:
    """The table file's records as rows, a batch at a time (read in this process)."""
    prepare = preparer(job)
    for batch in package.batches(job.entry, job.decode):
        yield prepare(batch)
