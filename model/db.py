"""The SQLite file itself: permissions, pragmas, single-process lock, versions, backups.

Kept free of SQLAlchemy so the first screen can read the case list before the ORM is imported.
One connection per process (SQLite's serialized mode, guarded by `Database.lock`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from model.paths import backups_dir, private_dir

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

APPLICATION_ID = 0x4C4F5453  # "LOTS"
SCHEMA_VERSION = 2
KEEP_BACKUPS = 10
SQLITE_MAGIC = b"SQLite format 3\x00"
ASIDE_SUFFIX = ".fore-aterstallning-"

Migration = Callable[[sqlite3.Connection], None]


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


class WriteFailed(DatabaseError):
    """A write did not reach the disk (disk full, read-only, I/O error): nothing was saved."""


def _backup_pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(db_path.stem)}-\d{{8}}-\d{{6}}-\d{{6}}(-[\w.-]*)?\.db$")


def list_backups(db_path: Path) -> list[Path]:
    """The backups of this database, oldest first (the names sort by time)."""
    folder = backups_dir(Path(db_path))
    if not folder.is_dir():
        return []
    pattern = _backup_pattern(Path(db_path))
    return sorted(
        (p for p in folder.iterdir() if pattern.match(p.name)),
        key=lambda p: p.name[len(Path(db_path).stem) + 1 :][:22],
    )


def newest_backup(db_path: Path) -> Path | None:
    found = list_backups(db_path)
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


def is_corruption(exc: BaseException) -> bool:
    """True when SQLite says the file is damaged (or not a database at all)."""
    name = str(getattr(exc, "sqlite_errorname", ""))
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def translate_error(exc: BaseException, db_path: Path) -> DatabaseError | None:
    """The user's words for a sqlite3 error, or None when it is not about the file."""
    if isinstance(exc, DatabaseError):
        return exc
    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, sqlite3.IntegrityError):
        return None
    if is_corruption(exc):
        return CorruptDatabase(corrupt_message(db_path))
    name = str(getattr(exc, "sqlite_errorname", ""))
    if name.startswith("SQLITE_FULL") or "disk is full" in str(exc):
        return WriteFailed(f"Disken är full. Det senaste sparades inte i {db_path}. "
                           "Frigör utrymme; Lotsen försöker igen när du skriver.")  # fmt: skip
    if name.startswith(("SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")):
        return WriteFailed(f"Databasen {db_path} kunde inte skrivas ({exc}). "
                           "Det senaste sparades inte.")  # fmt: skip
    return None


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

                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
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


def _in_use(path: Path) -> DatabaseInUse:
    return DatabaseInUse(
        f"Lotsen är redan öppet med databasen {path} i ett annat fönster. "
        "Stäng det andra fönstret först (två fönster på samma databas kan skriva över varandra)."
    )


class Database:
    """An open Lotsen database: the connection, its lock and its file."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: _ProcessLock) -> None:
        self.path = path
        self.conn = conn
        self.lock = threading.RLock()
        self._process_lock = lock
        self._engine: Engine | None = None
        self.last_write: dt.datetime | None = None

    # -- state -------------------------------------------------------------------------------
    @property
    def user_version(self) -> int:
        with self.reading() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def is_initialised(self) -> bool:
        return self.user_version >= 1

    def engine(self) -> Engine:
        if self._engine is None:
            from model.orm import make_engine

            self._engine = make_engine(self)
        return self._engine

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection under the lock; SQLite errors come out as DatabaseError (Swedish)."""
        with self.lock:
            try:
                yield self.conn
            except sqlite3.DatabaseError as exc:
                mapped = translate_error(exc, self.path)
                if mapped is None:
                    raise
                raise mapped from exc

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction on the raw connection (the hot paths use it):
        committed, and fsynced, when the block ends; rolled back on any error."""
        with self.reading() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # also when COMMIT itself failed (disk full)
                    conn.execute("ROLLBACK")
                raise
        self.last_write = dt.datetime.now()

    def check(self) -> None:
        """PRAGMA quick_check; raises CorruptDatabase naming the newest backup.

        Reads every page (a few ms per MB), so the app runs it once after the first screen
        is shown, in a worker, and before a backup is trusted; reads and writes that hit a
        damaged page raise CorruptDatabase on their own.
        """
        with self.reading() as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            raise CorruptDatabase(corrupt_message(self.path))

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
        """Copy the database with SQLite's backup API into the private backups folder.

        Atomic: the copy is written under a temporary name (`.tmp-<stem>-…`, which
        list_backups never matches), checked, fsynced and only then renamed, so a crash or a
        kill mid-copy never leaves a half file that looks like the newest backup. Temporary
        files left by such a crash are removed on the next backup."""
        folder = private_dir(backups_dir(self.path))
        _remove_stale_temps(folder, self.path)
        suffix = f"-{reason}" if reason else ""
        while True:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            target = folder / f"{self.path.stem}-{stamp}{suffix}.db"
            tmp = folder / f"{TEMP_PREFIX}{target.name}"
            if not target.exists() and not tmp.exists():
                break
        with _TEMPS_LOCK:
            _TEMPS_IN_USE.add(tmp)
        try:
            _copy_database(self.conn, tmp, lock=self.lock, db_path=self.path)
            try:
                os.replace(tmp, target)
                _fsync_dir(folder)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise WriteFailed(
                f"Säkerhetskopian av {self.path} kunde inte skrivas i {folder} "
                f"({exc.strerror or exc}). Databasen är oförändrad."
            ) from exc
        finally:
            with _TEMPS_LOCK:
                _TEMPS_IN_USE.discard(tmp)
        prune_backups(self.path)
        return target


# A backup being written: `.tmp-<final name>`; never matched by _backup_pattern.
TEMP_PREFIX = ".tmp-"
_TEMPS_IN_USE: set[Path] = set()  # this process's copies under way (others are stale)
_TEMPS_LOCK = threading.Lock()


def _remove_stale_temps(folder: Path, db_path: Path) -> None:
    """Temporary backup files of this database left by a crash (only one process has the
    database open, so those not under way here are stale); their -journal files too."""
    start = f"{TEMP_PREFIX}{db_path.stem}-"
    try:
        names = [p for p in folder.iterdir() if p.name.startswith(start)]
    except OSError:
        return
    with _TEMPS_LOCK:
        busy = {p.name for p in _TEMPS_IN_USE}
    for p in names:
        base = p.name.removesuffix("-journal")
        if base in busy:
            continue
        try:
            p.unlink()
        except OSError:
            pass


def _copy_database(
    source: sqlite3.Connection,
    target: Path,
    *,
    lock: threading.RLock | None = None,
    db_path: Path,
) -> None:
    """A consistent, checked, self-contained (rollback journal) copy, 0600, flushed to disk."""
    fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        dest = sqlite3.connect(target)
        try:
            try:
                if lock is not None:
                    with lock:
                        source.backup(dest)
                else:
                    source.backup(dest)
            except sqlite3.DatabaseError as exc:
                raise translate_error(exc, db_path) or exc from exc
            dest.execute("PRAGMA journal_mode=DELETE")
            ok = [r[0] for r in dest.execute("PRAGMA quick_check").fetchall()]
        finally:
            dest.close()
        if ok != ["ok"]:
            raise CorruptDatabase(corrupt_message(db_path))
        _fsync(target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def prune_backups(db_path: Path, keep: int = KEEP_BACKUPS) -> None:
    for old in list_backups(db_path)[:-keep]:
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


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)


def _inspect(path: Path) -> int:
    """Check an existing file read-only, before anything may write to it; its user_version."""
    _check_header(path)
    conn = _read_only(path)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()
    if app_id != APPLICATION_ID and (app_id != 0 or tables > 0):
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


def open_database(
    path: Path,
    *,
    migrate: bool = True,
    migrations: dict[int, Migration] | None = None,
) -> Database:
    """Open (or create) the database at path, refusing foreign, newer, corrupt or busy files.

    Nothing is written to a refused file. Corruption deeper in the file shows up as
    CorruptDatabase on the first read that meets it, or from Database.check().
    """
    path = Path(path).expanduser()
    try:
        if not path.parent.exists():
            private_dir(path.parent)
        _check_header(path)
        lock = _ProcessLock(path.with_name(path.name + ".lock"))
        if not lock.acquire():
            raise _in_use(path)
    except OSError as exc:
        raise DatabaseError(f"Databasen {path} kunde inte öppnas: {exc.strerror or exc}.") from exc
    try:
        exists = path.exists() and path.stat().st_size > 0
        version = _inspect(path) if exists else 0
        if not path.exists():
            os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            _configure(conn, path)
            db = Database(path, conn, lock)
            if 0 < version < SCHEMA_VERSION and migrate:
                _upgrade(db, version, migrations if migrations is not None else MIGRATIONS)
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
    return db


def _configure(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA busy_timeout=5000")
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


# Upgrades from version n to n+1 (key n), run in one transaction each, after a backup.
# A step must not COMMIT (no executescript): the version bump shares its transaction.


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")}


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """Version 2: case_.if_worse_plan, how the family acts if things worsen (idempotent)."""
    if "if_worse_plan" not in _columns(conn, "case_"):
        conn.execute("ALTER TABLE case_ ADD COLUMN if_worse_plan VARCHAR NOT NULL DEFAULT ''")


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}


def _upgrade(db: Database, version: int, migrations: dict[int, Migration]) -> None:
    target = SCHEMA_VERSION
    missing = [n for n in range(version, target) if n not in migrations]
    if missing:
        raise DatabaseError(
            f"Databasen {db.path} har version {version} och Lotsen kan inte uppgradera den "
            f"till version {target} (steg saknas). Databasen har inte ändrats."
        )
    backup = db.backup(reason=f"fore-uppgradering-v{version}")
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


def restore_backup(backup_path: Path, db_path: Path) -> Path | None:
    """Put a backup in place of the database (Lotsen must not be running on it).

    The backup must be a Lotsen database this version understands, with integrity ok. The
    current file (with its -wal) is kept aside as `<db>.fore-aterstallning-<stamp>`, never
    deleted; returns that path, or None when there was no current file.
    """
    backup_path = Path(backup_path).expanduser()
    db_path = Path(db_path).expanduser()
    if not backup_path.is_file():
        raise DatabaseError(f"Säkerhetskopian {backup_path} finns inte.")
    try:
        _check_header(backup_path)
        if backup_path.stat().st_size == 0:
            raise NotLotsenDatabase(f"Filen {backup_path} är tom och ingen Lotsen-databas.")
        version = _inspect(backup_path)
        if version < 1:
            raise NotLotsenDatabase(f"Filen {backup_path} är ingen Lotsen-databas (den är tom).")
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(f"Säkerhetskopian {backup_path} är skadad och kan inte "
                              "återställas. Välj en annan säkerhetskopia.") from exc  # fmt: skip
    if not db_path.parent.exists():
        private_dir(db_path.parent)
    lock = _ProcessLock(db_path.with_name(db_path.name + ".lock"))
    if not lock.acquire():
        raise _in_use(db_path)
    try:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        tmp = db_path.with_name(f".{db_path.name}.aterstaller-{stamp}")
        source = _read_only(backup_path)
        try:
            ok = [r[0] for r in source.execute("PRAGMA integrity_check").fetchall()]
            if ok != ["ok"]:
                raise CorruptDatabase(f"Säkerhetskopian {backup_path} är skadad och kan inte "
                                      "återställas. Välj en annan säkerhetskopia.")  # fmt: skip
            _copy_database(source, tmp, db_path=backup_path)
        except sqlite3.DatabaseError as exc:
            raise CorruptDatabase(f"Säkerhetskopian {backup_path} är skadad och kan inte "
                                  "återställas. Välj en annan säkerhetskopia.") from exc  # fmt: skip
        finally:
            source.close()
        aside: Path | None = None
        if db_path.exists():
            aside = db_path.with_name(db_path.name + ASIDE_SUFFIX + stamp)
            os.replace(db_path, aside)
        # A -wal left beside the restored file would be replayed into it: it goes with the
        # old file (SQLite finds it there as <aside>-wal); -shm is only an index.
        wal = db_path.with_name(db_path.name + "-wal")
        if wal.exists():
            if aside is not None:
                os.replace(wal, aside.with_name(aside.name + "-wal"))
            else:
                wal.unlink()
        db_path.with_name(db_path.name + "-shm").unlink(missing_ok=True)
        os.replace(tmp, db_path)
        os.chmod(db_path, 0o600)
        _fsync_dir(db_path.parent)
        return aside
    finally:
        lock.release()


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be opened on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
