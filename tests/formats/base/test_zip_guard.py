"""The zip guard refuses, before anything is unpacked, what a parser must never see."""

from __future__ import annotations

import struct
import warnings
import zipfile
from pathlib import Path

import pytest

from djdesk.errors import FileRefusedError
from djdesk.formats.base.zip_guard import (
    DAMAGED,
    ENCRYPTED,
    TOO_LARGE,
    UNSUPPORTED,
    ZipLimits,
    check_zip,
)


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def _patch(path: Path, offset_local: int, offset_central: int, value: int, mask: bool) -> None:
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", offset_local), (b"PK\x01\x02", offset_central)):
        at = data.find(signature)
        while at >= 0:
            if mask:
                data[at + offset] |= value
            else:
                struct.pack_into("<H", data, at + offset, value)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return _zip(tmp_path / "good.xlsx", {"[Content_Types].xml": b"<x/>", "xl/a.xml": b"<a/>" * 50})


def _refused(path: Path, kind: str, limits: ZipLimits | None = None) -> FileRefusedError:
    with pytest.raises(FileRefusedError) as caught:
        check_zip(path, limits or ZipLimits())
    assert caught.value.kind == kind
    assert path.name in caught.value.message
    return caught.value


def test_a_normal_archive_passes(good: Path) -> None:
    summary = check_zip(good, ZipLimits())
    assert summary.entries == 2 and "xl/a.xml" in summary.names


def test_encrypted_entry(good: Path) -> None:
    _patch(good, 6, 8, 0x01, mask=True)
    assert "设有密码" in _refused(good, ENCRYPTED).reason


@pytest.mark.parametrize("method", [9, 12, 14, 99])
def test_unsupported_method(good: Path, method: int) -> None:
    _patch(good, 8, 10, method, mask=False)
    assert f"编号 {method}" in _refused(good, UNSUPPORTED).reason


def test_newer_zip_version(good: Path) -> None:
    _patch(good, 4, 6, 70, mask=False)
    _refused(good, UNSUPPORTED)


@pytest.mark.parametrize("name", ["../evil.xml", "/etc/passwd", "C:/x.xml", "a\\b.xml"])
def test_unsafe_names(tmp_path: Path, name: str) -> None:
    path = _zip(tmp_path / "n.xlsx", {"ok.xml": b"<x/>", name: b"<x/>"})
    _refused(path, DAMAGED)


def test_duplicate_entry(tmp_path: Path) -> None:
    path = _zip(tmp_path / "d.xlsx", {"a.xml": b"<x/>"})
    with warnings.catch_warnings(), zipfile.ZipFile(path, "a") as archive:
        warnings.simplefilter("ignore")
        archive.writestr("A.xml", b"<y/>")
    assert "不止一次" in _refused(path, DAMAGED).reason


def test_sizes_ratio_and_counts(tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "bomb.xlsx", {"sheet.xml": b"<row/>" * 2_000_000})
    assert "压缩比" in _refused(bomb, TOO_LARGE).reason
    limits = ZipLimits(max_entry_size=1000, ratio_floor=10**9)
    assert "解压后" in _refused(bomb, TOO_LARGE, limits).reason
    many = _zip(tmp_path / "many.xlsx", {f"{i}.xml": b"x" for i in range(30)})
    assert "30 个条目" in _refused(many, TOO_LARGE, ZipLimits(max_entries=20)).reason
    total = ZipLimits(max_total_size=100, ratio_floor=10**9, max_entry_size=10**9)
    _refused(many, TOO_LARGE, ZipLimits(max_total_size=10))
    _refused(bomb, TOO_LARGE, total)
    assert "超过上限" in _refused(many, TOO_LARGE, ZipLimits(max_file_size=100)).reason


def test_not_a_zip_and_empty(tmp_path: Path) -> None:
    (text := tmp_path / "t.xlsx").write_text("hello", encoding="utf-8")
    _refused(text, DAMAGED)
    _refused(_zip(tmp_path / "e.xlsx", {}), DAMAGED)
    _refused(tmp_path / "missing.xlsx", DAMAGED)
