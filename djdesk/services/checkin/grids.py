"""Grids (网格) and the service-post list (设岗定责): small registries an administrator edits."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from djdesk.actor import ADMINS, Actor
from djdesk.db.models import Grid, ServicePost
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, ValidationError, ValidationErrors
from djdesk.services.checkin.member_rules import clean_text
from djdesk.services.origin import site_origin
from djdesk.validation.phone import PHONE_HINT, normalize_phone


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


def list_grids(db: Database, *, include_inactive: bool = False) -> list[GridInfo]:
    with db.reading() as session:
        stmt = select(Grid).where(Grid.deleted_at.is_(None)).order_by(Grid.name)
        if not include_inactive:
            stmt = stmt.where(Grid.active)
        return [
            GridInfo(g.id, g.name, g.area, g.leader, g.phone, g.active)
            for g in session.scalars(stmt)
        ]


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
    name, area, leader = clean_text(name), clean_text(area), clean_text(leader)
    errors = []
    if not name:
        errors.append(ValidationError("name", "不能为空", label="网格名称"))
    normalized = normalize_phone(phone) if phone.strip() else ""
    if normalized is None:
        errors.append(ValidationError("phone", f"格式不正确，{PHONE_HINT}", label="网格长电话"))
    if errors:
        raise ValidationErrors(errors)
    with db.unit_of_work(actor, roles=ADMINS, what="维护网格") as session:
        same = session.scalar(select(Grid).where(Grid.name == name))
        if same is not None and same.id != grid_id:
            raise ValidationErrors([ValidationError("name", "已有同名网格", label="网格名称")])
        if grid_id is None:
            row = Grid(origin=site_origin(session), name=name)
            session.add(row)
        else:
            found = session.get(Grid, grid_id)
            if found is None:
                raise NotFoundError("找不到该网格。")
            row = found
        row.name, row.area, row.leader, row.phone, row.active = (
            name,
            area,
            leader,
            normalized or "",
            active,
        )
        session.flush()
        return GridInfo(row.id, row.name, row.area, row.leader, row.phone, row.active)


def list_posts(db: Database, *, include_inactive: bool = False) -> list[PostInfo]:
    with db.reading() as session:
        stmt = select(ServicePost).order_by(ServicePost.sort_order, ServicePost.id)
        if not include_inactive:
            stmt = stmt.where(ServicePost.active)
        return [PostInfo(p.id, p.name, p.sort_order, p.active) for p in session.scalars(stmt)]


def save_post(
    db: Database, *, name: str, active: bool = True, post_id: int | None = None, actor: Actor
) -> PostInfo:
    name = clean_text(name).replace(" ", "")
    if not name or len(name) > 30 or "、" in name:
        raise ValidationErrors(
            [ValidationError("name", "应为 1–30 个字，不含“、”", label="岗位名称")]
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
            row.name = name
        row.active = active
        session.flush()
        return PostInfo(row.id, row.name, row.sort_order, row.active)
