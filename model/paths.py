"""Where Lotsen keeps its data, backups, logs and settings (platformdirs, per user)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "lotsen"


def _env_dir(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


def data_dir() -> Path:
    """The folder holding lotsen.db (LOTSEN_DATA_DIR overrides, for tests and portable use)."""
    return _env_dir("LOTSEN_DATA_DIR") or Path(platformdirs.user_data_dir(APP, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "lotsen.db"


def backups_dir(db_path: Path) -> Path:
    """Backups sit beside the database they copy, in a private folder."""
    return db_path.parent / "backups"


def log_dir() -> Path:
    return _env_dir("LOTSEN_LOG_DIR") or Path(platformdirs.user_log_dir(APP, appauthor=False))


def config_dir() -> Path:
    return _env_dir("LOTSEN_CONFIG_DIR") or Path(platformdirs.user_config_dir(APP, appauthor=False))


def documents_dir() -> Path:
    """Exported documents go under the user's documents folder, one folder per case."""
    return _env_dir("LOTSEN_DOCUMENTS_DIR") or Path(platformdirs.user_documents_dir()) / "Lotsen"


def private_dir(path: Path) -> Path:
    """Create a folder readable by its owner only (0700), parents included."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.chmod(path, 0o700)
    except OSError:  # not our folder (a shared --db location): leave it as it is
        pass
    return path


def sync_dir(folder: Path) -> None:
    """Flush a folder's entries (a file just renamed or linked into it) to disk; best effort
    (Windows cannot open a folder, some file systems refuse)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
