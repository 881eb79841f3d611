"""The case file's format: its errors, the upgrades of an older version, and the JSON bytes.

The content (what a case is in the file) is written and read by model.transfer.casefile;
every value is checked by model.transfer.check."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from model.transfer.docs import FORMAT_NAME, FORMAT_VERSION


class CaseFileError(Exception):
    """A file that cannot be imported; str() is Swedish and nothing was changed."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class NewerFormat(CaseFileError):
    pass


class DuplicatePersonnummer(CaseFileError):
    def __init__(self, message: str, case_ids: list[int]) -> None:
        super().__init__(message)
        self.case_ids = case_ids


# -- migrations --------------------------------------------------------------------------------
# Upgrades of the parsed JSON from version n to n+1 (key n). Version 1 is the first format, so
# there are none yet; a test runs the hook with a fake older version.
Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}


def migrate(
    data: dict[str, Any],
    migrations: dict[int, Migration] | None = None,
    current: int = FORMAT_VERSION,
) -> dict[str, Any]:
    """The file's content at the current version, or CaseFileError/NewerFormat in Swedish."""
    steps = MIGRATIONS if migrations is None else migrations
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise CaseFileError("Filen är ingen ärendefil från Lotsen.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise CaseFileError("Ärendefilen saknar giltig version.")
    if version > current:
        raise NewerFormat(
            f"Ärendefilen är skriven av en nyare Lotsen (format {version}; den här versionen "
            f"läser format {current} och äldre). Uppdatera Lotsen och försök igen. "
            "Inget har lagts till."
        )
    while version < current:
        if version not in steps:
            raise CaseFileError(
                f"Ärendefilen har ett gammalt format ({version}) som den här Lotsen inte kan "
                "läsa. Inget har lagts till."
            )
        data = steps[version](data)
        version += 1
        data["version"] = version
    return data


# -- JSON -----------------------------------------------------------------------------------------
def dumps(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def loads(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise CaseFileError(
            "Filen är ingen läsbar ärendefil (inte giltig JSON). Den kan vara avkortad eller "
            "skadad. Inget har lagts till."
        ) from None
    if not isinstance(data, dict):
        raise CaseFileError("Filen är ingen ärendefil från Lotsen.")
    return data
