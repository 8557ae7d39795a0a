"""The scanned signed copy of an agreement: checked, copied into the data folder, recorded.

A scan is optional. It must be a PDF, JPEG or PNG file (by content, not only by name) of at
most 20 MB; it is copied to ``<data folder>/attachments/agreements/`` under a name made of the
agreement's uid and the file's hash, so a replaced scan never overwrites the earlier one and the
data folder's backup carries it along. The record keeps the relative path, the original name,
size and SHA-256.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths
from djdesk.services.agreements.records import load_agreement, to_info
from djdesk.services.agreements.types import AgreementInfo
from djdesk.services.printing import write_atomically

MAX_SCAN_BYTES = 20 * 1024 * 1024
SCAN_FOLDER = ("attachments", "agreements")
#: accepted suffixes and the bytes such a file starts with
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def _read_scan(source: Path) -> bytes:
    suffix = source.suffix.lower()
    if suffix not in SIGNATURES:
        raise DjdeskError(f"扫描件“{source.name}”的类型不受支持：请用 PDF、JPG 或 PNG 文件。")
    try:
        size = source.stat().st_size
        if size > MAX_SCAN_BYTES:
            raise DjdeskError(
                f"扫描件“{source.name}”有 {size / 1024 / 1024:.1f} MB，超过 "
                f"{MAX_SCAN_BYTES // 1024 // 1024} MB 的上限，请降低扫描分辨率后再试。"
            )
        data = source.read_bytes()
    except FileNotFoundError:
        raise DjdeskError(f"找不到扫描件“{source}”。") from None
    except OSError as exc:
        raise DjdeskError(f"无法读取扫描件“{source}”：{exc.strerror or exc}。") from exc
    if not data:
        raise DjdeskError(f"扫描件“{source.name}”是空文件。")
    if not data.startswith(SIGNATURES[suffix]):
        raise DjdeskError(
            f"扫描件“{source.name}”的内容不是 {suffix[1:].upper()} 文件"
            "（文件可能已损坏或改过扩展名）。"
        )
    return data


def attach_scan(
    db: Database, agreement_id: int, source: Path, *, paths: AppPaths, actor: Actor
) -> AgreementInfo:
    """Store ``source`` as the agreement's scanned signed copy (replacing an earlier one)."""
    data = _read_scan(source)
    digest = hashlib.sha256(data).hexdigest()
    with db.unit_of_work(actor, what="上传协议扫描件") as session:
        row = load_agreement(session, agreement_id)
        relative = Path(*SCAN_FOLDER) / f"{row.uid}-{digest[:12]}{source.suffix.lower()}"
        write_atomically(paths.data_dir / relative, data)
        row.scan_file = relative.as_posix()
        row.scan_name = source.name[:200]
        row.scan_sha256 = digest
        row.scan_size = len(data)
        session.flush()
        return to_info(row)


def scan_path(db: Database, agreement_id: int, *, paths: AppPaths) -> Path:
    """Where the agreement's scan is, checked to be there and intact."""
    with db.reading() as session:
        row = load_agreement(session, agreement_id)
        relative, digest = row.scan_file, row.scan_sha256
    if not relative:
        raise DjdeskError("该协议还没有上传签订扫描件。")
    path = paths.data_dir / Path(relative)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DjdeskError(f"协议扫描件“{path}”无法读取：{exc.strerror or exc}。") from exc
    if hashlib.sha256(data).hexdigest() != digest:
        raise DjdeskError(f"协议扫描件“{path}”与登记时不一致，可能已被改动或损坏。")
    return path
