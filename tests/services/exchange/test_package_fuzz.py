"""Fuzzing the package reader and importer with hypothesis: 1,050 generated corruptions.

Two families, each example imported for real at the street:

* **bytes** (650): bits flipped, bytes inserted or deleted, the file cut short — anywhere in a
  valid package's bytes (zip headers, compressed data, manifest, signature);
* **records** (400): one line of one table file rewritten (a field set to a random JSON value,
  the line replaced by random text, a line dropped or repeated), the manifest's checksums and
  counts recomputed and **re-signed with the community's real key**, so the corruption gets
  past the signature and has to be caught by the record checks.

Every example must end in a refusal (a :class:`~djdesk.errors.DjdeskError` with a reason) or
an import; never another exception. A refusal must leave the database file byte for byte as it
was (no partial write); an import must have written every record it did not list as refused,
exactly as the package has it. Set ``DJDESK_FUZZ_REPORT=file`` to collect the figures.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from djdesk.errors import DjdeskError
from djdesk.services.exchange.importing import import_package
from tests.helpers.exchange import (
    ACTOR,
    COMMUNITY,
    canonical_dump,
    package_records,
    rewrite_package,
    site_key,
)
from tests.services.exchange.conftest import World

BYTE_EXAMPLES = 650
RECORD_EXAMPLES = 400
TALLY: Counter[str] = Counter()


def _file_state(db_file: Path) -> str:
    digest = hashlib.sha256()
    for path in (db_file, Path(f"{db_file}-wal")):
        if path.exists():
            digest.update(path.read_bytes())
        digest.update(b"|")
    return digest.hexdigest()


def _run(world: World, package: Path, family: str) -> dict[str, Any] | None:
    """Import ``package``; check the outcome; returns the result on import, None on refusal."""
    before = _file_state(world.street.file)
    try:
        result = import_package(world.street.paths, world.street.db, package, actor=ACTOR)
    except DjdeskError:
        TALLY[f"{family}-refused"] += 1
        assert _file_state(world.street.file) == before, "a refused package changed the database"
        return None
    except Exception as exc:  # a crash: the outcome this test exists to rule out
        TALLY[f"{family}-crash"] += 1
        raise AssertionError(f"{family} corruption crashed the import: {exc!r}") from exc
    TALLY[f"{family}-accepted"] += 1
    return {"conflicts": {c.uid for c in result.conflicts}, "already": result.already_imported}


def _all_written(world: World, package: Path, refused: set[str]) -> None:
    """Every record of the package not refused is in the database exactly as sent (the
    database may hold a newer version only if an earlier example brought one)."""
    here = canonical_dump(world.street.file, {COMMUNITY.code})
    for table, records in package_records(package).items():
        for uid, record in records.items():
            if uid in refused:
                continue
            stored = here[table].get(uid)
            assert stored is not None, f"{table} {uid} missing after an import"
            if stored["version"] == record["version"]:
                assert stored == record, f"{table} {uid} differs from the package"


@pytest.fixture(scope="module")
def small_world(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from djdesk.services.exchange.export import export_records
    from djdesk.services.exchange.keys import write_key_file
    from djdesk.services.exchange.partners import register_from_key_file
    from tests.helpers.exchange import STREET, new_site

    root = tmp_path_factory.mktemp("fuzz")
    community = new_site(root / "community", COMMUNITY, members=4, seed=5, bookings=4, cases=6)
    write_key_file(community.paths, community.db, root / "c.key", actor=ACTOR)
    package = root / "c-1.zip"
    export_records(community.paths, community.db, package, actor=ACTOR)
    street = new_site(root / "street", STREET)
    register_from_key_file(street.db, root / "c.key", actor=ACTOR)
    world = World(root, community, street, package, root / "c.key", root / "c.key")
    yield world
    world.close()
    target = os.environ.get("DJDESK_FUZZ_REPORT")
    if target:
        with Path(target).open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"suite": "exchange-packages", **TALLY}, ensure_ascii=False) + "\n")


_byte_edit = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=16)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 64)),
    st.tuples(st.just("cut"), st.floats(0, 1), st.just(0)),
)


@settings(
    max_examples=BYTE_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(_byte_edit, min_size=1, max_size=4))
def test_byte_corruptions(small_world: World, edits: list[tuple[str, float, Any]]) -> None:
    data = bytearray(small_world.package.read_bytes())
    for kind, where, arg in edits:
        at = min(int(where * len(data)), max(len(data) - 1, 0))
        if kind == "flip" and data:
            data[at] ^= arg
        elif kind == "insert":
            data[at:at] = arg
        elif kind == "delete":
            del data[at : at + arg]
        else:
            del data[at:]
    path = small_world.root / "bytes.zip"
    path.write_bytes(bytes(data))
    outcome = _run(small_world, path, "bytes")
    if outcome is not None and not outcome["already"]:
        _all_written(small_world, small_world.package, outcome["conflicts"])


_json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)
_line_edit = st.one_of(
    st.tuples(st.just("field"), st.text(max_size=3), _json_value),
    st.tuples(st.just("known-field"), st.integers(0, 40), _json_value),
    st.tuples(st.just("raw"), st.just(""), st.text(max_size=60)),
    st.tuples(st.just("drop"), st.just(""), st.none()),
    st.tuples(st.just("repeat"), st.just(""), st.none()),
)


@functools.cache
def _tables_with_records(package: Path) -> list[str]:
    return sorted(t for t, rows in package_records(package).items() if rows)


def _edit_line(lines: list[str], index: int, edit: tuple[str, Any, Any]) -> list[str]:
    kind, key, value = edit
    if kind == "drop":
        return lines[:index] + lines[index + 1 :]
    if kind == "repeat":
        return [*lines, lines[index]]
    if kind == "raw":
        return [*lines[:index], value.replace("\n", " "), *lines[index + 1 :]]
    record = json.loads(lines[index])
    if kind == "known-field":
        key = sorted(record)[key % len(record)]
    record[key] = value
    return [*lines[:index], json.dumps(record, ensure_ascii=False), *lines[index + 1 :]]


@settings(
    max_examples=RECORD_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(table=st.integers(0, 100), line=st.integers(0, 10_000), edit=_line_edit)
def test_record_corruptions_with_a_valid_signature(
    small_world: World, table: int, line: int, edit: tuple[str, Any, Any]
) -> None:
    names = _tables_with_records(small_world.package)
    name = f"tables/{names[table % len(names)]}.jsonl"

    def corrupt(files: dict[str, bytes]) -> None:
        lines = files[name].decode("utf-8").splitlines()
        lines = _edit_line(lines, line % len(lines), edit)
        files[name] = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""

    path = rewrite_package(
        small_world.package,
        small_world.root / "records.zip",
        private_key=site_key(small_world.community),
        members=corrupt,
    )
    outcome = _run(small_world, path, "records")
    if outcome is not None and not outcome["already"]:
        _all_written(small_world, path, outcome["conflicts"])


def test_the_fuzz_ran_in_full(small_world: World) -> None:
    """Runs after the two fuzz tests (file order): every example ran, none crashed."""
    ran = sum(TALLY.values())
    assert ran >= BYTE_EXAMPLES + RECORD_EXAMPLES
    assert TALLY["bytes-crash"] == TALLY["records-crash"] == 0
    assert TALLY["bytes-refused"] > 0 and TALLY["records-refused"] > 0
