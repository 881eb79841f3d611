"""What a Lotsen database file is, checked read-only before anything writes to it (SQLite
header, application id, tables, schema version), and the upgrades from older versions.

SCHEMA_VERSION is read from this module when a file is opened (here and in
model.db.opening), so a test that plays a newer Lotsen patches model.db.schema.SCHEMA_VERSION.
"""

from __future__ import annotations

import glob
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from model.db.errors import (
    BackupSkipped,
    CorruptDatabase,
    DatabaseError,
    EmptiedDatabase,
    NewerDatabase,
    NotLotsenDatabase,
    corrupt_message,
    emptied_message,
)
from model.db.files import SQLITE_MAGIC, _read_only, _table_names
from model.db.generations import list_backups, newest_backup

if TYPE_CHECKING:
    from model.db.database import Database


APPLICATION_ID = 0x4C4F5453  # "LOTS"
SCHEMA_VERSION = 4
# Every table a Lotsen database of SCHEMA_VERSION has (model.tables; a test keeps them equal).
EXPECTED_TABLES = frozenset(
    {
        "case_",
        "participant",
        "consent",
        "meeting",
        "invitation",
        "attendance",
        "step_note",
        "account",
        "goal",
        "action",
        "deviation",
        "refusal_decision",
    }
)


Migration = Callable[[sqlite3.Connection], None]


def _had_database(path: Path) -> bool:
    """Whether a Lotsen database lived at path: it has backups, a -wal with frames, or a
    -wal Lotsen kept aside when the file was emptied under it (Database._stop_writing)."""
    if list_backups(path):
        return True
    try:
        if path.with_name(path.name + "-wal").stat().st_size > 0:
            return True
    except OSError:
        pass
    try:
        return any(path.parent.glob(f"{glob.escape(path.name)}-wal.gammal-*"))
    except OSError:
        return False


def _check_header(path: Path, *, history: bool = True) -> None:
    """Refuse a file that is not SQLite; an empty or header-less file where a database used
    to be (history) is refused with the newest good backup named, never made a new one."""
    if not path.exists():
        return
    size = path.stat().st_size
    head = b""
    if size:
        with open(path, "rb") as fh:
            head = fh.read(100)
    if head.startswith(SQLITE_MAGIC) or (size == 0 and not history):
        return
    if history and _had_database(path):
        raise EmptiedDatabase(emptied_message(path))
    if size:
        raise NotLotsenDatabase(
            f"Filen {path} är ingen Lotsen-databas (den är inte en SQLite-fil). "
            "Lotsen har inte ändrat den. Välj en annan fil med --db."
        )


def _inspect(path: Path, *, history: bool = True) -> int:
    """Check an existing file read-only, before anything may write to it; its user_version.

    A Lotsen database missing one of its tables (EXPECTED_TABLES) is CorruptDatabase: it
    would open and then fail on the first screen that needs the table."""
    _check_header(path, history=history)
    conn = _read_only(path)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = _table_names(conn)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()
    if app_id == APPLICATION_ID and version >= 1 and EXPECTED_TABLES - tables:
        raise CorruptDatabase(corrupt_message(path))
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        raise NotLotsenDatabase(
            f"Filen {path} är en SQLite-databas men inte Lotsens. "
            "Lotsen har inte ändrat den. Välj en annan fil med --db."
        )
    if version > SCHEMA_VERSION:
        raise NewerDatabase(
            f"Databasen {path} är skapad av en nyare version av Lotsen "
            f"(version {version}, den här förstår version {SCHEMA_VERSION}). "
            "Uppdatera Lotsen. Databasen har inte ändrats."
        )
    return version


# Upgrades from version n to n+1 (key n), run in one transaction each, after a backup.
# A step must not COMMIT (no executescript): the version bump shares its transaction.
def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")}


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """Version 2: case_.if_worse_plan, how the family acts if things worsen (idempotent)."""
    if "if_worse_plan" not in _columns(conn, "case_"):
        conn.execute("ALTER TABLE case_ ADD COLUMN if_worse_plan VARCHAR NOT NULL DEFAULT ''")


_V3_COLUMNS = {
    "meeting": [
        ("held_on", "DATE"),
        ("cancelled_on", "DATE"),
        ("cancel_reason", "VARCHAR NOT NULL DEFAULT ''"),
        ("moved_from", "DATE"),
        ("move_reason", "VARCHAR NOT NULL DEFAULT ''"),
        ("revised_at", "DATETIME"),
        ("lead_principal", "VARCHAR NOT NULL DEFAULT ''"),
        ("coordinator_phone", "VARCHAR NOT NULL DEFAULT ''"),
        ("coordinator_email", "VARCHAR NOT NULL DEFAULT ''"),
        ("step_times", "VARCHAR NOT NULL DEFAULT ''"),
        ("step_started_at", "DATETIME"),
    ],
    "attendance": [("signs", "BOOLEAN")],
    "account": [("written", "BOOLEAN NOT NULL DEFAULT '0'")],
    "action": [
        ("principal", "VARCHAR NOT NULL DEFAULT ''"),
        ("follow_up_how", "VARCHAR NOT NULL DEFAULT ''"),
    ],
}


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    """Version 3 (the record a family signs): the held date, cancelled and moved meetings,
    revision after holding, the plan's lead huvudman and the samordnare's contact, step times;
    who signs; written accounts; each action's huvudman and how it is followed up
    (idempotent: a column already there is left as it is)."""
    for table, columns in _V3_COLUMNS.items():
        have = _columns(conn, table)
        for name, decl in columns:
            if name not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl}")


_V4_COLUMNS = {
    "case_": [
        ("coordinator_1", "VARCHAR NOT NULL DEFAULT ''"),
        ("coordinator_2", "VARCHAR NOT NULL DEFAULT ''"),
        ("contact_person", "VARCHAR NOT NULL DEFAULT ''"),
        ("spokesperson", "VARCHAR NOT NULL DEFAULT ''"),
        ("spokesperson_relation", "VARCHAR NOT NULL DEFAULT ''"),
    ],
    "action": [("child_words", "VARCHAR NOT NULL DEFAULT ''")],
}


def _latest_meeting_text(column: str) -> str:
    """SQL: the case's newest non-empty `column` of its meetings ('' when none)."""
    return (
        f"COALESCE((SELECT m.{column} FROM meeting AS m WHERE m.case_id = case_.id "
        f"AND trim(m.{column}) <> '' ORDER BY COALESCE(m.held_on, m.planned_date) DESC, "
        "m.id DESC LIMIT 1), '')"
    )


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    """Version 4 (Västbas roles and the child's own plan): the case's koordinator 1 and 2,
    kontaktperson and språkrör (name, relation); each action's words for the child.

    A kontaktperson or språkrör already written at a meeting (the meeting's own fields, kept)
    becomes the case's, from its newest meeting that named one (idempotent)."""
    for table, columns in _V4_COLUMNS.items():
        have = _columns(conn, table)
        for name, decl in columns:
            if name not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl}")
    for case_col, meeting_col in (
        ("contact_person", "contact_person"),
        ("spokesperson", "childs_voice"),
    ):
        conn.execute(
            f"UPDATE case_ SET {case_col} = {_latest_meeting_text(meeting_col)} "
            f"WHERE {case_col} = ''"
        )


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def _upgrade(db: Database, version: int, migrations: dict[int, Migration]) -> None:
    target = SCHEMA_VERSION
    missing = [n for n in range(version, target) if n not in migrations]
    if missing:
        raise DatabaseError(
            f"Databasen {db.path} har version {version} och Lotsen kan inte uppgradera den "
            f"till version {target} (steg saknas). Databasen har inte ändrats."
        )
    try:
        backup: Path | None = db.backup(reason=f"fore-uppgradering-v{version}")
    except BackupSkipped:  # an empty database: the newest backup is the one worth keeping
        backup = newest_backup(db.path)
    while version < target:
        step = migrations[version]
        with db.lock:
            db.conn.execute("BEGIN IMMEDIATE")
            try:
                step(db.conn)
                db.conn.execute(f"PRAGMA user_version={version + 1}")
                db.conn.execute("COMMIT")
            except BaseException as exc:
                db.conn.execute("ROLLBACK")
                if isinstance(exc, Exception):
                    raise DatabaseError(
                        f"Uppgraderingen av databasen {db.path} från version {version} "
                        f"misslyckades ({exc}). Databasen är oförändrad på version {version}; "
                        f"en säkerhetskopia finns i {backup}."
                    ) from exc
                raise
        version += 1
