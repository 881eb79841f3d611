"""The SQLite file itself: permissions, pragmas, single-process lock, versions, backups.

Kept free of SQLAlchemy so the first screen can read the case list before the ORM is imported.
One connection per process (SQLite's serialized mode, guarded by `Database.lock`).

The package, bottom up (each module imports only those above it):

- files: the file's header, identity, tables, permissions
- generations: which backups there are, the newest good one, which are kept (pruning)
- errors: the DatabaseError family, SQLite errors translated, the Swedish messages
- locks: one Lotsen per database file
- schema: what a Lotsen database is, its version checks and upgrades (MIGRATIONS)
- backups: making and restoring backups
- database: Database, the open connection and the watch on its file
- opening: open_database

Everything is imported from here (`from model.db import ...`), as when model.db was one
module, its private names too. A test that patches a name patches it in the module that
reads it: model.db.backups._copy_database and _fsync, model.db.schema.SCHEMA_VERSION.
"""

from __future__ import annotations

from model.db.backups import (
    _TEMPS_IN_USE,
    _TEMPS_LOCK,
    ASIDE_SUFFIX,
    TEMP_PREFIX,
    _copy_database,
    _fsync,
    _fsync_dir,
    _remove_stale_temps,
    restore_backup,
)
from model.db.database import _ABANDONED, WATCH_INTERVAL, Database
from model.db.errors import (
    BackupSkipped,
    CorruptDatabase,
    DatabaseError,
    DatabaseFileChanged,
    DatabaseInUse,
    DatabaseLocked,
    EmptiedDatabase,
    NewerDatabase,
    NotLotsenDatabase,
    WriteFailed,
    _in_use,
    _is_default,
    _restore_advice,
    corrupt_message,
    emptied_message,
    file_changed_message,
    is_corruption,
    restore_command,
    translate_error,
)
from model.db.files import SQLITE_MAGIC, _chmod_private, _identity, _read_only, _table_names
from model.db.generations import (
    KEEP_BACKUPS,
    KEEP_DAYS,
    KEEP_WEEKS,
    _backup_pattern,
    _backup_time,
    _case_count,
    backups_to_keep,
    list_backups,
    newest_backup,
    newest_good_backup,
    prune_backups,
)
from model.db.locks import _FileLock, _ProcessLock
from model.db.opening import BUSY_TIMEOUT, _configure, _make_private, open_database
from model.db.schema import (
    APPLICATION_ID,
    EXPECTED_TABLES,
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
    _check_header,
    _columns,
    _had_database,
    _inspect,
    _upgrade,
    _v1_to_v2,
    _v2_to_v3,
    _v3_to_v4,
)
from model.paths import backups_dir, private_dir

__all__ = [
    # files, generations
    "SQLITE_MAGIC",
    "KEEP_BACKUPS",
    "KEEP_DAYS",
    "KEEP_WEEKS",
    "backups_dir",
    "backups_to_keep",
    "list_backups",
    "newest_backup",
    "newest_good_backup",
    "private_dir",
    "prune_backups",
    # errors
    "BackupSkipped",
    "CorruptDatabase",
    "DatabaseError",
    "DatabaseFileChanged",
    "DatabaseInUse",
    "DatabaseLocked",
    "EmptiedDatabase",
    "NewerDatabase",
    "NotLotsenDatabase",
    "WriteFailed",
    "corrupt_message",
    "emptied_message",
    "file_changed_message",
    "is_corruption",
    "restore_command",
    "translate_error",
    # schema
    "APPLICATION_ID",
    "EXPECTED_TABLES",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Migration",
    # backups, database, opening
    "ASIDE_SUFFIX",
    "TEMP_PREFIX",
    "restore_backup",
    "WATCH_INTERVAL",
    "Database",
    "BUSY_TIMEOUT",
    "open_database",
    # private, from when model.db was one module (tests and older imports)
    "_ABANDONED",
    "_TEMPS_IN_USE",
    "_TEMPS_LOCK",
    "_FileLock",
    "_ProcessLock",
    "_backup_pattern",
    "_backup_time",
    "_case_count",
    "_check_header",
    "_chmod_private",
    "_columns",
    "_configure",
    "_copy_database",
    "_fsync",
    "_fsync_dir",
    "_had_database",
    "_identity",
    "_in_use",
    "_inspect",
    "_is_default",
    "_make_private",
    "_read_only",
    "_remove_stale_temps",
    "_restore_advice",
    "_table_names",
    "_upgrade",
    "_v1_to_v2",
    "_v2_to_v3",
    "_v3_to_v4",
]
