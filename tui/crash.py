"""Unexpected errors: a log without local variables (they hold personal data), and a short
Swedish message for the user."""

from __future__ import annotations

import datetime as dt
import os
import re
import traceback
from pathlib import Path

from model.paths import log_dir, private_dir

# SQLAlchemy puts the statement's parameters (names, notes) into its messages.
_PARAMS = re.compile(r"\[parameters:.*?\]", re.S)


def write_crash_log(error: BaseException) -> Path:
    folder = private_dir(log_dir())
    path = folder / "lotsen-fel.log"
    frames = traceback.extract_tb(error.__traceback__)
    lines = [f"=== {dt.datetime.now().isoformat(timespec='seconds')} {type(error).__name__}"]
    message = _PARAMS.sub("[parameters: borttagna]", str(error))[:300]
    lines.append(f"meddelande: {message}")
    for frame in frames:
        lines.append(f"  {frame.filename}:{frame.lineno} i {frame.name}")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return path


def crash_message(log_path: Path | None) -> str:
    where = f"Felet är loggat i {log_path}." if log_path else "Felet kunde inte loggas."
    return (
        "Lotsen stötte på ett oväntat fel och stängdes.\n"
        "Inget av det du skrivit har gått förlorat: allt sparas medan du skriver.\n"
        f"{where}\n"
        "Starta Lotsen igen för att fortsätta där du var."
    )
