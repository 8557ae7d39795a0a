"""Reading a package as hostile input: envelope, zip directory, manifest, signature, members.

:func:`open_package` unseals an encrypted package into the work folder, checks the zip's
directory with the shared guard (:func:`~djdesk.formats.base.zip_guard.check_zip`: sizes,
ratios, names, methods), reads and parses the manifest and requires the members to be exactly
the ones it lists. Nothing else is read until the caller has checked the signature
(:meth:`OpenedPackage.verify_signature`) with the sender's registered key. Table files are then
streamed (:meth:`OpenedPackage.batches`): each line decoded and checked against its columns,
uids unique, the count, size and SHA-256 compared with the manifest at the end of the file. A
line that does not decode in a file whose checksum fails is reported as the checksum failure.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import operator
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from djdesk.errors import FileRefusedError
from djdesk.formats.base import zip_guard
from djdesk.formats.exchange.columns import TableSpec
from djdesk.formats.exchange.decoding import decoder
from djdesk.formats.exchange.envelope import is_sealed, unseal
from djdesk.formats.exchange.errors import PackageRefusedError, RecordProblemError, RefusalKind
from djdesk.formats.exchange.keys import verify_signature
from djdesk.formats.exchange.manifest import (
    MANIFEST,
    MAX_FILES,
    MAX_MANIFEST_BYTES,
    SIGNATURE,
    FileEntry,
    Manifest,
    TableEntry,
    parse_manifest,
)

#: What a package may be: large enough for a street of 100,000 members with their history,
#: small enough that a forged one cannot fill the disk or the memory.
LIMITS = zip_guard.ZipLimits(
    max_file_size=2 * 1024**3,
    max_entries=MAX_FILES + 2,
    max_entry_size=4 * 1024**3,
    max_total_size=8 * 1024**3,
    max_ratio=200.0,
    ratio_floor=1024 * 1024,
)
MAX_LINE = 1024 * 1024
_UID_OF = operator.itemgetter("uid")
_BLOCK = 1024 * 1024
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)
_GUARD_KINDS = {
    zip_guard.TOO_LARGE: RefusalKind.TOO_LARGE,
    zip_guard.DAMAGED: RefusalKind.DAMAGED,
    zip_guard.ENCRYPTED: RefusalKind.DAMAGED,
    zip_guard.UNSUPPORTED: RefusalKind.DAMAGED,
}

Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class Batch:
    """Decoded records of one table file, with the line number and uid of each (the records
    are values by key, or what the caller's decoder makes of a line)."""

    lines: list[int]
    records: list[Any]
    uids: list[str]


def _guard(path: Path, name: str) -> None:
    try:
        zip_guard.check_zip(path, LIMITS, label=name)
    except FileRefusedError as exc:
        unsafe = "路径" in exc.reason or "上级文件夹" in exc.reason
        kind = _GUARD_KINDS.get(exc.kind, RefusalKind.DAMAGED)
        if unsafe:
            kind = RefusalKind.UNSAFE_NAME
        raise PackageRefusedError(name, kind, exc.reason) from None


class OpenedPackage:
    """A package whose directory and manifest were checked; close it when done."""

    manifest: Manifest
    manifest_bytes: bytes
    digest: str

    def __init__(self, name: str, zip_path: Path, temporary: bool) -> None:
        self.name = name
        self._path = zip_path
        self._temporary = temporary
        self._zip = zipfile.ZipFile(zip_path)
        try:
            self._open()
        except BaseException:
            self._zip.close()
            raise

    def _open(self) -> None:
        self.manifest_bytes = self._read_small(MANIFEST, MAX_MANIFEST_BYTES)
        self.manifest = parse_manifest(self.manifest_bytes, name=self.name)
        self.digest = hashlib.sha256(self.manifest_bytes).hexdigest()
        if SIGNATURE not in self._zip.namelist():
            raise self.refuse(
                RefusalKind.SIGNATURE, "数据包没有签名（缺少 manifest.sig），无法确认来源"
            )
        self._signature = self._read_small(SIGNATURE, 200)
        expected = {MANIFEST, SIGNATURE} | {f.name for f in self.manifest.files}
        found = set(self._zip.namelist())
        if found != expected:
            extra, missing = sorted(found - expected), sorted(expected - found)
            what = f"多出条目 {'、'.join(extra[:3])}" if extra else f"缺少 {'、'.join(missing[:3])}"
            raise self.refuse(RefusalKind.DAMAGED, f"压缩包内容与清单不符：{what[:200]}")
        for entry in self.manifest.files:
            if self._zip.getinfo(entry.name).file_size != entry.size:
                raise self.refuse(RefusalKind.CHECKSUM, f"“{entry.name}”的大小与清单不符")

    @property
    def path(self) -> Path:
        """The zip file read (a temporary unsealed copy when the package was sealed)."""
        return self._path

    @property
    def sealed(self) -> bool:
        """Whether the file was sealed with a passphrase (read through a temporary copy)."""
        return self._temporary

    def refuse(self, kind: RefusalKind, reason: str) -> PackageRefusedError:
        return PackageRefusedError(self.name, kind, reason)

    def _read_small(self, member: str, limit: int) -> bytes:
        try:
            info = self._zip.getinfo(member)
        except KeyError:
            raise self.refuse(RefusalKind.DAMAGED, f"缺少{member}，不是完整的数据包") from None
        if info.file_size > limit:
            raise self.refuse(RefusalKind.DAMAGED, f"{member} 过大")
        try:
            with self._zip.open(info) as fh:
                return fh.read(limit + 1)
        except _ZIP_ERRORS as exc:
            raise self.refuse(RefusalKind.DAMAGED, f"{member} 无法读取（{exc}）") from None

    def verify_signature(self, public_key: bytes) -> None:
        """Refuse unless ``manifest.sig`` is the signature of the manifest by ``public_key``."""
        try:
            signature = base64.b64decode(self._signature.strip(), validate=True)
        except (binascii.Error, ValueError):
            signature = b""
        if not verify_signature(public_key, self.manifest_bytes, signature):
            raise self.refuse(
                RefusalKind.SIGNATURE,
                "签名无效：清单不是由所登记的发送单位密钥签署，或在传递中被改动",
            )

    def _blocks(self, entry: FileEntry) -> Iterator[bytes]:
        try:
            with self._zip.open(entry.name) as fh:
                while block := fh.read(_BLOCK):
                    yield block
        except _ZIP_ERRORS as exc:
            raise self.refuse(RefusalKind.DAMAGED, f"“{entry.name}”无法解压（{exc}）") from None

    def _hash_mismatch(self, entry: FileEntry, digest: Any, size: int) -> bool:
        return size != entry.size or digest.hexdigest() != entry.sha256

    def _checksum_error(self, entry: FileEntry) -> PackageRefusedError:
        return self.refuse(
            RefusalKind.CHECKSUM, f"“{entry.name}”的 SHA-256 校验值与清单不符，文件在传递中被改动"
        )

    def check_member(self, entry: FileEntry) -> None:
        digest, size = hashlib.sha256(), 0
        for block in self._blocks(entry):
            digest.update(block)
            size += len(block)
        if self._hash_mismatch(entry, digest, size):
            raise self._checksum_error(entry)

    def check_files(self, cancelled: Cancelled | None = None) -> None:
        """Compare every member with its checksum (nothing is decoded)."""
        for entry in self.manifest.files:
            if cancelled is not None and cancelled():
                return
            self.check_member(entry)

    def read_member(self, name: str) -> bytes:
        """A (small) member's bytes, checked against the manifest."""
        entry = self.manifest.file(name)
        data = b"".join(self._blocks(entry))
        if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
            raise self._checksum_error(entry)
        return data

    def uids(self, table: TableEntry) -> set[str]:
        """The uids of a table file, read lightly: nothing is checked here (the pass through
        :meth:`batches` checks every line and refuses what is wrong)."""
        loads = orjson.loads
        found: set[str] = set()
        tail = b""
        for block in self._blocks(self.manifest.file(table.file)):
            parts = (tail + block).split(b"\n")
            tail = parts.pop()
            if len(tail) > MAX_LINE:
                break
            for raw in parts:
                try:
                    value = loads(raw)["uid"]
                except (ValueError, TypeError, KeyError, IndexError):
                    continue
                if isinstance(value, str):
                    found.add(value)
        return found

    def batches(
        self,
        table: TableEntry,
        spec: TableSpec,
        size: int = 2000,
        *,
        decode: Callable[[bytes | str], Any] | None = None,
        uid_of: Callable[[Any], str] = _UID_OF,
    ) -> Iterator[Batch]:
        """The table's records in batches, decoded and checked (see the module docstring).

        Lines are decoded a batch at a time (a ``map`` over the lines, not a Python loop per
        line); the first bad or repeated line is refused as if they were read one by one, and
        no line after a batch is read before that batch was used. A caller may decode lines
        into something else than values by key (``decode``, checked the same way, and
        ``uid_of`` finding the uid in what it makes).
        """
        entry = self.manifest.file(table.file)
        decode = decode or decoder(spec)
        digest, read = hashlib.sha256(), 0
        uids: set[str] = set()
        count, tail = 0, b""
        blocks = self._blocks(entry)

        def bad_line(line: int, problem: str) -> None:
            self._bad_line(entry, blocks, digest, read, line, problem)

        def take(raws: list[bytes]) -> tuple[list[Any], list[str]]:
            """Decode lines ``count + 1 …``; refuse the first bad or repeated one."""
            try:
                records = list(map(decode, raws))  # bytes: the decoder checks they are UTF-8
                failed = None
            except (UnicodeDecodeError, RecordProblemError):
                records, failed = [], None
                for raw in raws:
                    try:
                        records.append(decode(raw))
                    except (UnicodeDecodeError, RecordProblemError) as exc:
                        failed = exc
                        break
            new = list(map(uid_of, records))
            if len(set(new)) != len(new) or not uids.isdisjoint(new):
                for i, uid in enumerate(new):
                    if uid in uids:
                        raise self.refuse(
                            RefusalKind.DUPLICATE_UID,
                            f"“{entry.name}”第 {count + i + 1} 行的记录标识 {uid} 在表中出现了两次",
                        )
                    uids.add(uid)
            uids.update(new)
            if failed is not None:
                bad = "不是 UTF-8 文字" if isinstance(failed, UnicodeDecodeError) else str(failed)
                bad_line(count + len(records) + 1, bad)
            return records, new

        batch = Batch([], [], [])
        for block in blocks:
            digest.update(block)
            read += len(block)
            parts = (tail + block).split(b"\n")
            tail = parts.pop()
            if len(tail) > MAX_LINE:
                bad_line(count + len(parts) + 1, "过长")
            start = 0
            while start < len(parts):
                raws = parts[start : start + size - len(batch.records)]
                records, new = take(raws)
                batch.lines.extend(range(count + 1, count + len(raws) + 1))
                batch.records.extend(records)
                batch.uids.extend(new)
                count, start = count + len(raws), start + len(raws)
                if len(batch.records) >= size:
                    yield batch
                    batch = Batch([], [], [])
        if tail:
            bad_line(count + 1, "没有以换行结束")
        if self._hash_mismatch(entry, digest, read):
            raise self._checksum_error(entry)
        if count != table.records:
            raise self.refuse(
                RefusalKind.DAMAGED,
                f"“{entry.name}”有 {count} 条记录，清单写明 {table.records} 条",
            )
        if batch.records:
            yield batch

    def _bad_line(
        self,
        entry: FileEntry,
        rest: Iterator[bytes],
        digest: Any,
        read: int,
        line: int,
        problem: str,
    ) -> None:
        """Refuse a bad line; as a checksum failure when the file's bytes were changed."""
        for block in rest:
            digest.update(block)
            read += len(block)
        if self._hash_mismatch(entry, digest, read):
            raise self._checksum_error(entry)
        raise self.refuse(RefusalKind.BAD_RECORD, f"“{entry.name}”第 {line} 行：{problem}")

    def close(self) -> None:
        self._zip.close()
        if self._temporary:
            self._path.unlink(missing_ok=True)

    def __enter__(self) -> OpenedPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _unsealed(path: Path, name: str, passphrase: str | None, work_dir: Path) -> Path:
    work_dir.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".unsealed-", suffix=".zip", dir=work_dir)
    target = Path(temp)
    try:
        with os.fdopen(fd, "wb") as out, path.open("rb") as source:
            unseal(source, out, passphrase, name=name, max_bytes=LIMITS.max_file_size)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def _head(path: Path, name: str) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(16)
    except FileNotFoundError:
        raise PackageRefusedError(name, RefusalKind.DAMAGED, "文件不存在") from None
    except IsADirectoryError:
        raise PackageRefusedError(name, RefusalKind.DAMAGED, "这是文件夹，不是数据包") from None
    except OSError as exc:
        reason = f"无法读取（{exc.strerror or exc}）"
        raise PackageRefusedError(name, RefusalKind.DAMAGED, reason) from None


def open_package(path: Path, *, work_dir: Path, passphrase: str | None = None) -> OpenedPackage:
    """Open ``path`` (sealed or not) up to a parsed manifest; see the module docstring."""
    name = path.name
    sealed = is_sealed(_head(path, name))
    zip_path = _unsealed(path, name, passphrase, work_dir) if sealed else path
    try:
        _guard(zip_path, name)
        try:
            return OpenedPackage(name, zip_path, sealed)
        except _ZIP_ERRORS as exc:
            reason = f"不是完整的压缩包（{exc}）"
            raise PackageRefusedError(name, RefusalKind.DAMAGED, reason) from None
    except BaseException:
        if sealed:
            zip_path.unlink(missing_ok=True)
        raise


__all__ = ["LIMITS", "Batch", "OpenedPackage", "open_package"]
