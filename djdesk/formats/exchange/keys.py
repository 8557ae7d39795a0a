"""Site keys: Ed25519 key pairs, fingerprints, signatures and the public-key file.

Each site signs its packages with its own Ed25519 key (the ``cryptography`` library). The
private key is a PKCS #8 PEM file in the data folder and never leaves it; the public key
travels in every package and in a small key file (``djdesk-public-key``, JSON) the community
gives its street. A **fingerprint** is the first 16 bytes of the SHA-256 of the 32-byte public
key, in 8 groups of 4 hexadecimal digits (``3F2A-91C0-…``): short enough to read over the
phone, long enough that no one can make a key with the same fingerprint.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from djdesk.errors import DjdeskError

KEY_FILE_FORMAT = "djdesk-public-key"
KEY_FILE_VERSION = 1
KEY_FILE_MAX_BYTES = 4096
PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64
LEVELS = ("社区", "街道", "区")
_HEX32 = re.compile(r"[0-9A-F]{32}")


def generate_private_key() -> bytes:
    """A new Ed25519 private key as unencrypted PKCS #8 PEM bytes."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _private(pem: bytes) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise DjdeskError(f"本机签名私钥文件无法读取（{exc}）。") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise DjdeskError("本机签名私钥文件不是 Ed25519 私钥。")
    return key


def public_key_of(private_pem: bytes) -> bytes:
    """The raw 32-byte public key of a private key."""
    return (
        _private(private_pem)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def fingerprint(public_key: bytes) -> str:
    """``XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`` (see the module docstring)."""
    digest = hashlib.sha256(public_key).hexdigest()[:32].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 32, 4))


def normalize_fingerprint(text: str) -> str | None:
    """A fingerprint as typed (spaces, dashes, lower case allowed) in its standard form, or
    ``None`` when it is not 32 hexadecimal digits."""
    bare = re.sub(r"[\s\-:]", "", text).upper()
    if not _HEX32.fullmatch(bare):
        return None
    return "-".join(bare[i : i + 4] for i in range(0, 32, 4))


def sign(private_pem: bytes, data: bytes) -> bytes:
    return _private(private_pem).sign(data)


def verify_signature(public_key: bytes, data: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is the Ed25519 signature of ``data`` by ``public_key``."""
    if len(public_key) != PUBLIC_KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def encode_key(public_key: bytes) -> str:
    return base64.b64encode(public_key).decode("ascii")


def decode_key(text: Any) -> bytes | None:
    """The raw public key of its base64 text, or ``None`` when it is not one."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == PUBLIC_KEY_BYTES else None


@dataclass(frozen=True)
class KeyFile:
    """What a public-key file says: whose key it is, the key, its fingerprint."""

    level: str
    code: str
    name: str
    public_key: bytes
    created_at: datetime

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def key_file_bytes(key: KeyFile) -> bytes:
    data = {
        "format": KEY_FILE_FORMAT,
        "format_version": KEY_FILE_VERSION,
        "level": key.level,
        "code": key.code,
        "name": key.name,
        "public_key": encode_key(key.public_key),
        "fingerprint": key.fingerprint,
        "created_at": key.created_at.isoformat(timespec="seconds"),
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class KeyFileError(DjdeskError):
    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"公钥文件“{source}”无法使用：{reason}。")
        self.reason = reason


def parse_key_file(data: bytes, *, source: str) -> KeyFile:
    """Check a public-key file; the fingerprint written in it must match its key."""
    if len(data) > KEY_FILE_MAX_BYTES:
        raise KeyFileError(source, f"文件过大（超过 {KEY_FILE_MAX_BYTES} 字节），不是公钥文件")
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise KeyFileError(source, "不是 UTF-8 编码的 JSON 文件") from None
    if not isinstance(raw, dict) or raw.get("format") != KEY_FILE_FORMAT:
        raise KeyFileError(source, f"不是 djdesk 公钥文件（“format”应为“{KEY_FILE_FORMAT}”）")
    version = raw.get("format_version")
    if version != KEY_FILE_VERSION:
        raise KeyFileError(source, f"格式版本 {version!r} 不受支持（本程序认识版本 1）")
    texts = {k: raw.get(k) for k in ("level", "code", "name", "fingerprint", "created_at")}
    if not all(isinstance(v, str) and 0 < len(v) <= 100 for v in texts.values()):
        raise KeyFileError(source, "缺少层级、代码、名称、指纹或生成时间")
    if texts["level"] not in LEVELS:
        raise KeyFileError(source, f"层级“{texts['level']}”应为 社区、街道 或 区")
    key = decode_key(raw.get("public_key"))
    if key is None:
        raise KeyFileError(source, "“public_key”不是 32 字节 Ed25519 公钥的 base64 文本")
    if normalize_fingerprint(str(texts["fingerprint"])) != fingerprint(key):
        raise KeyFileError(source, "文件中的指纹与公钥不符，文件可能被改动过")
    try:
        created = datetime.fromisoformat(str(texts["created_at"]))
    except ValueError:
        raise KeyFileError(source, "生成时间格式有误") from None
    return KeyFile(
        level=str(texts["level"]),
        code=str(texts["code"]),
        name=str(texts["name"]),
        public_key=key,
        created_at=created,
    )
