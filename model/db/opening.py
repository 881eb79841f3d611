"""open_database: the file checked before anything writes to it, locked, made private,
configured (WAL, synchronous=FULL, busy timeout) and upgraded to this version's schema."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from model.db import schema
from model.db.database import WATCH_INTERVAL, Database
from model.db.errors import (
    CorruptDatabase,
    DatabaseError,
    _in_use,
    corrupt_message,
    translate_error,
)
from model.db.files import _chmod_private
from model.db.generations import list_backups
from model.db.locks import _FileLock
from model.db.schema import MIGRATIONS, Migration, _check_header, _inspect, _upgrade
from model.paths import private_dir

# How long a write waits for another program holding the database's write lock.
BUSY_TIMEOUT = 5.0


def open_database(
    path: Path,
    *,
    migrate: bool = True,
    migrations: dict[int, Migration] | None = None,
    busy_timeout: float | None = None,
    watch_interval: float | None = WATCH_INTERVAL,
) -> Database:
    """Open (or create) the database at path, refusing foreign, newer, corrupt, emptied or
    busy files.

    Nothing is written to a refused file. The file itself is locked (_FileLock), so the same
    file through another path is refused too. busy_timeout (seconds, default BUSY_TIMEOUT)
    is how long a write waits for another program's write lock before DatabaseLocked;
    watch_interval how often the file is checked between writes (Database.watch; None: only
    before each write).
    Corruption deeper in the file shows up as CorruptDatabase on the first read that meets
    it, or from Database.check().
    """
    path = Path(path).expanduser()
    try:
        if not path.parent.exists():
            private_dir(path.parent)
        _check_header(path)
        existed = path.exists()  # a missing file is a new database, even with old backups
        lock = _FileLock(path)
        if not lock.acquire():
            raise _in_use(path)
    except OSError as exc:
        raise DatabaseError(f"Databasen {path} kunde inte öppnas: {exc.strerror or exc}.") from exc
    try:
        _check_header(path, history=existed)  # again, now that no other Lotsen can change it
        exists = path.stat().st_size > 0
        version = _inspect(path) if exists else 0
        _make_private(path, lock.fd)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            _configure(conn, path, BUSY_TIMEOUT if busy_timeout is None else busy_timeout)
            db = Database(path, conn, lock)
            # schema.SCHEMA_VERSION, read at call time: where a test playing a newer Lotsen patches it
            if 0 < version < schema.SCHEMA_VERSION and migrate:
                _upgrade(db, version, migrations if migrations is not None else MIGRATIONS)
                db._remember_file()
        except BaseException:
            conn.close()
            raise
    except sqlite3.DatabaseError as exc:
        lock.release()
        raise translate_error(exc, path) or CorruptDatabase(corrupt_message(path)) from exc
    except OSError as exc:
        lock.release()
        raise DatabaseError(f"Databasen {path} kunde inte öppnas: {exc.strerror or exc}.") from exc
    except BaseException:
        lock.release()
        raise
    if watch_interval is not None:
        db.watch(watch_interval)
    return db


def _make_private(path: Path, fd: int | None) -> None:
    """The database, its -wal/-shm and its backups are for this user only (0600), also
    when an earlier version or another tool left them readable by others."""
    _chmod_private(path, fd)
    for side in ("-wal", "-shm"):
        _chmod_private(path.with_name(path.name + side))
    for backup in list_backups(path):
        _chmod_private(backup)


def _configure(conn: sqlite3.Connection, path: Path, busy_timeout: float) -> None:
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute(f"PRAGMA busy_timeout={max(0, int(busy_timeout * 1000))}")
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if str(mode).lower() != "wal":  # pragma: no cover - e.g. a read-only folder
        raise DatabaseError(f"Databasen {path} kunde inte öppnas för skrivning (journal: {mode}).")
    # FULL: every commit is fsynced, so an acknowledged sentence survives a power cut too.
    conn.execute("PRAGMA synchronous=FULL")
    for side in ("-wal", "-shm"):
        side_file = path.with_name(path.name + side)
        if side_file.exists():
            try:
                os.chmod(side_file, 0o600)
            except OSError:
                pass
