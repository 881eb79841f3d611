"""The database file on disk, below everything else in model.db: its header, identity,
tables, a read-only look into it, and its permissions."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _table_names(conn: sqlite3.Connection) -> set[str]:
    return {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)


def _chmod_private(path: Path, fd: int | None = None) -> None:
    """0600 when we may (a file owned by someone else is left as it is)."""
    try:
        if fd is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        elif path.exists():
            os.chmod(path, 0o600)
    except OSError:
        pass
