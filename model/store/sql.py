"""The store's raw SQL, in one place: the statements where an ORM Session would cost more than
the commit itself (the note typed during the meeting is saved on every pause).

They run inside `Database.transaction()`, the same write transaction the ORM session of every
other write runs in, and write datetimes with SQLAlchemy's own processor for the column, so a
value written here reads back through the ORM exactly as if the ORM had written it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from model.tables import Meeting

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

DatetimeToSql = Callable[[dt.datetime], str]


def datetime_to_sql(engine: Engine) -> DatetimeToSql:
    """How the ORM stores a datetime column on this engine: SQLAlchemy's bind processor."""
    column_type = Meeting.__table__.c.updated_at.type  # type: ignore[attr-defined]
    process = column_type.dialect_impl(engine.dialect).bind_processor(engine.dialect)
    if process is None:  # a driver that takes datetime objects as they are (not SQLite's)
        return cast(DatetimeToSql, lambda value: value)
    return cast(DatetimeToSql, process)


def stamp_schema(conn: Connection, application_id: int, version: int) -> None:
    """Mark a new file as a Lotsen database of this schema version (in the creating
    transaction)."""
    conn.exec_driver_sql(f"PRAGMA application_id={int(application_id)}")
    conn.exec_driver_sql(f"PRAGMA user_version={int(version)}")


def touch_meeting(conn: sqlite3.Connection, meeting_id: int, at: str) -> tuple[int, str] | None:
    """Stamp the meeting as changed; its (case id, routine id), or None when it is not there."""
    row = conn.execute(
        "UPDATE meeting SET updated_at = ?, "
        "revised_at = CASE WHEN ended_at IS NULL THEN revised_at ELSE ? END "
        "WHERE id = ? RETURNING case_id, routine_id",
        (at, at, meeting_id),
    ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def upsert_note(
    conn: sqlite3.Connection, meeting_id: int, step_id: str, field: str, text: str, at: str
) -> None:
    conn.execute(
        "INSERT INTO step_note (meeting_id, step_id, field, text, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (meeting_id, step_id, field) "
        "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
        (meeting_id, step_id, field, text, at),
    )


def touch_case(conn: sqlite3.Connection, case_id: int, at: str) -> None:
    conn.execute("UPDATE case_ SET last_activity = ? WHERE id = ?", (at, case_id))
