"""One Lotsen per database file: the lock beside it and, on POSIX, a flock on the file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO


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
