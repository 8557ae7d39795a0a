"""The pure parts of the package format: keys, the passphrase envelope, record lines,
the manifest and catalogue files."""

from __future__ import annotations

import io
import json
import os
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from djdesk.formats.cases.catalog_file import parse_catalog
from djdesk.formats.exchange.catalog_out import catalog_file_bytes
from djdesk.formats.exchange.columns import (
    SYNC_COLUMNS,
    ColumnSpec,
    TableSpec,
    ValueKind,
    encoder,
    ordered_keys,
)
from djdesk.formats.exchange.decoding import decoder
from djdesk.formats.exchange.envelope import CHUNK_SIZE, seal, unseal
from djdesk.formats.exchange.errors import PackageRefusedError, RecordProblemError, RefusalKind
from djdesk.formats.exchange.keys import (
    KeyFile,
    KeyFileError,
    fingerprint,
    generate_private_key,
    key_file_bytes,
    normalize_fingerprint,
    parse_key_file,
    public_key_of,
    sign,
    verify_signature,
)
from djdesk.formats.exchange.manifest import (
    RECORDS,
    Manifest,
    Sender,
    TableEntry,
    manifest_bytes,
    parse_manifest,
)

SPEC = TableSpec(
    "thing",
    "东西",
    (
        *SYNC_COLUMNS,
        ColumnSpec("name", ValueKind.TEXT, max_length=4),
        ColumnSpec("count", ValueKind.INTEGER),
        ColumnSpec("flag", ValueKind.BOOLEAN),
        ColumnSpec("on", ValueKind.DATE, nullable=True),
        ColumnSpec("parent_uid", ValueKind.TEXT, True, 36, "thing", "parent_id"),
    ),
)
RECORD = {
    "uid": "0b1d8e43-5f0e-4c3a-9a53-7f1d2c3b4a5e",
    "origin": "511502003012",
    "version": 3,
    "updated_at": "2026-11-27T08:00:01.000005Z",
    "deleted_at": None,
    "name": "东风",
    "count": 7,
    "flag": True,
    "on": "2026-01-02",
    "parent_uid": None,
}


def _line(record: dict[str, object]) -> str:
    return encoder(SPEC)([record[k] for k in ordered_keys(SPEC)]).decode("utf-8")


def test_a_record_line_round_trips() -> None:
    line = _line(RECORD)
    assert '"updated_at":"2026-11-27T08:00:01.000005Z"' in line and " " not in line
    assert decoder(SPEC)(line) == RECORD


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("count", True, "整数"),
        ("count", 2**63, "范围"),
        ("flag", 1, "true"),
        ("name", "东风社区五", "超过 4"),
        ("name", "a\u0000", "无法保存"),
        ("on", "2026-02-30", "不是有效日期"),
        ("parent_uid", "not-a-uid", "记录标识"),
        ("version", 0, "正整数"),
        ("deleted_at", "2026-01-01T00:00:00+08:00", "UTC"),
    ],
)
def test_a_bad_value_names_its_field(key: str, value: object, words: str) -> None:
    raw = json.loads(_line(RECORD))
    raw[key] = value
    with pytest.raises(RecordProblemError) as caught:
        decoder(SPEC)(json.dumps(raw, ensure_ascii=False))
    assert words in str(caught.value)


def test_a_nul_is_found_by_searching_the_line() -> None:
    """The fast path searches each line once for the escape ``\\u0000`` instead of each text
    value for NUL: a NUL in any text is refused, as bytes or as text; a backslash followed by
    ``u0000`` (written ``\\\\u0000``) is text like any other and is kept as it is."""
    raw = json.loads(_line(RECORD))
    raw["name"] = "a\u0000"
    line = json.dumps(raw, ensure_ascii=False)
    for form in (line, line.encode()):
        with pytest.raises(RecordProblemError, match="无法保存"):
            decoder(SPEC)(form)
    raw["name"] = "东风"
    raw["origin"] = "a\\u0000"  # within the origin's 12 characters
    line = json.dumps(raw, ensure_ascii=False)
    assert "\\\\u0000" in line
    for form in (line, line.encode()):
        assert decoder(SPEC)(form)["origin"] == "a\\u0000"


def test_lone_surrogates_and_nan_are_refused() -> None:
    raw = _line(RECORD)
    with pytest.raises(RecordProblemError):
        decoder(SPEC)(raw.replace('"东风"', '"\\ud800"'))
    with pytest.raises(RecordProblemError):
        decoder(SPEC)(raw.replace('"count":7', '"count":NaN'))


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        # orjson reads integers beyond 64 bits as floats: still "out of range", not "not an int"
        ('"count":7', '"count":18446744073709551616', "整数超出范围"),
        ('"count":7', '"count":-9223372036854775809', "整数超出范围"),
        # orjson refuses a lone surrogate outright; the message still names the field
        ('"东风"', '"\\ud800"', "字段“name”含有无法保存的字符"),
        ('"count":7', '"count":1e400', "应为整数"),
        ('"on":"2026-01-02"', '"on":"2026-W01-1"', "YYYY-MM-DD"),
        ('"flag":true', '"flag":tru', "不是有效的 JSON"),
    ],
)
def test_the_fast_path_refuses_with_the_exact_words(old: str, new: str, words: str) -> None:
    line = _line(RECORD).replace(old, new)
    for given in (line, line.encode("utf-8")):
        with pytest.raises(RecordProblemError) as caught:
            decoder(SPEC)(given)
        assert words in str(caught.value)


def test_record_lines_must_be_utf8() -> None:
    line = _line(RECORD).encode("utf-8")
    assert decoder(SPEC)(line) == RECORD
    with pytest.raises(UnicodeDecodeError):
        decoder(SPEC)(line.replace("东风".encode(), b"\xff\xfe"))


def test_keys_sign_and_fingerprint() -> None:
    private = generate_private_key()
    public = public_key_of(private)
    printed = fingerprint(public)
    assert len(printed) == 39 and printed.count("-") == 7
    assert normalize_fingerprint(printed.replace("-", " ").lower()) == printed
    assert normalize_fingerprint("12") is None
    signature = sign(private, b"manifest")
    assert verify_signature(public, b"manifest", signature)
    assert not verify_signature(public, b"manifest!", signature)
    other = public_key_of(generate_private_key())
    assert not verify_signature(other, b"manifest", signature)


def test_key_file_round_trip_and_tampering() -> None:
    key = KeyFile(
        "社区",
        "511502003012",
        "东风社区",
        public_key_of(generate_private_key()),
        datetime(2026, 11, 27, tzinfo=UTC),
    )
    data = key_file_bytes(key)
    assert parse_key_file(data, source="k.json") == key
    tampered = json.loads(data)
    tampered["public_key"] = json.loads(
        key_file_bytes(
            KeyFile("社区", "1", "x", public_key_of(generate_private_key()), key.created_at)
        )
    )["public_key"]
    with pytest.raises(KeyFileError, match="指纹与公钥不符"):
        parse_key_file(json.dumps(tampered).encode(), source="k.json")
    with pytest.raises(KeyFileError, match="不是 djdesk 公钥文件"):
        parse_key_file(b"{}", source="k.json")


def _sealed(data: bytes, phrase: str) -> bytes:
    out = io.BytesIO()
    seal(io.BytesIO(data), out, phrase, n=2**10)
    return out.getvalue()


@pytest.mark.parametrize("size", [0, 10, CHUNK_SIZE, CHUNK_SIZE * 2 + 5])
def test_envelope_round_trip(size: int) -> None:
    data = os.urandom(size)
    sealed = _sealed(data, "一二三四五六七八")
    out = io.BytesIO()
    unseal(io.BytesIO(sealed), out, "一二三四五六七八", name="p.djx", max_bytes=10**9)
    assert out.getvalue() == data


def test_envelope_refuses_a_wrong_passphrase_and_cut_files() -> None:
    sealed = _sealed(os.urandom(CHUNK_SIZE * 2), "correct horse")
    for phrase, cut, kind in (
        ("wrong horse!", 0, RefusalKind.PASSPHRASE),
        ("correct horse", CHUNK_SIZE + 16, RefusalKind.DAMAGED),  # a whole chunk dropped
        ("correct horse", 1, RefusalKind.DAMAGED),
    ):
        data = sealed[: len(sealed) - cut] if cut else sealed
        with pytest.raises(PackageRefusedError) as caught:
            unseal(io.BytesIO(data), io.BytesIO(), phrase, name="p.djx", max_bytes=10**9)
        assert caught.value.refusal == kind


def test_envelope_refuses_a_forged_header() -> None:
    sealed = bytearray(_sealed(b"x" * 100, "correct horse"))
    start = sealed.index(b'"n": 1024')
    sealed[start : start + 9] = b'"n": 9999'
    with pytest.raises(PackageRefusedError) as caught:
        unseal(io.BytesIO(bytes(sealed)), io.BytesIO(), "correct horse", name="p", max_bytes=10**9)
    assert caught.value.refusal == RefusalKind.DAMAGED


def _manifest() -> Manifest:
    return Manifest(
        kind=RECORDS,
        app_version="1.0",
        schema_revision="0009",
        created_at=datetime(2026, 11, 27, tzinfo=UTC),
        sender=Sender("社区", "511502003012", "东风社区", public_key_of(generate_private_key())),
        sequence=2,
        follows=1,
        full=False,
        reference_versions={"catalog": 1},
        # the manifest lists keys, not database column names
        tables=(
            TableEntry(
                "thing", "tables/thing.jsonl", 0, tuple(replace(c, column="") for c in SPEC.columns)
            ),
        ),
    )


def test_manifest_round_trip_and_strictness() -> None:
    from djdesk.formats.exchange.manifest import FileEntry

    manifest = replace(_manifest(), files=(FileEntry("tables/thing.jsonl", 0, "0" * 64),))
    data = manifest_bytes(manifest)
    assert parse_manifest(data, name="p") == manifest
    raw = json.loads(data)
    raw["extra"] = 1
    with pytest.raises(PackageRefusedError, match="未知字段"):
        parse_manifest(json.dumps(raw).encode(), name="p")
    raw = json.loads(data)
    raw["follows"] = 2
    with pytest.raises(PackageRefusedError, match="前序编号"):
        parse_manifest(json.dumps(raw).encode(), name="p")
    raw = json.loads(data)
    raw["files"] = []
    with pytest.raises(PackageRefusedError, match="不一致"):
        parse_manifest(json.dumps(raw).encode(), name="p")


def test_catalogue_files_written_for_packages_read_back_unchanged() -> None:
    from djdesk.services.cases.catalog_store import shipped_catalog

    catalog = shipped_catalog()
    assert parse_catalog(catalog_file_bytes(catalog)) == catalog
