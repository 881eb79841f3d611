"""Making and restoring backups: a consistent copy with SQLite's backup API, checked,
fsynced and renamed into place, so that no half file ever looks like a backup."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from model.db.errors import (
    BackupSkipped,
    CorruptDatabase,
    DatabaseError,
    NotLotsenDatabase,
    WriteFailed,
    _in_use,
    corrupt_message,
    restore_command,
    translate_error,
)
from model.db.files import _read_only
from model.db.generations import _case_count, newest_backup, prune_backups
from model.db.locks import _FileLock
from model.db.schema import _check_header, _inspect
from model.paths import backups_dir, private_dir

if TYPE_CHECKING:
    from model.db.database import Database


ASIDE_SUFFIX = ".fore-aterstallning-"


# A backup being written: `.tmp-<final name>`; never matched by _backup_pattern.
TEMP_PREFIX = ".tmp-"
_TEMPS_IN_USE: set[Path] = set()  # this process's copies under way (others are stale)
_TEMPS_LOCK = threading.Lock()


def backup_database(db: Database, reason: str = "") -> Path:
    """Database.backup (described there): a checked copy under a temporary name, renamed
    into place in the private backups folder, then the old backups pruned."""
    folder = private_dir(backups_dir(db.path))
    _remove_stale_temps(folder, db.path)
    _refuse_empty_over_history(db)
    suffix = f"-{reason}" if reason else ""
    while True:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{db.path.stem}-{stamp}{suffix}.db"
        tmp = folder / f"{TEMP_PREFIX}{target.name}"
        if not target.exists() and not tmp.exists():
            break
    with _TEMPS_LOCK:
        _TEMPS_IN_USE.add(tmp)
    try:
        _copy_database(db.conn, tmp, lock=db.lock, db_path=db.path)
        try:
            os.replace(tmp, target)
            _fsync_dir(folder)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise WriteFailed(
            f"Säkerhetskopian av {db.path} kunde inte skrivas i {folder} "
            f"({exc.strerror or exc}). Databasen är oförändrad."
        ) from exc
    finally:
        with _TEMPS_LOCK:
            _TEMPS_IN_USE.discard(tmp)
    prune_backups(db.path)
    return target


def _refuse_empty_over_history(db: Database) -> None:
    """An empty database is not backed up when the newest backup holds cases: a file
    emptied by accident, backed up at every start, would otherwise push the good
    backups out one by one."""
    if db.case_count() > 0:
        return
    previous = newest_backup(db.path)
    if previous is not None and (_case_count(previous) or 0) > 0:
        raise BackupSkipped(
            f"Ingen ny säkerhetskopia gjordes: databasen {db.path} är tom, men den "
            f"senaste säkerhetskopian {previous} innehåller ärenden och sparas som den är."
            f"\nSaknas ärenden? Återställ den med: {restore_command(db.path, previous)}"
        )


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


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be opened on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
        raise CorruptDatabase(
            f"Säkerhetskopian {backup_path} är skadad och kan inte "
            "återställas. Välj en annan säkerhetskopia."
        ) from exc
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
                raise CorruptDatabase(
                    f"Säkerhetskopian {backup_path} är skadad och kan inte "
                    "återställas. Välj en annan säkerhetskopia."
                )
            _copy_database(source, tmp, db_path=backup_path)
        except sqlite3.DatabaseError as exc:
            raise CorruptDatabase(
                f"Säkerhetskopian {backup_path} är skadad och kan inte "
                "återställas. Välj en annan säkerhetskopia."
            ) from exc
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
