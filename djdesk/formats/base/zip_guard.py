"""Limits every zip-based file is checked against before a parser opens it.

xlsx workbooks (rosters, later catalogues and templates) and the sync packages are zip
archives, and a zip can claim anything: entries that are encrypted, packed with a method
Python cannot unpack or by a newer zip version, names that climb out of a folder (``../``),
duplicates, or a few hundred kilobytes that unpack to gigabytes. :func:`check_zip` reads only
the archive's directory and refuses such files with a
:class:`~djdesk.errors.FileRefusedError` saying 文件已加密 / 文件已损坏 / 文件过大 /
文件格式不受支持 and why. It never unpacks an entry; Python's zip reader then stops at each
entry's declared size and checks its CRC, so the limits below also bound what a parser reads.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from djdesk.disk import size_text
from djdesk.errors import FileRefusedError

ENCRYPTED = "文件已加密"
DAMAGED = "文件已损坏"
TOO_LARGE = "文件过大"
UNSUPPORTED = "文件格式不受支持"

#: Compression methods a well-formed OOXML or sync package uses.
SUPPORTED_METHODS = {zipfile.ZIP_STORED: "不压缩", zipfile.ZIP_DEFLATED: "Deflate"}
#: The newest "version needed to extract" Python's zip reader accepts (6.3).
MAX_EXTRACT_VERSION = 63
_FLAG_ENCRYPTED = 0x1
_FLAG_STRONG_ENCRYPTION = 0x40


@dataclass(frozen=True)
class ZipLimits:
    """What one kind of file may hold. Ratios are checked only for entries above
    ``ratio_floor`` bytes (small XML parts legitimately compress very well)."""

    max_file_size: int = 100 * 1024 * 1024
    max_entries: int = 2_000
    max_entry_size: int = 256 * 1024 * 1024
    max_total_size: int = 512 * 1024 * 1024
    max_ratio: float = 100.0
    ratio_floor: int = 4 * 1024 * 1024


@dataclass(frozen=True)
class ZipSummary:
    """What the directory of an accepted archive says."""

    entries: int
    total_size: int  # uncompressed
    names: frozenset[str]


def _unsafe_name(name: str) -> str | None:
    """Why an entry name is refused, or ``None`` (OOXML part names are plain relative paths)."""
    if not name or "\x00" in name:
        return "条目名称为空或含有空字符"
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return f"条目名称“{name[:60]}”是绝对路径"
    if any(part == ".." for part in PurePosixPath(name).parts):
        return f"条目名称“{name[:60]}”指向上级文件夹"
    return None


def _check_entry(info: zipfile.ZipInfo, limits: ZipLimits, label: str) -> None:
    name = info.filename[:60]
    if info.flag_bits & (_FLAG_ENCRYPTED | _FLAG_STRONG_ENCRYPTION):
        raise FileRefusedError(
            label, ENCRYPTED, f"其中的“{name}”设有密码。请在原软件中取消密码后另存一份再使用"
        )
    if info.compress_type not in SUPPORTED_METHODS:
        raise FileRefusedError(
            label,
            UNSUPPORTED,
            f"其中的“{name}”使用了不支持的压缩方式（编号 {info.compress_type}），"
            "请用 Excel 或 WPS 重新另存为 .xlsx",
        )
    if info.extract_version > MAX_EXTRACT_VERSION:
        raise FileRefusedError(
            label,
            UNSUPPORTED,
            f"其中的“{name}”需要更新的 ZIP 版本（{info.extract_version / 10:.1f}）才能解开",
        )
    if (problem := _unsafe_name(info.filename)) is not None:
        raise FileRefusedError(label, DAMAGED, problem)
    if info.file_size > limits.max_entry_size:
        raise FileRefusedError(
            label,
            TOO_LARGE,
            f"其中的“{name}”解压后有 {size_text(info.file_size)}，"
            f"超过上限 {size_text(limits.max_entry_size)}",
        )
    if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
        info.compress_size, 1
    ):
        raise FileRefusedError(
            label,
            TOO_LARGE,
            f"其中的“{name}”从 {size_text(info.compress_size)} 解压为 "
            f"{size_text(info.file_size)}（压缩比超过 {limits.max_ratio:.0f} 倍），"
            "多为大量空行或异常内容，请删除多余的空行后另存再试",
        )


def check_zip(path: Path, limits: ZipLimits, *, label: str | None = None) -> ZipSummary:
    """Refuse ``path`` unless its zip directory is within ``limits`` (nothing is unpacked).

    ``label`` names the file in messages (its name by default).
    """
    label = label or Path(path).name
    try:
        size = Path(path).stat().st_size
    except OSError as exc:
        raise FileRefusedError(label, DAMAGED, f"无法读取（{exc.strerror or exc}）") from exc
    if size > limits.max_file_size:
        raise FileRefusedError(
            label,
            TOO_LARGE,
            f"有 {size_text(size)}，超过上限 {size_text(limits.max_file_size)}",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise FileRefusedError(label, DAMAGED, f"不是完整的 ZIP 压缩包（{exc}）") from exc
    except (NotImplementedError, RuntimeError) as exc:
        raise FileRefusedError(
            label, UNSUPPORTED, f"需要更新的 ZIP 程序或不支持的方式才能解开（{exc}）"
        ) from exc
    if not infos:
        raise FileRefusedError(label, DAMAGED, "压缩包中没有任何内容")
    if len(infos) > limits.max_entries:
        raise FileRefusedError(
            label, TOO_LARGE, f"含有 {len(infos)} 个条目，超过上限 {limits.max_entries}"
        )
    names: set[str] = set()
    total = 0
    for info in infos:
        _check_entry(info, limits, label)
        folded = info.filename.casefold()
        if folded in names:
            raise FileRefusedError(label, DAMAGED, f"条目“{info.filename[:60]}”出现了不止一次")
        names.add(folded)
        total += info.file_size
    if total > limits.max_total_size:
        raise FileRefusedError(
            label,
            TOO_LARGE,
            f"解压后共有 {size_text(total)}，超过上限 {size_text(limits.max_total_size)}",
        )
    return ZipSummary(len(infos), total, frozenset(i.filename for i in infos))
