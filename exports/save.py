"""Saving a document: a folder per case, names by document, initials and date; atomic, and an
existing file is never overwritten."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from exports.errors import ExportError
from model.paths import documents_dir
from model.views import CaseView, MeetingView

FILE_STEMS = {
    "sip": "SIP",
    "uppfoljning": "Uppfoljning_SIP",
    "narvaro": "Narvarolista",
    "kallelse": "Kallelse",
    "samtycke": "Sekretessamtycke",
    "avvikelse": "Avvikelserapport",
    "anteckningar": "Minnesanteckningar",
}
_UNSAFE = re.compile(r'[\\/:*?"<>|\s.]+')


def _initials(name: str) -> str:
    """ "Elsa Nyström" -> "EN": the child's name never appears whole in a file name."""
    parts = [p for p in re.split(r"[\s\-]+", name) if p]
    return _UNSAFE.sub("", "".join(p[0].upper() for p in parts)) or "X"


def case_folder(case: CaseView) -> Path:
    return documents_dir() / f"Arende_{case.id}_{_initials(case.child_name)}"


def file_name(code: str, m: MeetingView, n: int = 1) -> str:
    """SIP_EN_2026-11-23.docx; the n-th of the same name gets _n."""
    stem = f"{FILE_STEMS.get(code, code)}_{_initials(m.case.child_name)}_{m.date.isoformat()}"
    return f"{stem}.docx" if n == 1 else f"{stem}_{n}.docx"


def save_document(doc: Any, folder: Path, code: str, m: MeetingView) -> Path:
    """Write doc into folder under a free name; returns the path. Raises ExportError."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".lotsen-", suffix=".tmp")
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
        if isinstance(exc, PermissionError):
            raise ExportError(
                f"Filen i {folder} kunde inte sparas: den är öppen i ett annat program (t.ex. "
                "Word) eller skrivskyddad. Stäng den och försök igen."
            ) from None
        if isinstance(exc, OSError):
            raise ExportError(_os_message(exc, folder)) from None
        raise
    _sync_dir(folder)
    return path


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


def _sync_dir(folder: Path) -> None:
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


def _os_message(exc: OSError, folder: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"Det finns inte plats på disken för att spara i {folder}. Frigör utrymme och försök igen."
    if exc.errno in (errno.EROFS,):
        return f"Mappen {folder} är skrivskyddad. Välj en annan mapp."
    return f"Dokumentet kunde inte sparas i {folder}: {exc.strerror or exc}."
