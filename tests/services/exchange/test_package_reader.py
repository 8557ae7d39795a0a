"""A large package is read by a worker process: the same records, the same refusals in the same
words, nothing left behind on a refusal or a cancel, and reading here when no worker starts.

The threshold is lowered so the small test package takes the worker's way.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from djdesk.errors import DjdeskError
from djdesk.formats.exchange.errors import PackageRefusedError, RefusalKind
from djdesk.progress import CancelledError
from djdesk.services.exchange import package_reader
from djdesk.services.exchange.importing import import_package
from tests.helpers.exchange import (
    ACTOR,
    COMMUNITY,
    canonical_dump,
    edit_lines,
    rewrite_package,
    site_key,
    state,
)
from tests.services.exchange.conftest import World

C1 = {COMMUNITY.code}


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every package goes to a worker; yields the kind of reader each import used."""
    used: list[str] = []
    make = package_reader.package_reader

    def spy(*args: object) -> package_reader.PackageReader:
        reader = make(*args)  # type: ignore[arg-type]
        used.append(type(reader).__name__)
        return reader

    monkeypatch.setattr(package_reader, "WORKER_RECORDS", 0)
    monkeypatch.setattr("djdesk.services.exchange.apply_records.package_reader", spy)
    yield used
    assert not multiprocessing.active_children()  # every worker was ended …
    assert not [t for t in threading.enumerate() if t.name == "djdesk-package-pipe"]  # … and read


def test_a_worker_brings_every_record_unchanged(world: World, workers: list[str]) -> None:
    result = import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    assert workers == ["WorkerReader"]
    assert not result.conflicts
    assert result.total("new") == sum(len(r) for r in canonical_dump(world.community.file).values())
    assert canonical_dump(world.street.file, C1) == canonical_dump(world.community.file, C1)
    again = import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    assert again.already_imported


def _forged(world: World, name: str, table: str, line: int, edit: Callable[[str], str]) -> Path:
    def change(files: dict[str, bytes]) -> None:
        edit_lines(
            files, table, lambda lines: [*lines[: line - 1], edit(lines[line - 1]), *lines[line:]]
        )

    return rewrite_package(
        world.package, world.root / name, private_key=site_key(world.community), members=change
    )


def _cut(line: str) -> str:
    return line[:-5]


def _foreign(line: str) -> str:
    return line.replace('"origin":"511502003012"', '"origin":"511502003015"')


@pytest.mark.parametrize(
    ("table", "line", "edit", "kind", "words"),
    [
        ("member", 4, _cut, RefusalKind.BAD_RECORD, "member.jsonl”第 4 行"),
        (
            "checkin",
            2,
            _foreign,
            RefusalKind.FOREIGN_ORIGIN,
            "checkin.jsonl”第 2 行的记录属于 511502003015",
        ),
    ],
    ids=["bad-line-found-by-the-worker", "foreign-origin-found-while-writing"],
)
def test_a_refusal_reads_the_same_and_changes_nothing(
    world: World,
    workers: list[str],
    table: str,
    line: int,
    edit: Callable[[str], str],
    kind: RefusalKind,
    words: str,
) -> None:
    package = _forged(world, f"{kind.name}.zip", table, line, edit)
    before = state(world.street.file)
    with pytest.raises(PackageRefusedError) as caught:
        import_package(world.street.paths, world.street.db, package, actor=ACTOR)
    assert caught.value.refusal == kind and words in caught.value.message
    assert state(world.street.file) == before
    assert workers == ["WorkerReader"]


def test_a_cancel_ends_the_worker_and_changes_nothing(world: World, workers: list[str]) -> None:
    before = state(world.street.file)
    asked = iter([False, True])
    with pytest.raises(CancelledError):
        import_package(
            world.street.paths,
            world.street.db,
            world.package,
            actor=ACTOR,
            cancelled=lambda: next(asked, True),
        )
    assert state(world.street.file) == before


def test_a_failing_worker_is_reported_and_changes_nothing(
    world: World, workers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = package_reader.WorkerReader.__init__

    def elsewhere(self: package_reader.WorkerReader, package: object, jobs: object) -> None:
        class Moved:  # the worker is sent a file that is not there
            name = world.package.name
            path = world.root / "gone.zip"

        real(self, Moved(), jobs)  # type: ignore[arg-type]
        self._package = package  # type: ignore[assignment]

    monkeypatch.setattr(package_reader.WorkerReader, "__init__", elsewhere)
    before = state(world.street.file)
    with pytest.raises(DjdeskError) as caught:
        import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    assert "读取数据包时出错" in caught.value.message and "gone.zip" in caught.value.message
    assert state(world.street.file) == before


def test_no_process_means_reading_here(
    world: World, workers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: object) -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(multiprocessing.get_context("spawn").Process, "start", refuse)
    result = import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    assert workers == ["InlineReader"] and not result.conflicts
    assert canonical_dump(world.street.file, C1) == canonical_dump(world.community.file, C1)
