"""The case's tables as the case file sees them, derived from the SQLModel metadata.

Nothing here lists columns by hand: a column added to model.tables is carried by export and
import at once (through a converter chosen from its type). Only its description for
docs/case-file.md and the JSON Schema is written by hand (model.transfer.docs); a test fails
until it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import Boolean, Column, Date, DateTime, Integer, String, Table
from sqlmodel import SQLModel

import model.tables  # noqa: F401 - registers every table on SQLModel.metadata

ROOT = "case_"


@dataclass(frozen=True)
class Link:
    """A foreign key: the column holds the target row's number in the file (its "id")."""

    column: str
    target: str  # table name
    owner: bool  # the non-nullable link that makes the row part of the case


@dataclass(frozen=True)
class TableSpec:
    name: str
    table: Table
    model: type[SQLModel]
    links: tuple[Link, ...]

    @property
    def owner(self) -> Link | None:
        return next((link for link in self.links if link.owner), None)

    def link(self, column: str) -> Link | None:
        return next((link for link in self.links if link.column == column), None)

    @property
    def columns(self) -> list[Column]:
        return list(self.table.columns)


def column_kind(col: Column) -> str:
    """'ref' | 'bool' | 'int' | 'date' | 'datetime' | 'text' (what JSON value it takes)."""
    if col.foreign_keys or col.primary_key:
        return "ref"
    t = col.type
    t = getattr(t, "impl", t)  # TypeDecorators (sqlmodel's AutoString) wrap a base type
    py = t.python_type
    if py is bool or isinstance(t, Boolean):
        return "bool"
    if py is int or isinstance(t, Integer):
        return "int"
    if py is dt.datetime or isinstance(t, DateTime):
        return "datetime"
    if py is dt.date or isinstance(t, Date):
        return "date"
    if py is str or isinstance(t, String):
        return "text"
    raise TypeError(f"{col.table.name}.{col.name}: type {t!r} has no case-file form")


def _models() -> dict[str, type[SQLModel]]:
    out: dict[str, type[SQLModel]] = {}
    for mapper in SQLModel._sa_registry.mappers:
        table = mapper.local_table
        if isinstance(table, Table):
            out[table.name] = mapper.class_
    return out


@cache
def case_tables() -> tuple[TableSpec, ...]:
    """Every table that belongs to a case, parents before children (foreign-key order)."""
    models = _models()
    specs: list[TableSpec] = []
    belongs: set[str] = set()
    for table in SQLModel.metadata.sorted_tables:
        links = []
        for col in table.columns:
            for fk in col.foreign_keys:
                target = fk.column.table.name
                links.append(Link(col.name, target, owner=not col.nullable and target in belongs))
        if table.name == ROOT or any(link.owner for link in links):
            belongs.add(table.name)
            specs.append(TableSpec(table.name, table, models[table.name], tuple(links)))
    return tuple(specs)


def spec(name: str) -> TableSpec:
    for s in case_tables():
        if s.name == name:
            return s
    raise KeyError(name)


def default(spec_: TableSpec, column: str) -> tuple[bool, Any]:
    """(has a default, the default) for a column missing from a file."""
    field = spec_.model.model_fields.get(column)
    if field is None:
        return False, None
    if field.default_factory is not None:
        return True, field.default_factory()  # type: ignore[call-arg]
    if field.default is PydanticUndefined:
        return False, None
    return True, field.default
