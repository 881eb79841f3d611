"""The SQLite file itself: permissions, pragmas, single-process lock, versions, backups.

Kept free of SQLAlchemy so the first screen can read the case list before the ORM is imported.
One connection per process (SQLite's serialized mode, guarded by `Database.lock`).
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
import shlex
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from model.paths import backups_dir, private_dir

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

APPLICATION_ID = 0x4C4F5453  # "LOTS"
SCHEMA_VERSION = 3
# Backup generations kept (see prune_backups): the newest KEEP_BACKUPS, plus the newest of
# each day for KEEP_DAYS days, plus the newest of each week for KEEP_WEEKS weeks.
KEEP_BACKUPS = 10
KEEP_DAYS = 14
KEEP_WEEKS = 8
# How long a write waits for another program holding the database's write lock.
BUSY_TIMEOUT = 5.0
# How often (seconds) an open database checks, between writes, that its file is still there.
WATCH_INTERVAL = 1.0
# Every table a Lotsen database of SCHEMA_VERSION has (model.tables; a test keeps them equal).
EXPECTED_TABLES = frozenset({
    "case_", "participant", "consent", "meeting", "invitation", "attendance", "step_note",
    "account", "goal", "action", "deviation", "refusal_decision",
})  # fmt: skip
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


class EmptiedDatabase(CorruptDatabase):
    """A 0-byte or header-less file where a database with backups used to be."""


class DatabaseInUse(DatabaseError):
    pass


class WriteFailed(DatabaseError):
    """A write did not reach the disk (disk full, read-only, I/O error): nothing was saved."""


class DatabaseLocked(WriteFailed):
    """Another program held the database's write lock longer than the busy timeout."""


class DatabaseFileChanged(WriteFailed):
    """The file at the database's path is no longer the one Lotsen opened (moved, replaced,
    deleted, emptied): nothing more is written, to either file."""


class BackupSkipped(DatabaseError):
    """No backup was made: the database is empty and the newest backup is not."""


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


def _case_count(path: Path) -> int | None:
    """Cases in a database file (0 when it has no case table); None when it is unreadable,
    not a SQLite file or fails its quick_check."""
    try:
        if path.stat().st_size == 0:
            return 0
        with open(path, "rb") as fh:
            if not fh.read(16).startswith(SQLITE_MAGIC):
                return None
        conn = _read_only(path)
        try:
            if [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()] != ["ok"]:
                return None
            if not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'case_'"
            ).fetchone():
                return 0
            return int(conn.execute("SELECT count(*) FROM case_").fetchone()[0])
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return None


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup that opens, passes quick_check and holds cases; failing that the
    newest that opens at all (a database whose cases were all deleted); else None."""
    readable: Path | None = None
    for backup in reversed(list_backups(db_path)):
        count = _case_count(backup)
        if count:
            return backup
        if count == 0 and readable is None:
            readable = backup
    return readable


def restore_command(db_path: Path, backup: Path) -> str:
    """The command line that restores backup over db_path, paths quoted for the shell."""
    command = f"lotsen restore {shlex.quote(str(backup))}"
    if not _is_default(db_path):
        command += f" --db {shlex.quote(str(db_path))}"
    return command


def _restore_advice(db_path: Path) -> str:
    backup = newest_good_backup(db_path)
    if backup is None:
        return "\nDet finns ingen säkerhetskopia att återställa från."
    return (
        f"\nDen senaste säkerhetskopian är {backup}."
        f"\nÅterställ den med: {restore_command(db_path, backup)}"
    )


def corrupt_message(db_path: Path) -> str:
    text = f"Databasen {db_path} är skadad eller går inte att läsa."
    return text + _restore_advice(db_path) + "\nInget har ändrats i filen."


def emptied_message(db_path: Path) -> str:
    """A 0-byte or header-less file where a database with backups used to be."""
    return (
        f"Databasfilen {db_path} är tom eller överskriven, men det har funnits en "
        "Lotsen-databas här. Lotsen skapar ingen ny tom databas i stället."
        + _restore_advice(db_path)
        + "\nInget har ändrats i filen."
    )


def file_changed_message(db_path: Path, what: str) -> str:
    """The file at the path is not the one Lotsen opened; what = how (Swedish participle)."""
    return (
        f"Databasfilen {db_path} har {what} medan Lotsen var öppet. Det senaste sparades "
        "inte, och Lotsen skriver inget mer till filen så att ingenting skrivs på fel ställe. "
        "Skriv av det som inte hann sparas, stäng Lotsen och starta igen. Lägg tillbaka "
        "filen om den flyttades av misstag." + _restore_advice(db_path)
    )


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
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in str(exc):
        return DatabaseLocked(f"Databasen {db_path} är upptagen av ett annat program (till "
                              "exempel en säkerhetskopiering eller ett antivirusprogram). Det "
                              "senaste sparades inte än; Lotsen försöker igen.")  # fmt: skip
    if name.startswith("SQLITE_FULL") or "disk is full" in str(exc):
        return WriteFailed(f"Disken är full. Det senaste sparades inte i {db_path}. "
                           "Frigör utrymme; Lotsen försöker igen när du skriver.")  # fmt: skip
    if name.startswith(("SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")):
        return WriteFailed(f"Databasen {db_path} kunde inte skrivas ({exc}). "
                           "Det senaste sparades inte.")  # fmt: skip
    return None


class _ProcessLock:
    """An exclusive advisory lock beside the database (`<db>.lock`), by path.

    Kept so that an older Lotsen, which only knows this lock, is still refused; on its own it
    is not enough (a symlink, a hard link or a deleted lock file gets round it), so on POSIX
    the database file itself is locked too (_FileLock)."""

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


class _FileLock:
    """Lotsen's claim on one database *file*: the lock beside it plus, on POSIX, a flock on
    an open descriptor of the file itself, so the same file reached by another path (a
    symlink, a hard link) or after `<db>.lock` was deleted is refused too.

    flock locks belong to the open file description and are independent of the POSIX
    (fcntl) record locks SQLite takes on the same file (Linux, macOS, BSD; not on NFS,
    where Linux emulates flock with fcntl locks). The descriptor stays open as long as the
    SQLite connection: closing any descriptor of a file drops the process's POSIX locks on
    it, so it is closed only after the connection. It also tells which file was opened
    (st_dev, st_ino) and reads its header for Database's file-identity check.

    On Windows (mandatory byte-range locks) only the lock file is locked."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._beside = _ProcessLock(db_path.with_name(db_path.name + ".lock"))
        self.fd: int | None = None

    def acquire(self, *, create: bool = True) -> bool:
        """Lock (creating an empty file when there is none and create is set); False when
        another Lotsen has it."""
        if not self._beside.acquire():
            return False
        try:
            flags = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
            if create:
                flags |= os.O_CREAT
            elif os.name == "nt" or not self.db_path.exists():
                # Restore: nothing more to lock (a missing file), or nothing that would help
                # (an open handle on Windows only stops the file from being renamed aside).
                return True
            try:
                fd = os.open(self.db_path, os.O_RDWR | flags, 0o600)
            except PermissionError:  # a read-only file: SQLite reports writes that fail
                fd = os.open(self.db_path, os.O_RDONLY | flags, 0o600)
            if os.name != "nt":
                import fcntl

                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    os.close(fd)
                    self._beside.release()
                    return False
        except BaseException:
            self._beside.release()
            raise
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        self._beside.release()


def _in_use(path: Path) -> DatabaseInUse:
    return DatabaseInUse(
        f"Lotsen är redan öppet med databasen {path} i ett annat fönster. "
        "Stäng det andra fönstret först (två fönster på samma databas kan skriva över varandra)."
    )


class Database:
    """An open Lotsen database: the connection, its lock and its file."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: _FileLock) -> None:
        self.path = path
        self.conn = conn
        self.lock = threading.RLock()
        self._process_lock = lock
        self._engine: Engine | None = None
        self.last_write: dt.datetime | None = None
        # The file opened, to tell when the path no longer leads to it (see ensure_same_file).
        self._abs_path = path.absolute()
        self._fd = lock.fd
        st = os.fstat(lock.fd) if lock.fd is not None else os.stat(self._abs_path)
        self._identity = (st.st_dev, st.st_ino)
        self._stamp = (st.st_size, st.st_mtime_ns)  # as Lotsen last left it
        self._changed: str | None = None  # how the file changed, once seen; writes stop
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens -wal and -shm
        self._sides = {side: _identity(self._side(side)) for side in ("-wal", "-shm")}
        # Set while a Store write runs: the ORM's next BEGIN is BEGIN IMMEDIATE (model.orm).
        self.begin_immediate = False
        self._closing = threading.Event()
        self._watcher: threading.Thread | None = None
        # The message of the last check() that found damage (the app's check runs in a
        # worker; `lotsen` prints it again when the app has closed).
        self.found_corrupt: str | None = None

    def watch(self, interval: float = WATCH_INTERVAL) -> None:
        """Also check the file every `interval` seconds between writes (a daemon thread), so
        a file replaced or deleted while Lotsen sits idle has its WAL drained within a
        second, and a kill -9 soon after cannot leave stale frames beside the new file.
        open_database starts it; the writes themselves are refused as before."""
        if self._watcher is not None:
            return
        ref = weakref.ref(self)
        closing = self._closing

        def run() -> None:
            while not closing.wait(interval):
                db = ref()
                if db is None or not db._watch_once():
                    return
                del db

        self._watcher = threading.Thread(target=run, name="lotsen-db-watch", daemon=True)
        self._watcher.start()

    def _watch_once(self) -> bool:
        """One look from the watcher; False once a change was seen (nothing more to do)."""
        if not self.lock.acquire(timeout=1):
            return True  # a long write or read: look again next time
        try:
            if self._closing.is_set():
                return False
            how = self.file_change()
            if how is None:
                return True
            self._stop_writing(how)
            return False
        finally:
            self.lock.release()

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

    # -- the file under the path -------------------------------------------------------------
    def _side(self, suffix: str) -> Path:
        return self._abs_path.with_name(self._abs_path.name + suffix)

    def _remember_file(self) -> None:
        """After Lotsen's own write (a commit may checkpoint into the file): its size and
        mtime as Lotsen left them, so a change by anyone else shows."""
        if self._fd is not None:
            try:
                st = os.fstat(self._fd)
            except OSError:
                return
            self._stamp = (st.st_size, st.st_mtime_ns)

    def file_change(self) -> str | None:
        """How the file at the path differs from the one opened (Swedish, for the message),
        or None when it is the same file as Lotsen left it: one stat (and a 16-byte read of
        the open file), a few microseconds.

        Moved, replaced (mv) or deleted: the path leads to another inode or none. Emptied or
        overwritten in place (`cp other.db lotsen.db`, `: > lotsen.db`): the same inode, but
        its size or mtime is not what Lotsen's last write left (in WAL mode only a
        checkpoint, in Lotsen's own commit, writes to the file), or its header is gone. A
        checkpoint by another SQLite program on the same file counts as a change too (rare,
        and the safe side: Lotsen stops writing)."""
        if self._changed is not None:
            return self._changed
        try:
            st = os.stat(self._abs_path)
        except FileNotFoundError:
            return "tagits bort"
        except OSError:
            return None  # cannot tell (e.g. a network folder hiccup): SQLite reports real errors
        if (st.st_dev, st.st_ino) != self._identity:
            return "flyttats eller ersatts av en annan fil"
        if st.st_size == 0:
            return "tömts"
        if self._fd is not None and (st.st_size, st.st_mtime_ns) != self._stamp:
            return "skrivits över"
        pread = getattr(os, "pread", None)
        if pread is not None and self._fd is not None:
            try:
                head = pread(self._fd, len(SQLITE_MAGIC), 0)
            except OSError:
                return None
            if head != SQLITE_MAGIC:
                return "skrivits över"
        return None

    def ensure_same_file(self) -> None:
        """Raise DatabaseFileChanged when the path no longer leads to the file opened, as
        Lotsen left it. Runs before every write (Database.transaction, and Store._write
        through writing()); from the first change seen on, every write is refused (also if
        the file comes back) and reads go on from the file still open, where possible."""
        with self.lock:
            how = self.file_change()
            if how is None:
                return
            self._stop_writing(how)
            raise DatabaseFileChanged(file_changed_message(self.path, how))

    def _stop_writing(self, how: str) -> None:
        """Once, when the change is first seen: make sure no stale WAL frame can ever be
        applied to the file now at the path, even after a kill -9.

        - Another file at the path (moved, replaced, deleted): the WAL is checkpointed into
          the file the connection still holds open (so a moved file is complete where it
          went) and truncated; then Lotsen's own -wal and -shm (checked by inode: a -wal
          that came with the new file is left alone) are removed from beside the path.
        - The same file emptied or overwritten: no checkpoint (it would write old pages into
          the new content); Lotsen's -wal is kept aside as `<db>-wal.gammal-<stamp>` (its
          pages belong to the file as it was) and its -shm removed.
        close() then never runs SQLite's close-time checkpoint and -wal delete (_abandon)."""
        if self._changed is not None:
            return
        self._changed = how
        same_file = how in ("tömts", "skrivits över")
        if not same_file:
            try:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            except sqlite3.Error:
                pass
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        for suffix in ("-wal", "-shm"):
            side = self._side(suffix)
            ours = self._sides.get(suffix)
            if ours is None or _identity(side) != ours:
                continue
            try:
                if suffix == "-wal" and side.stat().st_size > 0:
                    os.replace(side, side.with_name(f"{side.name}.gammal-{stamp}"))
                else:
                    side.unlink()
            except OSError:
                pass

    @contextmanager
    def writing(self) -> Iterator[None]:
        """For Store._write: the lock, the file check, and BEGIN IMMEDIATE for the ORM (a
        deferred transaction that upgrades to a write gets SQLITE_BUSY at once in WAL mode,
        without waiting for busy_timeout)."""
        with self.lock:
            self.ensure_same_file()
            self.begin_immediate = True
            try:
                yield
            finally:
                self.begin_immediate = False
                self._remember_file()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction on the raw connection (the hot paths use it):
        committed, and fsynced, when the block ends; rolled back on any error."""
        with self.reading() as conn:
            self.ensure_same_file()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # also when COMMIT itself failed (disk full)
                    conn.execute("ROLLBACK")
                raise
            finally:
                self._remember_file()
        self.last_write = dt.datetime.now()

    def check(self) -> None:
        """PRAGMA quick_check; raises CorruptDatabase naming the newest backup.

        Reads every page (a few ms per MB), so the app runs it once after the first screen
        is shown, in a worker, and before a backup is trusted; reads and writes that hit a
        damaged page raise CorruptDatabase on their own.
        """
        try:
            with self.reading() as conn:
                rows = conn.execute("PRAGMA quick_check").fetchall()
                tables = _table_names(conn)
            if [r[0] for r in rows] != ["ok"] or (self.is_initialised and EXPECTED_TABLES - tables):
                raise CorruptDatabase(corrupt_message(self.path))
        except CorruptDatabase as exc:
            self.found_corrupt = str(exc)
            raise

    def close(self) -> None:
        self._closing.set()
        watcher = self._watcher
        if watcher is not None and watcher is not threading.current_thread():
            watcher.join(timeout=5)
        with self.lock:
            try:
                if self.file_change() is not None:
                    self._abandon()
                else:
                    if self._engine is not None:
                        self._engine.dispose()
                    self.conn.close()
            finally:
                self._process_lock.release()

    def _abandon(self) -> None:
        """Close without closing: SQLite's close checkpoints and then deletes `<path>-wal` and
        `-shm` by name, which now may belong to another file. The WAL is drained into the
        old file, and the connection is kept (deliberately leaked, never deallocated, so not
        even interpreter shutdown closes it); the process's exit closes its descriptors."""
        self._stop_writing(self.file_change() or "flyttats eller ersatts av en annan fil")
        import ctypes

        ctypes.pythonapi.Py_IncRef(ctypes.py_object(self.conn))
        _ABANDONED.append(self.conn)

    # -- backups -----------------------------------------------------------------------------
    def backup(self, reason: str = "") -> Path:
        """Copy the database with SQLite's backup API into the private backups folder.

        Atomic: the copy is written under a temporary name (`.tmp-<stem>-…`, which
        list_backups never matches), checked, fsynced and only then renamed, so a crash or a
        kill mid-copy never leaves a half file that looks like the newest backup. Temporary
        files left by such a crash are removed on the next backup.

        A damaged database is not copied (CorruptDatabase from the copy's quick_check); an
        empty one (no cases) is not backed up when the newest backup holds cases
        (BackupSkipped, Swedish). Old backups are then pruned to the generations of
        backups_to_keep: the newest 10, the newest of each of the last 14 days, the newest
        of each of the last 8 weeks."""
        folder = private_dir(backups_dir(self.path))
        _remove_stale_temps(folder, self.path)
        self._refuse_empty_over_history()
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

    def case_count(self) -> int:
        """Cases in the database (0 when it has no case table yet)."""
        with self.reading() as conn:
            if "case_" not in _table_names(conn):
                return 0
            return int(conn.execute("SELECT count(*) FROM case_").fetchone()[0])

    def _refuse_empty_over_history(self) -> None:
        """An empty database is not backed up when the newest backup holds cases: a file
        emptied by accident, backed up at every start, would otherwise push the good
        backups out one by one."""
        if self.case_count() > 0:
            return
        previous = newest_backup(self.path)
        if previous is not None and (_case_count(previous) or 0) > 0:
            raise BackupSkipped(
                f"Ingen ny säkerhetskopia gjordes: databasen {self.path} är tom, men den "
                f"senaste säkerhetskopian {previous} innehåller ärenden och sparas som den är."
                f"\nSaknas ärenden? Återställ den med: {restore_command(self.path, previous)}"
            )


# Connections to a file that was moved, replaced or deleted under Lotsen (Database._abandon).
_ABANDONED: list[sqlite3.Connection] = []


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _table_names(conn: sqlite3.Connection) -> set[str]:
    return {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


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


def _backup_time(db_path: Path, backup: Path) -> dt.datetime | None:
    stamp = backup.name[len(db_path.stem) + 1 :][:22]
    try:
        return dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return None


def backups_to_keep(
    db_path: Path,
    backups: list[Path],
    now: dt.datetime | None = None,
    *,
    keep: int = KEEP_BACKUPS,
    days: int = KEEP_DAYS,
    weeks: int = KEEP_WEEKS,
) -> set[Path]:
    """The generations kept of backups (oldest first), so a busy afternoon cannot push out
    last week:

    - the newest `keep` (10) backups, whenever they were made;
    - the newest backup of each calendar day of the last `days` (14) days, today included;
    - the newest backup of each week (Monday to Sunday) of the last `weeks` (8) weeks, this
      week included.

    Everything else is removed by prune_backups. Days and weeks count back from now."""
    now = now or dt.datetime.now()
    kept = set(backups[-keep:]) if keep > 0 else set()
    first_day = now.date() - dt.timedelta(days=days - 1)
    this_monday = now.date() - dt.timedelta(days=now.weekday())
    first_week = this_monday - dt.timedelta(weeks=weeks - 1)
    newest_of: dict[tuple[str, dt.date], Path] = {}
    for backup in backups:  # oldest first: the last one seen for a day or week is its newest
        when = _backup_time(db_path, backup)
        if when is None:
            kept.add(backup)  # not ours to judge
            continue
        day = when.date()
        if first_day <= day <= now.date():
            newest_of[("day", day)] = backup
        monday = day - dt.timedelta(days=day.weekday())
        if first_week <= monday <= this_monday:
            newest_of[("week", monday)] = backup
    return kept | set(newest_of.values())


def prune_backups(db_path: Path, now: dt.datetime | None = None) -> None:
    """Remove the backups backups_to_keep does not keep."""
    backups = list_backups(db_path)
    kept = backups_to_keep(db_path, backups, now)
    for old in backups:
        if old not in kept:
            old.unlink(missing_ok=True)


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


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)


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
            if 0 < version < SCHEMA_VERSION and migrate:
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


def _chmod_private(path: Path, fd: int | None = None) -> None:
    """0600 when we may (a file owned by someone else is left as it is)."""
    try:
        if fd is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        elif path.exists():
            os.chmod(path, 0o600)
    except OSError:
        pass


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


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3}


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
        _check_header(backup_path, history=False)
        if backup_path.stat().st_size == 0:
            raise NotLotsenDatabase(f"Filen {backup_path} är tom och ingen Lotsen-databas.")
        version = _inspect(backup_path, history=False)
        if version < 1:
            raise NotLotsenDatabase(f"Filen {backup_path} är ingen Lotsen-databas (den är tom).")
    except (sqlite3.DatabaseError, CorruptDatabase) as exc:
        raise CorruptDatabase(f"Säkerhetskopian {backup_path} är skadad och kan inte "
                              "återställas. Välj en annan säkerhetskopia.") from exc  # fmt: skip
    if not db_path.parent.exists():
        private_dir(db_path.parent)
    lock = _FileLock(db_path)
    try:
        locked = lock.acquire(create=False)
    except OSError as exc:
        raise DatabaseError(
            f"Databasen {db_path} kunde inte öppnas: {exc.strerror or exc}."
        ) from exc
    if not locked:
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
