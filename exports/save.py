"""Saving a document: a folder per case, names by document, initials and date; atomic, and an
existing file is never overwritten."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from exports.errors import ExportError
from model.documents import file_initials, stem_of
from model.paths import documents_dir, sync_dir
from model.views import CaseView, MeetingView


def case_folder(case: CaseView) -> Path:
    return documents_dir() / f"Arende_{case.id}_{file_initials(case.child_name)}"


def file_name(code: str, m: MeetingView, n: int = 1) -> str:
    """SIP_EN_2026-11-23.docx; the n-th of the same name gets _n."""
    stem = f"{stem_of(code)}_{file_initials(m.case.child_name)}_{m.date.isoformat()}"
    return f"{stem}.docx" if n == 1 else f"{stem}_{n}.docx"


TMP_PREFIX, TMP_SUFFIX = ".lotsen-", ".tmp"
STALE_AFTER = 60.0  # seconds without a write before another export may remove a temp file
# The temp files this process is writing right now, as (device, inode): never removed, even if
# an export is slow. The lock makes "check, then remove" atomic against a new temp file.
_writing: set[tuple[int, int]] = set()
_writing_lock = threading.Lock()


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Remove the .lotsen-*.tmp files a killed export left in folder: regular files only, not
    written to for STALE_AFTER seconds (another Lotsen may be writing a fresh one) and not
    being written by this process. Returns what was removed; never raises."""
    removed: list[Path] = []
    try:
        entries = [
            e
            for e in os.scandir(folder)
            if e.name.startswith(TMP_PREFIX) and e.name.endswith(TMP_SUFFIX)
        ]
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        with _writing_lock:
            try:
                st = os.lstat(entry.path)
                if (
                    not stat.S_ISREG(st.st_mode)
                    or (st.st_dev, st.st_ino) in _writing
                    or now - st.st_mtime < STALE_AFTER
                ):
                    continue
                os.unlink(entry.path)
            except OSError:
                continue
        removed.append(Path(entry.path))
    return removed


def save_document(doc: Any, folder: Path, code: str, m: MeetingView) -> Path:
    """Write doc into folder under a free name; returns the path. Raises ExportError.

    Temp files left in the folder by an export that was killed are removed first."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temp_files(folder)
        with _writing_lock:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=TMP_PREFIX, suffix=TMP_SUFFIX)
            st = os.fstat(fd)
            key = (st.st_dev, st.st_ino)
            _writing.add(key)
    except PermissionError:
        raise ExportError(
            f"Mappen {folder} går inte att skriva i. Välj en annan mapp eller be om behörighet."
        ) from None
    except OSError as exc:
        raise ExportError(_os_message(exc, folder)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            doc.save(fh)
            fh.flush()
            os.fsync(fh.fileno())
        path = _place(Path(tmp), folder, code, m)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        _done_writing(key)
        if isinstance(exc, PermissionError):
            raise ExportError(
                f"Filen i {folder} kunde inte sparas: den är öppen i ett annat program (t.ex. "
                "Word) eller skrivskyddad. Stäng den och försök igen."
            ) from None
        if isinstance(exc, OSError):
            raise ExportError(_os_message(exc, folder)) from None
        raise
    _done_writing(key)
    sync_dir(folder)
    return path


def _done_writing(key: tuple[int, int]) -> None:
    with _writing_lock:
        _writing.discard(key)


def exports_of(folder: Path, code: str, m: MeetingView) -> list[Path]:
    """The files already exported of this document for this meeting, oldest version first."""
    out = []
    for n in range(1, 1000):
        path = Path(folder) / file_name(code, m, n)
        if not path.exists():
            if n > 1:
                break
            continue
        out.append(path)
    return out


def next_version(folder: Path, code: str, m: MeetingView) -> int:
    """The version the next export gets: the number of the first free name, as _place picks it
    (a second export of the same document writes _2 and says "Version 2")."""
    for n in range(1, 1000):
        if not (Path(folder) / file_name(code, m, n)).exists():
            return n
    return 1000


def _place(tmp: Path, folder: Path, code: str, m: MeetingView) -> Path:
    """Give the temp file its final name without ever replacing an existing file."""
    for n in range(1, 1000):
        target = folder / file_name(code, m, n)
        if target.exists():
            continue
        try:
            os.link(tmp, target)  # fails if target exists: no race with another writer
        except FileExistsError:
            continue
        except OSError:
            # No hard links here (FAT on a USB stick, some shares): rename while still free.
            if target.exists():
                continue
            os.replace(tmp, target)
            return target
        os.unlink(tmp)
        return target
    raise ExportError(
        f"Det finns redan för många filer med namnet {file_name(code, m)} i {folder}."
    )


def _os_message(exc: OSError, folder: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"Det finns inte plats på disken för att spara i {folder}. Frigör utrymme och försök igen."
    if exc.errno in (errno.EROFS,):
        return f"Mappen {folder} är skrivskyddad. Välj en annan mapp."
    return f"Dokumentet kunde inte sparas i {folder}: {exc.strerror or exc}."
