"""Is a database file's schema exactly the one its revision defines?

:func:`reference_schema` migrates an in-memory database to a revision with the program's own
migrations and describes it; :func:`describe_schema` describes a file the same way (tables,
columns with type, NOT NULL, default and key, indexes with their columns and WHERE clause,
foreign keys, CHECK constraints, triggers and views); :func:`schema_differences` says in
Chinese what differs. The CHECK and NOT NULL rules of the reference are then evaluated over
the file's rows (:func:`constraint_violations`), because a read-only connection never checks
them and a hand-edited file may break them. Only SQL taken from the reference is executed.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from functools import cache

from alembic import command
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from djdesk.db.migrate import alembic_config

_QUOTES = re.compile(r'["`\[\]]')
_CHECK = re.compile(r"\bCHECK\s*\(", re.IGNORECASE)
_CONSTRAINT_NAME = re.compile(r"CONSTRAINT\s+[\"`\[]?(\w+)[\"`\]]?\s*$", re.IGNORECASE)
_WHERE = re.compile(r"\bWHERE\b(?P<where>.*)$", re.IGNORECASE | re.DOTALL)
#: Storage classes a column of each declared type may hold (besides NULL).
_STORAGE = {
    "INTEGER": ("integer",),
    "BOOLEAN": ("integer",),
    "VARCHAR": ("text",),
    "TEXT": ("text",),
    "DATE": ("text",),
    "DATETIME": ("text",),
}


def normalise_sql(sql: str) -> str:
    """SQL text compared without quotes around names or differences in spacing."""
    return " ".join(_QUOTES.sub("", sql).split())


def check_clauses(create_sql: str) -> list[tuple[str, str]]:
    """(constraint name or ``""``, expression) of every CHECK in a CREATE TABLE statement."""
    found: list[tuple[str, str]] = []
    for match in _CHECK.finditer(create_sql):
        depth, index, quote = 1, match.end(), ""
        while index < len(create_sql) and depth:
            char = create_sql[index]
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            index += 1
        expression = create_sql[match.end() : index - 1]
        name = _CONSTRAINT_NAME.search(create_sql[: match.start()].rstrip())
        found.append((name.group(1) if name else "", normalise_sql(expression)))
    return sorted(found)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    not_null: bool
    default: str | None
    primary_key: int


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    indexes: tuple[tuple[object, ...], ...]
    foreign_keys: tuple[tuple[object, ...], ...]
    checks: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Schema:
    tables: dict[str, Table] = field(default_factory=dict)
    others: frozenset[tuple[str, str, str]] = frozenset()  # triggers and views


def _indexes(
    conn: sqlite3.Connection, table: str, sql_of: dict[str, str]
) -> tuple[tuple[object, ...], ...]:
    found: list[tuple[object, ...]] = []
    for _seq, name, unique, origin, _partial in conn.execute(f'PRAGMA index_list("{table}")'):
        columns = tuple(
            (col_name, desc, coll)
            for _n, _cid, col_name, desc, coll, key in conn.execute(f'PRAGMA index_xinfo("{name}")')
            if key
        )
        where = _WHERE.search(sql_of.get(name, "") or "")
        label = "" if str(name).startswith("sqlite_autoindex") else str(name)
        found.append(
            (
                label,
                int(unique),
                str(origin),
                columns,
                normalise_sql(where["where"]) if where else "",
            )
        )
    return tuple(sorted(found, key=repr))


def describe_schema(conn: sqlite3.Connection) -> Schema:
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall()
    sql_of = {str(name): str(sql or "") for _t, name, _tbl, sql in rows}
    tables: dict[str, Table] = {}
    others: set[tuple[str, str, str]] = set()
    for kind, name, _tbl, sql in rows:
        if kind == "table":
            columns = tuple(
                Column(str(c[1]), str(c[2] or "").upper(), bool(c[3]), c[4], int(c[5]))
                for c in conn.execute(f'PRAGMA table_xinfo("{name}")')
            )
            keys = tuple(
                sorted(tuple(k[2:8]) for k in conn.execute(f'PRAGMA foreign_key_list("{name}")'))
            )
            tables[str(name)] = Table(
                columns, _indexes(conn, str(name), sql_of), keys, tuple(check_clauses(sql or ""))
            )
        elif kind in ("trigger", "view"):
            others.add((str(kind), str(name), normalise_sql(str(sql or ""))))
    return Schema(tables, frozenset(others))


@cache
def reference_schema(revision: str) -> Schema:
    """The schema the program's migrations build up to ``revision`` (computed once)."""
    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        command.upgrade(alembic_config(engine), revision)
        raw = engine.raw_connection()
        try:
            return describe_schema(raw.driver_connection)  # type: ignore[arg-type]
        finally:
            raw.close()
    finally:
        engine.dispose()


def _table_differences(name: str, have: Table, want: Table) -> list[str]:
    problems: list[str] = []
    have_cols = {c.name: c for c in have.columns}
    want_cols = {c.name: c for c in want.columns}
    missing = [c for c in want_cols if c not in have_cols]
    extra = [c for c in have_cols if c not in want_cols]
    changed = [c for c in want_cols if c in have_cols and have_cols[c] != want_cols[c]]
    if missing:
        problems.append(f"数据表 {name} 缺少列 {'、'.join(missing)}")
    if extra:
        problems.append(f"数据表 {name} 多出列 {'、'.join(extra)}")
    if changed:
        problems.append(f"数据表 {name} 的列 {'、'.join(changed)} 定义不同")
    if not (missing or extra or changed) and have.columns != want.columns:
        problems.append(f"数据表 {name} 的列顺序不同")
    if have.indexes != want.indexes:
        problems.append(f"数据表 {name} 的索引或唯一约束不同")
    if have.foreign_keys != want.foreign_keys:
        problems.append(f"数据表 {name} 的外键不同")
    if have.checks != want.checks:
        problems.append(f"数据表 {name} 的检查约束不同")
    return problems


def schema_differences(have: Schema, want: Schema) -> list[str]:
    """What differs, in Chinese (empty when the schemas are the same)."""
    problems = [f"缺少数据表 {t}" for t in sorted(want.tables) if t not in have.tables]
    problems += [f"多出数据表 {t}" for t in sorted(have.tables) if t not in want.tables]
    for name in sorted(set(have.tables) & set(want.tables)):
        problems += _table_differences(name, have.tables[name], want.tables[name])
    labels = {"trigger": "触发器", "view": "视图"}
    problems += [f"多出{labels[k]} {n}" for k, n, _ in sorted(have.others - want.others)]
    problems += [f"缺少{labels[k]} {n}" for k, n, _ in sorted(want.others - have.others)]
    return problems


def constraint_violations(conn: sqlite3.Connection, want: Schema) -> list[str]:
    """Rows breaking the reference's CHECK and NOT NULL rules or holding a value of the wrong
    kind (text in a number column …), per table, in Chinese."""
    problems: list[str] = []
    for name, table in sorted(want.tables.items()):
        quoted = f'"{name}"'
        for constraint, expression in table.checks:
            n = conn.execute(f"SELECT count(*) FROM {quoted} WHERE NOT ({expression})").fetchone()
            if n[0]:
                problems.append(f"数据表 {name} 有 {n[0]} 行不符合约束 {constraint or expression}")
        for column in table.columns:
            kinds = _STORAGE.get(column.type.split("(")[0])
            col = f'"{column.name}"'
            if column.not_null and not column.primary_key:
                n = conn.execute(f"SELECT count(*) FROM {quoted} WHERE {col} IS NULL").fetchone()
                if n[0]:
                    problems.append(f"数据表 {name} 有 {n[0]} 行的 {column.name} 为空")
            if kinds and not column.primary_key:
                allowed = ", ".join(f"'{k}'" for k in (*kinds, "null"))
                n = conn.execute(
                    f"SELECT count(*) FROM {quoted} WHERE typeof({col}) NOT IN ({allowed})"
                ).fetchone()
                if n[0]:
                    problems.append(f"数据表 {name} 有 {n[0]} 行的 {column.name} 类型不对")
    return problems
