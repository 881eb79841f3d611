"""The SQLite file itself: permissions, pragmas, single-process lock, versions, backups.

Kept free of SQLAlchemy so the first screen can read the case list before the ORM is imported.
One connection per process (SQLite's serialized mode, guarded by `Database.lock`).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

from model.paths import backups_dir, private_dir

APPLICATION_ID = 0x4C4F5453  # "LOTS"
SCHEMA_VERSION = 1
KEEP_BACKUPS = 10
SQLITE_MAGIC = b"SQLite format 3\x00"


class DatabaseError(Exception):
    """A problem with the database file, worded for the user (Swedish)."""


class NotLotsenDatabase(DatabaseError):
    pass


class NewerDatabase(DatabaseError):
    pass


class CorruptDatabase(DatabaseError):
    pass


class DatabaseInUse(DatabaseError):
    pass


def newest_backup(db_path: Path) -> Path | None:
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return None
    found = sorted(folder.glob(f"{db_path.stem}-*.db"))
    return found[-1] if found else None


def corrupt_message(db_path: Path) -> str:
    backup = newest_backup(db_path)
    text = f"Databasen {db_path} är skadad eller går inte att läsa."
    if backup:
        text += (
            f"\nDen senaste säkerhetskopian är {backup}."
            f"\nÅterställ den med: lotsen restore {backup}"
            + ("" if _is_default(db_path) else f" --db {db_path}")
        )
    else:
        text += "\nDet finns ingen säkerhetskopia att återställa från."
    return text + "\nInget har ändrats i filen."


def _is_default(db_path: Path) -> bool:
    from model.paths import default_db_path

    try:
        return db_path.resolve() == default_db_path().resolve()
    except OSError:
        return False


class _ProcessLock:
    """An exclusive advisory lock beside the database, so a second Lotsen is refused."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[bytes] | None = None

    def acquire(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fh = os.fdopen(fd, "r+b")
        try:
            if os.name == "nt":  # pragma: no cover - Windows
                import msvcrt

                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            return False
        self._fh = fh
        return True

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class Database:
    """An open Lotsen database: the connection, its lock and its file."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: _ProcessLock) -> None:
        self.path = path
        self.conn = conn
        self.lock = threading.RLock()
        self._process_lock = lock
        self._engine = None
        self.last_write: dt.datetime | None = None

    # -- state -------------------------------------------------------------------------------
    @property
    def user_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def is_initialised(self) -> bool:
        return self.user_version >= 1

    def engine(self):  # -> sqlalchemy.Engine, imported lazily
        if self._engine is None:
            from model.orm import make_engine

            self._engine = make_engine(self)
        return self._engine

    def close(self) -> None:
        with self.lock:
            try:
                if self._engine is not None:
                    self._engine.dispose()
                self.conn.close()
            finally:
                self._process_lock.release()

    # -- backups -----------------------------------------------------------------------------
    def backup(self, reason: str = "") -> Path:
        """Copy the database with SQLite's backup API into the private backups folder."""
        folder = private_dir(backups_dir(self.path))
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        suffix = f"-{reason}" if reason else ""
        target = folder / f"{self.path.stem}-{stamp}{suffix}.db"
        fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        dest = sqlite3.connect(target)
        try:
            with self.lock:
                self.conn.backup(dest)
            ok = dest.execute("PRAGMA quick_check").fetchone()[0]
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        if ok != "ok":
            target.unlink(missing_ok=True)
            raise CorruptDatabase(corrupt_message(self.path))
        prune_backups(self.path)
        return target


def prune_backups(db_path: Path, keep: int = KEEP_BACKUPS) -> None:
    found = sorted(backups_dir(db_path).glob(f"{db_path.stem}-*.db"))
    for old in found[:-keep]:
        old.unlink(missing_ok=True)


def _check_header(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as fh:
        head = fh.read(100)
    if not head.startswith(SQLITE_MAGIC):
        raise NotLotsenDatabase(
            f"Filen {path} är ingen Lotsen-databas (den är inte en SQLite-fil). "
            "Lotsen har inte ändrat den. Välj en annan fil med --db."
        )


def open_database(
    path: Path,
    *,
    migrate: bool = True,
    migrations: dict[int, Callable[[sqlite3.Connection], None]] | None = None,
) -> Database:
    """Open (or create) the database at path, refusing foreign, newer, corrupt or busy files."""
    path = Path(path).expanduser()
    if not path.parent.exists():
        private_dir(path.parent)
    _check_header(path)
    lock = _ProcessLock(path.with_name(path.name + ".lock"))
    if not lock.acquire():
        raise DatabaseInUse(
            f"Lotsen är redan öppet med databasen {path} i ett annat fönster. "
            "Stäng det andra fönstret först (två fönster på samma databas kan skriva över varandra)."
        )
    try:
        if not path.exists():
            os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            _configure(conn, path)
            db = Database(path, conn, lock)
            version = db.user_version
            if version > SCHEMA_VERSION:
                raise NewerDatabase(
                    f"Databasen {path} är skapad av en nyare version av Lotsen "
                    f"(version {version}, den här förstår version {SCHEMA_VERSION}). "
                    "Uppdatera Lotsen. Databasen har inte ändrats."
                )
            if 0 < version < SCHEMA_VERSION and migrate:
                _upgrade(db, version, migrations or MIGRATIONS)
        except BaseException:
            conn.close()
            raise
    except sqlite3.DatabaseError as exc:
        lock.release()
        raise CorruptDatabase(corrupt_message(path)) from exc
    except BaseException:
        lock.release()
        raise
    return db


def _configure(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and (app_id != 0 or tables > 0):
        raise NotLotsenDatabase(
            f"Filen {path} är en SQLite-databas men inte Lotsens. "
            "Lotsen har inte ändrat den. Välj en annan fil med --db."
        )
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if str(mode).lower() != "wal":  # pragma: no cover - e.g. a read-only folder
        raise DatabaseError(f"Databasen {path} kunde inte öppnas för skrivning (journal: {mode}).")
    conn.execute("PRAGMA synchronous=FULL")
    for side in ("-wal", "-shm"):
        side_file = path.with_name(path.name + side)
        if side_file.exists():
            try:
                os.chmod(side_file, 0o600)
            except OSError:
                pass


# Upgrades from version n to n+1, run in one transaction each, after a backup.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {}


def _upgrade(
    db: Database, version: int, migrations: dict[int, Callable[[sqlite3.Connection], None]]
) -> None:
    db.backup(reason=f"fore-uppgradering-v{version}")
    target = max(migrations, default=version) + 1 if migrations else version
    while version < min(target, SCHEMA_VERSION):
        step = migrations[version]
        with db.lock:
            db.conn.execute("BEGIN IMMEDIATE")
            try:
                step(db.conn)
                db.conn.execute(f"PRAGMA user_version={version + 1}")
                db.conn.execute("COMMIT")
            except BaseException:
                db.conn.execute("ROLLBACK")
                raise
        version += 1
