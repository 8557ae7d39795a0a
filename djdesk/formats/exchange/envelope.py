"""Whole-package encryption with a passphrase: AES-256-GCM in chunks, key from scrypt.

Packages carry personal data on USB sticks, so a site may seal a package with a passphrase
(told to the street by phone, never written next to the file). The sealed file is::

    magic "DJXSEAL1" | header length (4 bytes, big-endian) | header (UTF-8 JSON) | chunks

The header names the algorithm and holds the scrypt parameters and salt, a 7-byte nonce prefix,
the chunk size and a 16-byte passphrase check. scrypt derives 64 bytes from the passphrase
(NFC, UTF-8): the first 32 are the AES key, the last 32 key an HMAC-SHA256 of
``djdesk-sealed-package`` whose first 16 bytes are the check, so a wrong passphrase is told
apart from a damaged file. Each chunk of up to ``chunk_size`` bytes of the package is sealed
with AES-GCM under the nonce ``prefix | chunk number (4 bytes) | 1 for the last chunk else 0``
with the magic, length and header as associated data: chunks cannot be reordered, dropped,
or cut off at the end without the last tag failing (the "STREAM" construction).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import struct
import unicodedata
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from djdesk.formats.exchange.errors import PackageRefusedError, RefusalKind

MAGIC = b"DJXSEAL1"
CIPHER = "AES-256-GCM"
KDF = "scrypt"
CHUNK_SIZE = 1024 * 1024
TAG_BYTES = 16
MAX_HEADER = 4096
#: scrypt cost (N = 2^15, r = 8: about 32 MB and a tenth of a second).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
#: Bounds on what a header may ask for, so a forged header cannot exhaust memory or time.
MAX_N, MAX_R, MAX_P = 2**18, 8, 4
MIN_PASSPHRASE = 8
_CHECK_TEXT = b"djdesk-sealed-package"


def is_sealed(head: bytes) -> bool:
    """Whether a file starting with ``head`` is a sealed package."""
    return head.startswith(MAGIC)


def passphrase_problem(passphrase: str) -> str | None:
    """Why a passphrase is too weak to seal with, or ``None``."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"口令至少需要 {MIN_PASSPHRASE} 个字符"
    return None


def _keys(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    derived = Scrypt(salt=salt, length=64, n=n, r=r, p=p).derive(secret)
    check = hmac.new(derived[32:], _CHECK_TEXT, hashlib.sha256).digest()[:16]
    return derived[:32], check


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if last else 0)


def seal(source: IO[bytes], target: IO[bytes], passphrase: str, *, n: int = SCRYPT_N) -> None:
    """Write ``source`` sealed with ``passphrase`` to ``target``."""
    salt, prefix = os.urandom(16), os.urandom(7)
    key, check = _keys(passphrase, salt, n, SCRYPT_R, SCRYPT_P)
    header = json.dumps(
        {
            "cipher": CIPHER,
            "kdf": KDF,
            "n": n,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "salt": base64.b64encode(salt).decode("ascii"),
            "nonce_prefix": base64.b64encode(prefix).decode("ascii"),
            "chunk_size": CHUNK_SIZE,
            "check": base64.b64encode(check).decode("ascii"),
        },
        sort_keys=True,
    ).encode("utf-8")
    aad = MAGIC + struct.pack(">I", len(header)) + header
    target.write(aad)
    aes = AESGCM(key)
    chunk = source.read(CHUNK_SIZE)
    index = 0
    while True:
        following = source.read(CHUNK_SIZE)
        last = not following
        target.write(aes.encrypt(_nonce(prefix, index, last), chunk, aad))
        if last:
            return
        chunk, index = following, index + 1


def _b64(header: dict[str, Any], key: str, size: int) -> bytes | None:
    value = header.get(key)
    if not isinstance(value, str):
        return None
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == size else None


def _int_in(header: dict[str, Any], key: str, low: int, high: int) -> int | None:
    value = header.get(key)
    if type(value) is not int or not low <= value <= high:
        return None
    return value


def _read_header(source: IO[bytes], name: str) -> tuple[bytes, dict[str, Any]]:
    def damaged(reason: str) -> PackageRefusedError:
        return PackageRefusedError(name, RefusalKind.DAMAGED, reason)

    head = source.read(len(MAGIC) + 4)
    if len(head) < len(MAGIC) + 4 or not is_sealed(head):
        raise damaged("不是加密数据包，或文件头已损坏")
    (length,) = struct.unpack(">I", head[len(MAGIC) :])
    if not 0 < length <= MAX_HEADER:
        raise damaged("加密文件头长度异常")
    raw = source.read(length)
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise damaged("加密文件头不是有效的 JSON") from None
    if not isinstance(header, dict) or header.get("cipher") != CIPHER or header.get("kdf") != KDF:
        raise damaged(f"加密方式不受支持（应为 {CIPHER} 与 {KDF}）")
    return head + raw, header


def unseal(
    source: IO[bytes], target: IO[bytes], passphrase: str | None, *, name: str, max_bytes: int
) -> None:
    """Write the package sealed in ``source`` to ``target``; refuse a wrong passphrase, a
    damaged or cut-off file, or more than ``max_bytes`` of content."""
    aad, header = _read_header(source, name)
    if passphrase is None:
        raise PackageRefusedError(
            name, RefusalKind.NEEDS_PASSPHRASE, "数据包已用口令加密，请输入发送单位告知的口令"
        )
    n = _int_in(header, "n", 2**10, MAX_N)
    r, p = _int_in(header, "r", 1, MAX_R), _int_in(header, "p", 1, MAX_P)
    chunk_size = _int_in(header, "chunk_size", 1024, 16 * CHUNK_SIZE)
    salt, prefix = _b64(header, "salt", 16), _b64(header, "nonce_prefix", 7)
    check = _b64(header, "check", 16)
    if None in (n, r, p, chunk_size, salt, prefix, check) or (n or 0) & ((n or 0) - 1):
        raise PackageRefusedError(name, RefusalKind.DAMAGED, "加密参数异常，文件头已损坏")
    assert n and r and p and chunk_size and salt and prefix and check
    key, expected = _keys(passphrase, salt, n, r, p)
    if not hmac.compare_digest(check, expected):
        raise PackageRefusedError(
            name, RefusalKind.PASSPHRASE, "口令不正确，请向发送单位核对口令（注意大小写）"
        )
    aes = AESGCM(key)
    written = index = 0
    chunk = source.read(chunk_size + TAG_BYTES)
    while True:
        following = source.read(chunk_size + TAG_BYTES)
        last = not following
        try:
            plain = aes.decrypt(_nonce(prefix, index, last), chunk, aad)
        except (InvalidTag, ValueError):
            where = "文件不完整（末尾被截断）" if last else f"第 {index + 1} 段数据校验失败"
            raise PackageRefusedError(name, RefusalKind.DAMAGED, f"{where}，文件已损坏") from None
        written += len(plain)
        if written > max_bytes:
            raise PackageRefusedError(name, RefusalKind.TOO_LARGE, "解密后的内容超过上限")
        target.write(plain)
        if last:
            return
        chunk, index = following, index + 1
