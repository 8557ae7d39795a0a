"""在职党员报到 and 驻区单位 双报到: units, members, their check-ins, grids and service posts.

A :class:`Member` is the person as one site knows them (one row per ID number and ``origin``);
each arrival at the community is a :class:`CheckIn`. At most one check-in per member row is 在册
at a time; transferring out (迁出) and back in adds rows, so the history stays. Nothing here is
hard-deleted.

Natural keys hold per ``origin`` (see :mod:`djdesk.db.base`): a street database holds the same
person checked in at two communities as two member rows, each with its own 在册 check-in, and
the same unit reporting to several communities as several unit rows.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from djdesk.db.base import Base, SyncMixin


class Unit(SyncMixin, Base):
    """A 驻区单位 and its Party organisation, which reports to the community (单位报到)."""

    __tablename__ = "unit"
    __audited__ = True
    __table_args__ = (
        Index("ix_unit_name", "name"),
        Index(
            "uq_unit_origin_uscc",
            "origin",
            "uscc",
            unique=True,
            sqlite_where=text("uscc != ''"),
            postgresql_where=text("uscc != ''"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    category: Mapped[int] = mapped_column(Integer)  # 党组织类别 ①–⑨
    uscc: Mapped[str] = mapped_column(String(18), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    party_org: Mapped[str] = mapped_column(String(150), default="")
    secretary: Mapped[str] = mapped_column(String(40), default="")
    liaison_name: Mapped[str] = mapped_column(String(40), default="")
    liaison_phone: Mapped[str] = mapped_column(String(40), default="")
    declared_members: Mapped[int] = mapped_column(Integer, default=0)
    reported_on: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(4), default="在册")  # UnitStatus.ACTIVE
    remarks: Mapped[str] = mapped_column(Text, default="")


class Grid(SyncMixin, Base):
    """A 网格 of the community with its leader."""

    __tablename__ = "grid"
    __audited__ = True
    __table_args__ = (Index("uq_grid_origin_name", "origin", "name", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    area: Mapped[str] = mapped_column(String(200), default="")
    leader: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ServicePost(Base):
    """A service post (服务岗位) members can claim; a configurable list (local setting)."""

    __tablename__ = "service_post"
    __audited__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Member(SyncMixin, Base):
    """An in-service Party member as a person (the registration form of domain.md §2.3)."""

    __tablename__ = "member"
    __audited__ = True
    __table_args__ = (
        Index("uq_member_origin_id_number", "origin", "id_number", unique=True),
        Index("ix_member_name", "name"),
        Index("ix_member_name_pinyin", "name_pinyin"),
        Index("ix_member_name_initials", "name_initials"),
        Index("ix_member_mobile", "mobile"),
        Index("ix_member_id_reversed", "id_reversed"),
        Index("ix_member_mobile_reversed", "mobile_reversed"),
        Index("ix_member_unit_id", "unit_id"),
        Index("ix_member_latest_checkin_id", "latest_checkin_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    name_pinyin: Mapped[str] = mapped_column(String(120), default="")
    name_initials: Mapped[str] = mapped_column(String(20), default="")
    gender: Mapped[str] = mapped_column(String(2), default="")
    ethnicity: Mapped[str] = mapped_column(String(20), default="汉族")
    birth_date: Mapped[date | None] = mapped_column(Date, default=None)
    id_number: Mapped[str] = mapped_column(String(18))
    #: The ID number reversed, so "ends with 1234" is an indexed prefix search.
    id_reversed: Mapped[str] = mapped_column(String(18))
    political_status: Mapped[str] = mapped_column(String(8), default="正式党员")
    joined_party_on: Mapped[date | None] = mapped_column(Date, default=None)
    mobile: Mapped[str] = mapped_column(String(20), default="")
    #: The mobile reversed, so "ends with 6987" (尾号) is an indexed prefix search too.
    mobile_reversed: Mapped[str] = mapped_column(String(20), default="")
    landline: Mapped[str] = mapped_column(String(20), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), default=None)
    branch: Mapped[str] = mapped_column(String(150), default="")
    post_title: Mapped[str] = mapped_column(String(60), default="")
    estate: Mapped[str] = mapped_column(String(60), default="")  # 小区
    building: Mapped[str] = mapped_column(String(20), default="")  # 楼栋
    entrance: Mapped[str] = mapped_column(String(20), default="")  # 单元
    room: Mapped[str] = mapped_column(String(20), default="")  # 室
    specialties: Mapped[str] = mapped_column(Text, default="")  # "、"-joined
    available_times: Mapped[str] = mapped_column(String(100), default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
    #: The member's newest check-in (denormalised so lists need no per-row subquery).
    latest_checkin_id: Mapped[int | None] = mapped_column(Integer, default=None)

    unit: Mapped[Unit | None] = relationship(lazy="joined")


class CheckIn(SyncMixin, Base):
    """One arrival of a member at the community: the 报到 record, its grid and claimed posts."""

    __tablename__ = "checkin"
    __audited__ = True
    __table_args__ = (
        # Per member row, and so per origin: a member row belongs to one site.
        Index(
            "uq_checkin_one_active",
            "member_id",
            unique=True,
            sqlite_where=text("status = '在册' AND deleted_at IS NULL"),
            postgresql_where=text("status = '在册' AND deleted_at IS NULL"),
        ),
        Index("ix_checkin_member_id", "member_id"),
        Index("ix_checkin_checked_in_on", "checked_in_on"),
        Index("ix_checkin_status_member", "status", "member_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    serial: Mapped[str] = mapped_column(String(80), default="")  # 报到编号 / 回执编号
    checked_in_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(4), default="在册")  # CheckinStatus.ACTIVE
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), default=None)
    posts: Mapped[str] = mapped_column(Text, default="")  # "、"-joined post names
    channel: Mapped[str] = mapped_column(String(10), default="线下")
    received_by: Mapped[str] = mapped_column(String(40), default="")
    moved_out_on: Mapped[date | None] = mapped_column(Date, default=None)
    moved_out_reason: Mapped[str] = mapped_column(String(200), default="")

    member: Mapped[Member] = relationship(lazy="joined")
    grid: Mapped[Grid | None] = relationship(lazy="joined")
