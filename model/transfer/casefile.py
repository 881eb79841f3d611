"""The case file's content: one case as versioned JSON, and back into a database.

Export reads every row of the case's tables (model.transfer.tables: derived from the SQLModel
metadata, so new columns travel at once) and numbers the rows of each table 1, 2, … in id
order; a foreign key holds the target's number. Import checks the whole file first
(model.transfer.check), then inserts it as a new case in one transaction, with fresh ids and
every link pointing to the new rows. The format itself (errors, upgrades of older versions,
the JSON bytes) is model.transfer.format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError

from model import validation as v
from model.transfer.check import check_document
from model.transfer.docs import FORMAT_NAME, FORMAT_VERSION
from model.transfer.format import (
    CaseFileError,
    DuplicatePersonnummer,
    NewerFormat,
    dumps,
    loads,
    migrate,
)
from model.transfer.tables import ROOT, TableSpec, case_tables

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from model.store import Store

__all__ = [  # the format's names stay importable from here
    "CaseFileError",
    "DuplicatePersonnummer",
    "NewerFormat",
    "case_document",
    "check_document",
    "dumps",
    "duplicate_cases",
    "import_document",
    "loads",
    "migrate",
]


# -- export ------------------------------------------------------------------------------------
def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@contextmanager
def _errors(store: Store) -> Iterator[None]:
    from model.db import translate_error

    try:
        yield
    except DBAPIError as exc:
        mapped = translate_error(exc.orig, store.db.path) if exc.orig is not None else None
        if mapped is None:
            raise
        raise mapped from exc


def case_document(store: Store, case_id: int, now: dt.datetime | None = None) -> dict[str, Any]:
    """The case as a JSON-ready dict (format FORMAT_VERSION). Raises NotFound-like LookupError."""
    import model

    tables: dict[str, list[dict[str, Any]]] = {}
    with store.db.lock, _errors(store), store.engine.connect() as conn:
        try:
            numbers: dict[str, dict[int, int]] = {}
            for s in case_tables():
                rows = _case_rows(conn, s, case_id, numbers)
                if s.name == ROOT and not rows:
                    raise LookupError(f"Ärendet finns inte (id {case_id}).")
                numbers[s.name] = {r["id"]: n for n, r in enumerate(rows, start=1)}
                tables[s.name] = rows
            for s in case_tables():
                for row in tables[s.name]:
                    for link in s.links:
                        if row[link.column] is not None:
                            # A link out of the case (never made by Lotsen) is dropped.
                            row[link.column] = numbers[link.target].get(row[link.column])
                    row["id"] = numbers[s.name][row["id"]]
                    for key, value in row.items():
                        row[key] = _json_value(value)
        finally:
            conn.rollback()
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": (now or store.clock.now()).replace(microsecond=0).isoformat(),
        "exported_by": f"Lotsen {model.__version__}",
        "tables": tables,
    }


def _case_rows(
    conn: Connection, s: TableSpec, case_id: int, numbers: dict[str, dict[int, int]]
) -> list[dict[str, Any]]:
    table = s.table
    query = select(table).order_by(table.c.id)
    if s.name == ROOT:
        query = query.where(table.c.id == case_id)
    else:
        owner = s.owner
        assert owner is not None
        ids = list(numbers[owner.target])
        if not ids:
            return []
        query = query.where(table.c[owner.column].in_(ids))
    return [dict(r._mapping) for r in conn.execute(query)]


# -- import: writing -----------------------------------------------------------------------------
def duplicate_cases(store: Store, personnummer: str | None) -> list[int]:
    """Ids of the cases in the database with this (stored, 12-digit) personnummer."""
    if not personnummer:
        return []
    from model.transfer.tables import spec

    table = spec(ROOT).table
    with store.db.lock, _errors(store), store.engine.connect() as conn:
        try:
            rows = conn.execute(
                select(table.c.id).where(table.c.personnummer == personnummer)
            ).all()
        finally:
            conn.rollback()
    return [int(r[0]) for r in rows]


def import_document(store: Store, data: dict[str, Any], *, as_new: bool = False) -> int:
    """Add the file's case as a new case (one transaction); returns its id.

    A child whose personnummer is already in the database raises DuplicatePersonnummer
    unless as_new. Anything wrong in the file raises CaseFileError and changes nothing."""
    rows = check_document(data, today=store.clock.today())
    case_row = rows[ROOT][0]
    if not as_new:
        existing = duplicate_cases(store, case_row.get("personnummer"))
        if existing:
            which = ", ".join(str(i) for i in existing)
            raise DuplicatePersonnummer(
                f"Det finns redan ett ärende för barnet med personnumret "
                f"{v.format_personnummer(case_row['personnummer'])} (ärende {which}). "
                "Inget har slagits ihop. Ta emot det som ett nytt ärende bara om det är rätt.",
                existing,
            )
    with store.db.writing(), _errors(store), store.engine.connect() as conn:
        try:
            with conn.begin():
                new_id = _insert(conn, rows)
        except IntegrityError as exc:
            raise CaseFileError(
                "Ärendefilen kan inte tas emot: den innehåller samma uppgift två gånger eller "
                f"en koppling som inte går ihop ({_short(exc)}). Inget har lagts till."
            ) from None
    return new_id


def _short(exc: IntegrityError) -> str:
    return str(exc.orig).split("\n")[0][:120] if exc.orig is not None else "okänt"


def _insert(conn: Connection, rows: dict[str, list[dict[str, Any]]]) -> int:
    new_ids: dict[str, dict[int, int]] = {}
    later: list[tuple[TableSpec, int, str, str, int]] = []  # links to rows not yet inserted
    for s in case_tables():
        mapping: dict[int, int] = {}
        new_ids[s.name] = mapping
        insert = s.table.insert()  # one statement per table: compiled once, cached
        for row in sorted(rows[s.name], key=lambda r: r["id"]):
            values = {k: val for k, val in row.items() if k != "id"}
            pending = []
            for link in s.links:
                ref = values.get(link.column)
                if ref is None:
                    continue
                target = new_ids[link.target].get(ref)
                if target is None:  # a forward link within the table (never made by Lotsen)
                    values[link.column] = None
                    pending.append((link.column, link.target, ref))
                else:
                    values[link.column] = target
            result = conn.execute(insert, values)
            new = int(result.inserted_primary_key[0])  # type: ignore[index]
            mapping[row["id"]] = new
            later += [(s, new, col, table, ref) for col, table, ref in pending]
    for s, row_id, column, target_table, ref in later:
        new_ref = new_ids[target_table][ref]
        conn.execute(s.table.update().where(s.table.c.id == row_id).values({column: new_ref}))
    return new_ids[ROOT][1] if 1 in new_ids[ROOT] else next(iter(new_ids[ROOT].values()))
