"""Lämna över ett ärende: one case in one (encrypted) file, and back into another database.

    path = write_case_file(store, case_id, folder, passphrase)   # or passphrase=None: plain
    data = read_case_file(path, passphrase)                       # checked, migrated
    new_id = import_case(store, data, as_new=False)

See docs/case-file.md for the format.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model.documents import BY_CODE, file_initials, stem_of
from model.paths import sync_dir
from model.transfer.casefile import (
    CaseFileError,
    DuplicatePersonnummer,
    NewerFormat,
    case_document,
    check_document,
    dumps,
    duplicate_cases,
    import_document,
    loads,
    migrate,
)
from model.transfer.crypto import DecryptError, decrypt, encrypt, is_encrypted

if TYPE_CHECKING:
    from model.store import Store

__all__ = [
    "CaseFileError",
    "DecryptError",
    "DuplicatePersonnummer",
    "NewerFormat",
    "case_document",
    "check_document",
    "duplicate_cases",
    "encode_case_file",
    "file_initials",
    "file_name",
    "import_case",
    "is_encrypted",
    "parse_case_file",
    "read_case_file",
    "write_case_file",
]

ENCRYPTED_SUFFIX = BY_CODE["arende"].suffix  # ".lotsen"
PLAIN_SUFFIX = ".json"
MAX_FILE = 200 * 1024 * 1024  # a case is kilobytes; refuse to read a huge file into memory


def file_name(child_name: str, day: dt.date, *, plain: bool = False, n: int = 1) -> str:
    """Arende_EN_2026-11-23.lotsen: the child's initials and the date only."""
    stem = f"{stem_of('arende')}_{file_initials(child_name)}_{day.isoformat()}"
    if n > 1:
        stem += f"_{n}"
    return stem + (PLAIN_SUFFIX if plain else ENCRYPTED_SUFFIX)


def encode_case_file(store: Store, case_id: int, passphrase: str | None) -> bytes:
    """The bytes of the file: encrypted with the passphrase, or plain JSON when None."""
    plain = dumps(case_document(store, case_id))
    return plain if passphrase is None else encrypt(plain, passphrase)


def write_case_file(store: Store, case_id: int, target: Path | str, passphrase: str | None) -> Path:
    """Write the case into target: a folder (a free name of initials and date is chosen) or
    a new file's path. Atomic, mode 0600, never overwrites; raises CaseFileError."""
    data = encode_case_file(store, case_id, passphrase)
    child = store.get_case(case_id).child_name
    target = Path(target).expanduser()
    if target.is_dir():
        folder = target
        names = [
            file_name(child, store.clock.today(), plain=passphrase is None, n=n)
            for n in range(1, 1000)
        ]
    else:
        folder = target.parent
        names = [target.name]
    return _write_new(folder, names, data)


def _write_new(folder: Path, names: list[str], data: bytes) -> Path:
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".lotsen-", suffix=".tmp")  # 0600
    except FileNotFoundError:
        raise CaseFileError(f"Mappen {folder} finns inte.") from None
    except OSError as exc:
        raise CaseFileError(
            f"Filen kunde inte skrivas i {folder}: {exc.strerror or exc}."
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        for name in names:
            path = folder / name
            if path.exists():
                continue
            try:
                os.link(tmp, path)  # fails if the name is taken: never overwrites
            except FileExistsError:
                continue
            except OSError:  # no hard links (FAT on a USB stick): rename while still free
                if path.exists():
                    continue
                os.replace(tmp, path)
                sync_dir(folder)
                return path
            os.unlink(tmp)
            sync_dir(folder)
            return path
        raise CaseFileError(
            f"Filen {folder / names[0]} finns redan och skrivs aldrig över. Välj ett annat namn."
        )
    except OSError as exc:
        raise CaseFileError(
            f"Filen kunde inte skrivas i {folder}: {exc.strerror or exc}."
        ) from None
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def read_bytes(path: Path | str) -> bytes:
    path = Path(path).expanduser()
    try:
        if path.stat().st_size > MAX_FILE:
            raise CaseFileError(f"Filen {path} är för stor för att vara en ärendefil.")
        return path.read_bytes()
    except FileNotFoundError:
        raise CaseFileError(f"Filen {path} finns inte.") from None
    except IsADirectoryError:
        raise CaseFileError(f"{path} är en mapp, inte en ärendefil.") from None
    except OSError as exc:
        raise CaseFileError(f"Filen {path} kunde inte läsas: {exc.strerror or exc}.") from None


def parse_case_file(raw: bytes, passphrase: str | None) -> dict[str, Any]:
    """The file's content (decrypted when encrypted; migrated to the current version).
    Raises DecryptError or CaseFileError (Swedish)."""
    if is_encrypted(raw):
        if passphrase is None:
            raise CaseFileError("Filen är krypterad och behöver lösenfrasen.")
        raw = decrypt(raw, passphrase)
    return migrate(loads(raw))


def read_case_file(path: Path | str, passphrase: str | None) -> dict[str, Any]:
    return parse_case_file(read_bytes(path), passphrase)


def import_case(store: Store, data: dict[str, Any], *, as_new: bool = False) -> int:
    return import_document(store, data, as_new=as_new)
