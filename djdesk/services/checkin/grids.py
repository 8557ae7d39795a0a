"""Grids (网格) and the service-post list (设岗定责): small registries an administrator edits.

Grid names are unique among this site's grids (``origin``); another community's grid of the
same name is a different grid. Service posts are a local setting: renaming one rewrites the
name on every check-in that claimed it, in the same unit of work, so the history never shows a
post that no longer exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from djdesk.actor import ADMINS, Actor
from djdesk.db.audit import record_event
from djdesk.db.base import update_records
from djdesk.db.models.checkin import CheckIn, Grid, ServicePost
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, ValidationError, ValidationErrors
from djdesk.services.checkin.member_rules import clean_text, join_list, split_list
from djdesk.services.ordering import by_name
from djdesk.services.origin import load_site, site_origin
from djdesk.validation.phone import PHONE_HINT, normalize_phone

GRID_NAME_LIMIT = 60
POST_NAME_LIMIT = 30


@dataclass(frozen=True)
class GridInfo:
    id: int
    name: str
    area: str
    leader: str
    phone: str
    active: bool


@dataclass(frozen=True)
class PostInfo:
    id: int
    name: str
    sort_order: int
    active: bool


def _grid_info(row: Grid) -> GridInfo:
    return GridInfo(row.id, row.name, row.area, row.leader, row.phone, row.active)


def list_grids(db: Database, *, include_inactive: bool = False) -> list[GridInfo]:
    """This site's grids in the natural order of their names (东风一 … 东风十一); every grid
    while no site is set up."""
    with db.reading() as session:
        stmt = select(Grid).where(Grid.deleted_at.is_(None))
        site = load_site(session)
        if site is not None:
            stmt = stmt.where(Grid.origin == site.code)
        if not include_inactive:
            stmt = stmt.where(Grid.active)
        return by_name((_grid_info(g) for g in session.scalars(stmt)), lambda g: g.name)


def grid_name_problem(name: str) -> str:
    """Why ``name`` (already cleaned) cannot name a grid, or ``""``."""
    if not name:
        return "不能为空"
    if len(name) > GRID_NAME_LIMIT:
        return f"不能超过 {GRID_NAME_LIMIT} 个字"
    return ""


def grid_by_name(session: Session, name: str, *, origin: str) -> Grid | None:
    """The grid of ``origin`` with this name (active or not, not deleted)."""
    stmt = select(Grid).where(Grid.origin == origin, Grid.name == name, Grid.deleted_at.is_(None))
    return session.scalar(stmt)


def add_grid_in(
    session: Session,
    name: str,
    *,
    origin: str,
    area: str = "",
    leader: str = "",
    phone: str = "",
    active: bool = True,
) -> Grid:
    """A new grid of ``origin`` inside the caller's unit of work (audited on flush).

    The caller has cleaned and checked the values (the roster import creates missing grids
    by name through here, the grids page through :func:`save_grid`).
    """
    row = Grid(origin=origin, name=name, area=area, leader=leader, phone=phone, active=active)
    session.add(row)
    session.flush()
    return row


def save_grid(
    db: Database,
    *,
    name: str,
    area: str = "",
    leader: str = "",
    phone: str = "",
    active: bool = True,
    grid_id: int | None = None,
    actor: Actor,
) -> GridInfo:
    """Create (``grid_id`` None) or edit a grid; 管理员 only."""
    name, area, leader = clean_text(name), clean_text(area), clean_text(leader)
    errors = []
    problem = grid_name_problem(name)
    if problem:
        errors.append(ValidationError("name", problem, label="网格名称"))
    normalized = normalize_phone(phone) if phone.strip() else ""
    if normalized is None:
        errors.append(ValidationError("phone", f"格式不正确，{PHONE_HINT}", label="网格长电话"))
    if errors:
        raise ValidationErrors(errors)
    phone = normalized or ""
    with db.unit_of_work(actor, roles=ADMINS, what="维护网格") as session:
        row = None if grid_id is None else session.get(Grid, grid_id)
        if grid_id is not None and (row is None or row.deleted_at is not None):
            raise NotFoundError("找不到该网格。")
        origin = site_origin(session) if row is None else row.origin
        same = grid_by_name(session, name, origin=origin)
        if same is not None and same.id != grid_id:
            raise ValidationErrors([ValidationError("name", "已有同名网格", label="网格名称")])
        if row is None:
            row = add_grid_in(
                session, name, origin=origin, area=area, leader=leader, phone=phone, active=active
            )
        else:
            row.name, row.area, row.leader, row.phone, row.active = (
                name,
                area,
                leader,
                phone,
                active,
            )
            session.flush()
        return _grid_info(row)


def list_posts(db: Database, *, include_inactive: bool = False) -> list[PostInfo]:
    with db.reading() as session:
        stmt = select(ServicePost).order_by(ServicePost.sort_order, ServicePost.id)
        if not include_inactive:
            stmt = stmt.where(ServicePost.active)
        return [PostInfo(p.id, p.name, p.sort_order, p.active) for p in session.scalars(stmt)]


def _rename_on_checkins(session: Session, old: str, new: str) -> int:
    """Replace the post ``old`` by ``new`` on every check-in of this site that claimed it
    (versions go up, so the change travels); returns how many."""
    stmt = select(CheckIn.id, CheckIn.posts).where(CheckIn.posts.contains(old))
    site = load_site(session)
    if site is not None:
        stmt = stmt.where(CheckIn.origin == site.code)
    rows = []
    for checkin_id, text in session.execute(stmt):
        posts = split_list(text)
        if old in posts:
            renamed = tuple(dict.fromkeys(new if p == old else p for p in posts))
            rows.append({"id": checkin_id, "posts": join_list(renamed)})
    update_records(session, CheckIn, rows)
    return len(rows)


def save_post(
    db: Database, *, name: str, active: bool = True, post_id: int | None = None, actor: Actor
) -> PostInfo:
    """Create (``post_id`` None) or edit a service post; 管理员 only.

    A rename is carried onto past check-ins' claimed posts in the same transaction, with one
    audit entry saying how many were rewritten.
    """
    name = clean_text(name).replace(" ", "")
    if not name or len(name) > POST_NAME_LIMIT or "、" in name:
        raise ValidationErrors(
            [ValidationError("name", f"应为 1–{POST_NAME_LIMIT} 个字，不含“、”", label="岗位名称")]
        )
    with db.unit_of_work(actor, roles=ADMINS, what="维护服务岗位") as session:
        same = session.scalar(select(ServicePost).where(ServicePost.name == name))
        if same is not None and same.id != post_id:
            raise ValidationErrors([ValidationError("name", "已有同名岗位", label="岗位名称")])
        if post_id is None:
            last = session.scalar(select(func.max(ServicePost.sort_order))) or 0
            row = ServicePost(name=name, sort_order=last + 1)
            session.add(row)
        else:
            found = session.get(ServicePost, post_id)
            if found is None:
                raise NotFoundError("找不到该岗位。")
            row = found
            old = row.name
            if old != name:
                count = _rename_on_checkins(session, old, name)
                if count:
                    record_event(
                        session,
                        "update",
                        table="checkin",
                        summary=f"服务岗位“{old}”更名为“{name}”，改写 {count} 条报到记录",
                        details={"posts": [old, name], "checkins": count},
                    )
            row.name = name
        row.active = active
        session.flush()
        return PostInfo(row.id, row.name, row.sort_order, row.active)
