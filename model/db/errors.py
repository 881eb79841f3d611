"""The database's errors, worded for the user (Swedish): the DatabaseError family, SQLite
errors translated into it, and the messages that name the backup to restore."""

from __future__ import annotations

import shlex
import sqlite3
from pathlib import Path

from model.db.generations import newest_good_backup


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


def _in_use(path: Path) -> DatabaseInUse:
    return DatabaseInUse(
        f"Lotsen är redan öppet med databasen {path} i ett annat fönster. "
        "Stäng det andra fönstret först (två fönster på samma databas kan skriva över varandra)."
    )


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
        return DatabaseLocked(
            f"Databasen {db_path} är upptagen av ett annat program (till "
            "exempel en säkerhetskopiering eller ett antivirusprogram). Det "
            "senaste sparades inte än; Lotsen försöker igen."
        )
    if name.startswith("SQLITE_FULL") or "disk is full" in str(exc):
        return WriteFailed(
            f"Disken är full. Det senaste sparades inte i {db_path}. "
            "Frigör utrymme; Lotsen försöker igen när du skriver."
        )
    if name.startswith(("SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")):
        return WriteFailed(
            f"Databasen {db_path} kunde inte skrivas ({exc}). Det senaste sparades inte."
        )
    return None
