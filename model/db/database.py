"""An open Lotsen database: one sqlite3 connection under its lock, the file it was opened on
watched (moved, replaced, deleted or emptied under Lotsen: writes stop), write transactions,
the integrity check and backups."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from model.db.backups import backup_database
from model.db.errors import (
    CorruptDatabase,
    DatabaseFileChanged,
    corrupt_message,
    file_changed_message,
    translate_error,
)
from model.db.files import SQLITE_MAGIC, _identity, _table_names
from model.db.locks import _FileLock
from model.db.schema import EXPECTED_TABLES

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


# How often (seconds) an open database checks, between writes, that its file is still there.
WATCH_INTERVAL = 1.0


class Database:
    """An open Lotsen database: the connection, its lock and its file."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: _FileLock) -> None:
        self.path = path
        self.conn = conn
        self.lock = threading.RLock()
        self._process_lock = lock
        self._engine: Engine | None = None
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

    @contextmanager
    def read_snapshot(self) -> Iterator[sqlite3.Connection]:
        """reading() in one read transaction: every statement in the block reads the same
        state of the file (WAL: writers are not blocked meanwhile). Inside a transaction
        already begun, the block reads in that one."""
        with self.reading() as conn:
            began = not conn.in_transaction
            if began:
                conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if began and conn.in_transaction:
                    conn.execute("COMMIT")

    def set_busy_timeout(self, ms: int) -> None:
        """How long a statement waits for another program's lock (an antivirus scan, a backup
        tool) before the database refuses it as busy, in milliseconds."""
        with self.reading() as conn:
            conn.execute(f"PRAGMA busy_timeout={max(0, int(ms))}")

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
        return backup_database(self, reason)

    def case_count(self) -> int:
        """Cases in the database (0 when it has no case table yet)."""
        with self.reading() as conn:
            if "case_" not in _table_names(conn):
                return 0
            return int(conn.execute("SELECT count(*) FROM case_").fetchone()[0])


# Connections to a file that was moved, replaced or deleted under Lotsen (Database._abandon).
_ABANDONED: list[sqlite3.Connection] = []
