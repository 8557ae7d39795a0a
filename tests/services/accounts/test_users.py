"""Accounts: first administrator, password rules, lock-out persisted across restarts, roles."""

from __future__ import annotations

from datetime import timedelta

import pytest

from djdesk.actor import Actor, Role
from djdesk.db.base import utc_now
from djdesk.db.session import Database
from djdesk.db.startup import open_database
from djdesk.errors import (
    AuthenticationError,
    DjdeskError,
    PermissionDeniedError,
    ValidationError,
)
from djdesk.paths import AppPaths
from djdesk.services.accounts import users as accounts
from djdesk.services.accounts.passwords import hash_password, password_problem, verify_password
from djdesk.services.accounts.users import (
    LOGIN_FAILED_MESSAGE,
    create_first_admin,
    create_user,
    login,
)

PASSWORD = "counter2026"


class FakeClock:
    def __init__(self) -> None:
        self.now = utc_now()

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.now


@pytest.fixture
def admin(db: Database) -> Actor:
    return create_first_admin(db, "admin", "王管理", PASSWORD)


def test_hash_roundtrip_and_salting() -> None:
    first, second = hash_password("abc12345"), hash_password("abc12345")
    assert first != second and first.startswith("scrypt$")
    assert verify_password("abc12345", first) and not verify_password("abc12346", first)
    assert not verify_password("abc12345", "garbage")


@pytest.mark.parametrize(
    ("password", "fragment"),
    [
        ("short1", "至少 8 位"),
        ("onlyletters", "字母和数字"),
        ("12345678", "字母和数字"),
        ("admin123", "用户名"),
        ("a1a1a1a1", "过于简单"),
    ],
)
def test_password_rules(password: str, fragment: str) -> None:
    username = "admin123" if password == "admin123" else "clerk"
    problem = password_problem(password, username)
    assert problem is not None and fragment in problem


def test_first_admin_only_once(db: Database, admin: Actor) -> None:
    assert admin.role is Role.ADMIN and accounts.has_users(db)
    with pytest.raises(DjdeskError):
        create_first_admin(db, "second", "李四", PASSWORD)


def test_login_ok_and_generic_failures(db: Database, admin: Actor) -> None:
    assert login(db, "admin", PASSWORD).username == "admin"
    messages = set()
    for username, password in [("admin", "wrong-pass1"), ("nobody", PASSWORD)]:
        with pytest.raises(AuthenticationError) as info:
            login(db, username, password)
        messages.add(info.value.message)
    clerk = create_user(
        db, admin, username="clerk", display_name="张前台", role=Role.CLERK, password=PASSWORD
    )
    accounts.set_active(db, admin, clerk.id, False)
    with pytest.raises(AuthenticationError) as info:
        login(db, "clerk", PASSWORD)
    messages.add(info.value.message)
    assert messages == {LOGIN_FAILED_MESSAGE}


def test_lockout_after_five_and_persisted(paths: AppPaths, db: Database, admin: Actor) -> None:
    clock = FakeClock()
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            login(db, "admin", "wrong-pass1", clock=clock)
    db.dispose()
    reopened = open_database(paths)  # a restart does not lift the lock
    try:
        with pytest.raises(AuthenticationError):
            login(reopened, "admin", PASSWORD, clock=clock)
        clock.now += timedelta(minutes=4, seconds=59)
        with pytest.raises(AuthenticationError):
            login(reopened, "admin", PASSWORD, clock=clock)
        clock.now += timedelta(seconds=2)
        assert login(reopened, "admin", PASSWORD, clock=clock).role is Role.ADMIN
        info = accounts.get_user(reopened, admin.user_id or 0)
        assert info.locked_until is None
    finally:
        reopened.dispose()


def test_admin_resets_password_and_unlocks(db: Database, admin: Actor) -> None:
    clerk = create_user(
        db, admin, username="clerk", display_name="张前台", role=Role.CLERK, password=PASSWORD
    )
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            login(db, "clerk", "wrong-pass1")
    accounts.reset_password(db, admin, clerk.id, "newpass2026")
    actor = login(db, "clerk", "newpass2026")
    assert accounts.get_user(db, clerk.id).must_change_password
    accounts.change_own_password(db, actor, "newpass2026", "mine2026x")
    assert not accounts.get_user(db, clerk.id).must_change_password
    with pytest.raises(ValidationError):
        accounts.change_own_password(db, actor, "wrong-old1", "other2026")


def test_roles_are_checked_in_services(db: Database, admin: Actor) -> None:
    viewer_info = create_user(
        db, admin, username="street", display_name="街道查看", role=Role.VIEWER, password=PASSWORD
    )
    viewer = login(db, "street", PASSWORD)
    clerk_info = create_user(
        db, admin, username="clerk", display_name="张前台", role=Role.CLERK, password=PASSWORD
    )
    clerk = login(db, "clerk", PASSWORD)
    with pytest.raises(PermissionDeniedError) as info:
        create_user(
            db, clerk, username="x1", display_name="某某", role=Role.CLERK, password=PASSWORD
        )
    assert "管理员" in info.value.message
    with pytest.raises(PermissionDeniedError):
        accounts.list_users(db, viewer)
    with pytest.raises(PermissionDeniedError):
        accounts.set_active(db, viewer, clerk_info.id, False)
    assert viewer_info.role is Role.VIEWER


def test_last_admin_is_protected(db: Database, admin: Actor) -> None:
    with pytest.raises(DjdeskError):
        accounts.set_active(db, admin, admin.user_id or 0, False)
    with pytest.raises(DjdeskError):
        accounts.set_role(db, admin, admin.user_id or 0, Role.CLERK)


def test_duplicate_username(db: Database, admin: Actor) -> None:
    with pytest.raises(ValidationError) as info:
        create_user(
            db, admin, username="admin", display_name="重复", role=Role.CLERK, password=PASSWORD
        )
    assert "已被使用" in info.value.message
