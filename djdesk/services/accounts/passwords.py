"""Password hashing with scrypt (memory-hard, in the standard library) and the password rules."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from functools import cache

# 2**14 x 8 x 128 bytes = 16 MiB per hash: memory-hard, ~50 ms on a counter PC.
_N, _R, _P = 2**14, 8, 1
_MAXMEM = 64 * 1024 * 1024
MIN_LENGTH = 8


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, maxmem=_MAXMEM, dklen=32
    )
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=_MAXMEM,
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


#: A hash of a random password, checked against when the user does not exist, so that a
#: wrong user name takes as long as a wrong password.
@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_hex(8))


def burn_time(password: str) -> None:
    verify_password(password, _dummy_hash())


def password_problem(password: str, username: str = "") -> str | None:
    """Why a new password is not acceptable (Chinese), or ``None``."""
    if len(password) < MIN_LENGTH:
        return f"密码至少 {MIN_LENGTH} 位"
    if len(password) > 128:
        return "密码不能超过 128 位"
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        return "密码须同时包含字母和数字"
    if username and password.lower() == username.lower():
        return "密码不能与用户名相同"
    if len(set(password)) < 4:
        return "密码过于简单，请勿使用重复字符"
    return None
