"""Where a package's records are read: in this process, or by a worker process on a second core.

Reading a package — inflating, hashing, parsing and checking every line, turning it into stored
values — takes about as long as SQLite takes to write the records. For a large package
(:data:`WORKER_RECORDS` records or more) both happen at once: a worker process (``spawn``, so
the same on Windows and in the frozen build) opens the same checked file, reads the tables in
order and sends each prepared batch through a pipe, while this process looks records up and
writes them. A thread here takes the batches off the pipe as they come, so the worker runs
ahead by up to :data:`QUEUED_BATCHES` batches (it goes on reading while this process builds a
table's indexes); batches travel as :mod:`marshal` data, with the values that repeat within a
batch (a catalogue item, a handler, a day) sent once. Like every ``spawn`` worker
it needs the program's main module to start it only under ``if __name__ == "__main__"`` (the
``djdesk`` command, ``python -m djdesk`` and the frozen build's entry all do); a worker that
ends before it sent anything is replaced by reading in this process.

Nothing changes for the clerk: the batches arrive in the same order, and a refusal the worker
finds (a bad line, a checksum) arrives in its place in that order, so the import refuses with
the same words at the same point and rolls everything back. :meth:`WorkerReader.close` ends
the worker whatever happened (a refusal, a cancel, an error); a worker whose importer died
stops at its next send, when the pipe is gone. Small packages, and any machine where a
process cannot be started, are read in this process.
"""

from __future__ import annotations

import logging
import marshal
import multiprocessing
import queue
import threading
import traceback
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from djdesk.errors import DjdeskError
from djdesk.formats.exchange.errors import PackageRefusedError, RefusalKind
from djdesk.formats.exchange.reader import OpenedPackage
from djdesk.services.exchange.prepared import Prepared, TableJob, prepared_batches

log = logging.getLogger(__name__)

#: Packages with at least this many records are read by a worker process.
WORKER_RECORDS = 200_000
#: Batches received from the worker and not yet written (0.5–0.9 MB each, so at most about
#: 50 MB): enough for the worker to go on while this process builds a table's indexes.
QUEUED_BATCHES = 64


class PackageReader(Protocol):
    def batches(self, index: int, job: TableJob) -> Iterator[Prepared]:
        """The batches of the ``index``-th table (tables are read in order)."""
        ...

    def close(self) -> None: ...


class InlineReader:
    """Reads the package in this process, a batch when it is asked for."""

    def __init__(self, package: OpenedPackage) -> None:
        self._package = package

    def batches(self, index: int, job: TableJob) -> Iterator[Prepared]:
        return prepared_batches(self._package, job)

    def close(self) -> None:
        pass


def _send(connection: Connection, message: tuple[Any, ...]) -> bool:
    """Send; ``False`` when the importer is gone (it stopped, or it was killed).

    Messages hold only tuples, lists, text and numbers, so they travel as :mod:`marshal` data,
    which both ends write and read several times faster than pickles (a million rows pass).
    """
    try:
        connection.send_bytes(marshal.dumps(message))
    except (BrokenPipeError, ConnectionResetError, EOFError):
        return False
    return True


def _work(connection: Connection, name: str, path: str, jobs: Sequence[TableJob]) -> None:
    """The worker process: every table in order, then the end of each."""
    try:
        with OpenedPackage(name, Path(path), temporary=False) as package:
            for index, job in enumerate(jobs):
                for prepared in prepared_batches(package, job):
                    if not _send(connection, ("batch", prepared.first_line, prepared.rows)):
                        return
                if not _send(connection, ("end", index)):
                    return
    except PackageRefusedError as exc:
        _send(connection, ("refused", exc.name, exc.refusal.value, exc.reason))
    except BaseException:
        _send(connection, ("failed", traceback.format_exc()))
    finally:
        connection.close()


class WorkerReader:
    """Reads the package in a worker process (see the module docstring)."""

    def __init__(self, package: OpenedPackage, jobs: Sequence[TableJob]) -> None:
        self._package = package
        self._inline: InlineReader | None = None
        self._heard = False
        context = multiprocessing.get_context("spawn")
        receiving, sending = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_work,
            args=(sending, package.name, str(package.path), list(jobs)),
            name="djdesk-package-reader",
            daemon=True,
        )
        try:
            self._process.start()
        finally:
            sending.close()
        log.info("package %s read by worker process %s", package.name, self._process.pid)
        self._connection = receiving
        self._next = 0
        self._queue: queue.Queue[bytes | None] = queue.Queue(QUEUED_BATCHES)
        self._stopping = threading.Event()
        self._pump = threading.Thread(target=self._take_from_pipe, name="djdesk-package-pipe")
        self._pump.daemon = True
        self._pump.start()

    def _take_from_pipe(self) -> None:
        """Move messages from the pipe to the queue as they come; ``None`` once the pipe is
        closed. Waiting on a pipe lets other threads run, so this costs the writing thread
        nothing, and the worker goes on reading while this process builds indexes."""
        while True:
            try:
                data: bytes | None = self._connection.recv_bytes()
            except (EOFError, OSError):
                data = None
            while not self._stopping.is_set():
                try:
                    self._queue.put(data, timeout=0.2)
                    break
                except queue.Full:
                    continue
            if data is None or self._stopping.is_set():
                return

    def batches(self, index: int, job: TableJob) -> Iterator[Prepared]:
        if self._inline is not None:
            yield from self._inline.batches(index, job)
            return
        if index != self._next:
            raise RuntimeError(f"tables are read in order: {index} asked, {self._next} next")
        while True:
            message = self._receive()
            if not message:  # the worker never started: read here instead
                self._inline = InlineReader(self._package)
                yield from self._inline.batches(index, job)
                return
            self._heard = True
            if message[0] == "batch":
                yield Prepared(message[1], message[2])
            elif message[0] == "end":
                self._next += 1
                return
            elif message[0] == "refused":
                raise PackageRefusedError(message[1], RefusalKind(message[2]), message[3])
            else:
                raise DjdeskError(f"读取数据包时出错：\n{message[1]}")

    def _receive(self) -> tuple[Any, ...]:
        """The next message; ``()`` when the worker ended before it sent anything."""
        data = self._queue.get()
        if data is None:
            self._process.join(10)
            code = self._process.exitcode
            if not self._heard:
                log.warning("package reader process ended at start (%s); reading here", code)
                return ()
            raise DjdeskError(f"读取数据包的后台进程意外退出（代码 {code}），请重试。")
        message: tuple[Any, ...] = marshal.loads(data)
        return message

    def close(self) -> None:
        self._stopping.set()
        if self._process.is_alive():
            self._process.terminate()  # its end of the pipe closes: the pump sees the end
        self._process.join(10)
        self._pump.join(10)
        self._connection.close()


def package_reader(package: OpenedPackage, jobs: Sequence[TableJob], records: int) -> PackageReader:
    """A worker for a large package (``records`` in all), this process otherwise."""
    if records < WORKER_RECORDS:
        return InlineReader(package)
    try:
        return WorkerReader(package, jobs)
    except OSError as exc:  # no process could be started: read here
        log.warning("package reader process not started (%s); reading in this process", exc)
        return InlineReader(package)
