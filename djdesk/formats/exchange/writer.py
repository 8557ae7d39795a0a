"""Writing a package: table files streamed into the zip, then the signed manifest.

:class:`PackageWriter` writes each member as it comes (memory stays flat however many
records), counting records and hashing the bytes on the way; :meth:`PackageWriter.finish` then
builds the manifest from those figures, signs its bytes and adds ``manifest.json`` and
``manifest.sig``. The caller writes into a temporary file and renames it when ``finish``
returned, so a cancelled or failed export leaves no package behind.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import itertools
import zipfile
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from typing import IO

from djdesk.formats.exchange.keys import sign
from djdesk.formats.exchange.manifest import (
    MANIFEST,
    SIGNATURE,
    FileEntry,
    Manifest,
    manifest_bytes,
)

#: Deflate level 1: JSON lines still shrink about sixfold, at several times level 6's speed.
COMPRESS_LEVEL = 1


class PackageWriter:
    """One package being written to ``target`` (a binary file opened for writing)."""

    def __init__(self, target: IO[bytes], *, created_at: datetime) -> None:
        self._zip = zipfile.ZipFile(
            target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL
        )
        self._stamp = created_at.timetuple()[:6]
        self.files: list[FileEntry] = []

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    def write_lines(
        self, name: str, chunks: Iterable[Sequence[bytes]], *, skip_empty: bool = False
    ) -> int:
        """Write one JSON-lines member from chunks of lines (each line UTF-8 without its
        newline); returns the number of lines. With ``skip_empty`` a member without lines is
        not written at all."""
        chunks = (chunk for chunk in chunks if chunk)
        if skip_empty:
            first = next(chunks, None)
            if first is None:
                return 0
            chunks = itertools.chain((first,), chunks)
        digest = hashlib.sha256()
        size = count = 0

        def emit(data: bytes) -> None:
            out.write(data)
            digest.update(data)

        # Deflate and SHA-256 release the GIL: the bytes of one chunk are compressed and hashed
        # on a worker thread while the next chunk's lines are read and encoded (one chunk at a
        # time, in order; the member is closed only after the last one is written).
        with (
            self._zip.open(self._info(name), "w", force_zip64=True) as out,
            ThreadPoolExecutor(1, thread_name_prefix="package-writer") as worker,
        ):
            pending: Future[None] | None = None
            try:
                for chunk in chunks:
                    data = b"\n".join(chunk) + b"\n"
                    if pending is not None:
                        pending.result()
                    pending = worker.submit(emit, data)
                    size, count = size + len(data), count + len(chunk)
            finally:
                if pending is not None:
                    pending.result()
        self.files.append(FileEntry(name, size, digest.hexdigest()))
        return count

    def write_bytes(self, name: str, data: bytes) -> None:
        self._zip.writestr(self._info(name), data)
        self.files.append(FileEntry(name, len(data), hashlib.sha256(data).hexdigest()))

    def finish(self, manifest: Manifest, private_key: bytes) -> bytes:
        """Add the manifest (with the members written so far) and its signature; close."""
        text = manifest_bytes(replace(manifest, files=tuple(self.files)))
        self._zip.writestr(self._info(MANIFEST), text)
        self._zip.writestr(self._info(SIGNATURE), base64.b64encode(sign(private_key, text)))
        self._zip.close()
        return text

    def abandon(self) -> None:
        """Close without a manifest (the caller deletes the file)."""
        with contextlib.suppress(OSError, ValueError, zipfile.BadZipFile):
            self._zip.close()
