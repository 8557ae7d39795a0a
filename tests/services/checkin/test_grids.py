"""Grids and service posts: save, rename, deactivate; grid names unique among this site's
grids; renaming a post rewrites past check-ins in the same unit of work, audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from djdesk.actor import Actor, Role
from djdesk.db.models.accounts import AuditEntry
from djdesk.db.models.checkin import CheckIn
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, PermissionDeniedError, ValidationErrors
from djdesk.services.checkin.checkins import CheckInInput, check_in, move_out
from djdesk.services.checkin.grids import list_grids, list_posts, save_grid, save_post
from djdesk.services.checkin.member_rules import MemberInput
from djdesk.services.site.identity import SiteInfo
from tests.helpers.checkin_registry import employer
from tests.services.checkin.foreign import add_foreign_grid

ADMIN = Actor.system()
CLERK = Actor("clerk", "张前台", Role.CLERK, 2)
TODAY = date(2026, 11, 23)


def _reason(call: object) -> dict[str, str]:
    assert callable(call)
    with pytest.raises(ValidationErrors) as info:
        call()
    return {e.field: e.reason for e in info.value.errors}


def test_save_rename_and_deactivate_a_grid(db: Database, site: SiteInfo) -> None:
    grid = save_grid(db, name=" 东风 一网格 ", leader="李网格", phone="13900000000", actor=ADMIN)
    assert (grid.name, grid.phone, grid.active) == ("东风 一网格", "13900000000", True)
    renamed = save_grid(db, name="东风一网格", area="东风小区", grid_id=grid.id, actor=ADMIN)
    assert (renamed.id, renamed.name, renamed.area, renamed.leader) == (
        grid.id,
        "东风一网格",
        "东风小区",
        "",
    )
    save_grid(db, name="滨江网格", actor=ADMIN)
    save_grid(db, name="东风一网格", active=False, grid_id=grid.id, actor=ADMIN)
    assert [g.name for g in list_grids(db)] == ["滨江网格"]
    assert [(g.name, g.active) for g in list_grids(db, include_inactive=True)] == [
        ("东风一网格", False),
        ("滨江网格", True),
    ]
    with pytest.raises(ValidationErrors, match="停用"):
        check_in(
            db,
            MemberInput(
                name="曾国藩",
                id_number="34052419800101001X",
                mobile="13812345678",
                unit_id=employer(db),
            ),
            CheckInInput(checked_in_on=TODAY, grid_id=grid.id),
            actor=CLERK,
        )


def test_grid_rules(db: Database, site: SiteInfo) -> None:
    save_grid(db, name="滨江网格", actor=ADMIN)
    assert _reason(lambda: save_grid(db, name="滨江网格", actor=ADMIN)) == {"name": "已有同名网格"}
    assert _reason(lambda: save_grid(db, name=" ", phone="12", actor=ADMIN)) == {
        "name": "不能为空",
        "phone": _reason(lambda: save_grid(db, name="x", phone="12", actor=ADMIN))["phone"],
    }
    assert _reason(lambda: save_grid(db, name="格" * 61, actor=ADMIN)) == {
        "name": "不能超过 60 个字"
    }
    with pytest.raises(PermissionDeniedError):
        save_grid(db, name="新网格", actor=CLERK)
    with pytest.raises(NotFoundError):
        save_grid(db, name="新网格", grid_id=999, actor=ADMIN)


def test_another_communitys_grid_of_the_same_name(db: Database, site: SiteInfo) -> None:
    theirs = add_foreign_grid(db, "第1网格")
    ours = save_grid(db, name="第1网格", actor=ADMIN)
    assert ours.id != theirs
    assert [g.id for g in list_grids(db)] == [ours.id]  # only this site's grids are offered
    assert _reason(lambda: save_grid(db, name="第1网格", actor=ADMIN)) == {"name": "已有同名网格"}


def test_posts_save_and_deactivate(db: Database, site: SiteInfo) -> None:
    assert len(list_posts(db)) == 14
    post = save_post(db, name="助老 服务", actor=ADMIN)
    assert (post.name, list_posts(db)[-1]) == ("助老服务", post)
    assert _reason(lambda: save_post(db, name="助老服务", actor=ADMIN)) == {"name": "已有同名岗位"}
    assert "不含“、”" in _reason(lambda: save_post(db, name="甲、乙", actor=ADMIN))["name"]
    assert "1–30" in _reason(lambda: save_post(db, name="岗" * 31, actor=ADMIN))["name"]
    save_post(db, name="助老服务", active=False, post_id=post.id, actor=ADMIN)
    assert "助老服务" not in [p.name for p in list_posts(db)]
    assert list_posts(db, include_inactive=True)[-1].active is False
    with pytest.raises(PermissionDeniedError):
        save_post(db, name="再来一个", actor=CLERK)


def test_renaming_a_post_rewrites_past_checkins(db: Database, site: SiteInfo) -> None:
    post = save_post(db, name="助老", actor=ADMIN)
    other = save_post(db, name="助老服务队", actor=ADMIN)  # contains the old name: untouched
    people = [
        ("曾国藩", "34052419800101001X", ("助老", "政策宣传")),
        ("李四", "110101199001010015", ("助老服务队",)),
        ("王五", "110101199001010031", ("助老",)),
    ]
    results = {
        name: check_in(
            db,
            MemberInput(name=name, id_number=idn, mobile="13812345678", unit_id=employer(db)),
            CheckInInput(checked_in_on=date(2025, 5, 1), posts=posts),
            actor=CLERK,
        )
        for name, idn, posts in people
    }
    ids = {name: result.checkin_id for name, result in results.items()}
    # Moved out: the history is renamed too.
    move_out(db, results["王五"].member_id, on=date(2025, 9, 1), reason="搬离", actor=CLERK)

    renamed = save_post(db, name="助老服务", post_id=post.id, actor=ADMIN)
    assert renamed.name == "助老服务" and other.name == "助老服务队"
    with db.reading() as session:
        rows = {c.id: (c.posts, c.version) for c in session.scalars(select(CheckIn))}
        entry = session.scalars(select(AuditEntry).where(AuditEntry.summary.contains("更名"))).one()
    assert rows[ids["曾国藩"]] == ("助老服务、政策宣传", 2)
    assert rows[ids["李四"]] == ("助老服务队", 1)
    assert rows[ids["王五"]] == ("助老服务", 3)  # moved out (2), then renamed (3)
    assert entry.summary == "服务岗位“助老”更名为“助老服务”，改写 2 条报到记录"
    # A failed rename changes nothing.
    with pytest.raises(ValidationErrors):
        save_post(db, name="助老服务队", post_id=renamed.id, actor=ADMIN)
    with db.reading() as session:
        assert session.get(CheckIn, ids["曾国藩"]).posts == "助老服务、政策宣传"  # type: ignore[union-attr]
