"""The backups of a database: which there are (oldest first), the newest one that is good,
and which generations are kept when old ones are pruned."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from model.db.files import SQLITE_MAGIC, _read_only
from model.paths import backups_dir

# Backup generations kept (see prune_backups): the newest KEEP_BACKUPS, plus the newest of
# each day for KEEP_DAYS days, plus the newest of each week for KEEP_WEEKS weeks.
KEEP_BACKUPS = 10
KEEP_DAYS = 14
KEEP_WEEKS = 8


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
