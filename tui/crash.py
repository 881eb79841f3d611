"""Unexpected errors: a log without personal data, and a short Swedish message for the user.

The log holds no personal data by construction: it never contains an exception's message,
its args, SQL or its parameters, and no local variables. Those quote what the leader typed (a
MarkupError quoted the meeting question with a name, a personnummer and "självskadebeteende";
SQLAlchemy puts the statement and its parameters into its messages). What is written is only
what the code decides: the time, the exception types of the chain (__cause__/__context__), an
errno number, each frame's module, line and function, and a fixed Swedish description.
"""

from __future__ import annotations

import datetime as dt
import errno as errno_names
import os
import traceback
from pathlib import Path

from model.paths import log_dir, private_dir

LOG_NAME = "lotsen-fel.log"
# Longer chains (an error while handling an error while …) are cut; the first ones matter.
MAX_CHAIN = 5

_DESCRIPTIONS: tuple[tuple[str, str], ...] = (
    # (type name, or a module prefix ending in "."; description), the first match wins.
    ("MarkupError", "Text på skärmen kunde inte visas (tolkades som formatering)."),
    ("DatabaseError", "Databasen kunde inte läsas eller skrivas."),
    ("sqlite3.", "Databasen kunde inte läsas eller skrivas."),
    ("sqlalchemy.", "Databasen kunde inte läsas eller skrivas."),
    ("PermissionError", "Lotsen fick inte läsa eller skriva en fil (behörighet)."),
    ("FileNotFoundError", "En fil som Lotsen behöver finns inte."),
    ("OSError", "En fil kunde inte läsas eller skrivas."),
    ("MemoryError", "Datorn har inte tillräckligt med minne."),
    ("RecursionError", "Ett internt fel i Lotsen (för djup rekursion)."),
)
_GENERIC = "Ett oväntat fel i Lotsen."


def _type_name(error: BaseException) -> str:
    kind = type(error)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _describe(error: BaseException) -> str:
    """A fixed Swedish sentence chosen by the error's type (or a base class), never its text."""
    classes = type(error).__mro__
    for key, text in _DESCRIPTIONS:
        for kind in classes:
            if kind.__qualname__ == key or (
                key.endswith(".") and f"{kind.__module__}.".startswith(key)
            ):
                return text
    return _GENERIC


def _errno(error: BaseException) -> str:
    """The errno of an OSError as its symbolic name (ENOSPC): a number, never a path."""
    number = getattr(error, "errno", None) if isinstance(error, OSError) else None
    if not isinstance(number, int):
        return ""
    return f" ({errno_names.errorcode.get(number, str(number))})"


def _module(filename: str) -> str:
    """A frame's file as a module path ("tui/screens/case.py", "textual/widgets/_static.py"):
    never the user's home folder, whose name may be the leader's own."""
    path = Path(filename)
    parts = path.parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            return "/".join(parts[parts.index(marker) + 1 :])
    root = Path(__file__).resolve().parent.parent  # the folder holding tui/, model/, exports/
    try:
        return path.resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        pass
    for package in ("tui", "model", "exports", "tests", "benchmarks"):
        if package in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(package) - 1 :])
    return path.name  # the standard library or elsewhere: the file name only


def _chain(error: BaseException) -> list[tuple[str, BaseException]]:
    """The error and what caused it, outermost first, each with how it is linked."""
    out: list[tuple[str, BaseException]] = [("", error)]
    seen = {id(error)}
    current = error
    while len(out) < MAX_CHAIN:
        if current.__cause__ is not None:
            how, nxt = "orsakat av", current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            how, nxt = "uppstod medan detta hanterades", current.__context__
        else:
            break
        if id(nxt) in seen:
            break
        seen.add(id(nxt))
        out.append((how, nxt))
        current = nxt
    return out


def crash_log_lines(error: BaseException, when: dt.datetime | None = None) -> list[str]:
    """The log entry for `error`: types, modules, lines and functions; no text from the error."""
    when = when or dt.datetime.now()
    lines = [
        f"=== {when.isoformat(timespec='seconds')} {_type_name(error)}{_errno(error)}",
        f"beskrivning: {_describe(error)}",
        "(felets text loggas inte: den kan innehålla personuppgifter)",
    ]
    for how, link in _chain(error):
        if how:
            lines.append(f"-- {how}: {_type_name(link)}{_errno(link)}")
        for frame in traceback.extract_tb(link.__traceback__):
            lines.append(f"  {_module(frame.filename)}:{frame.lineno} i {frame.name}")
    return lines


def write_crash_log(error: BaseException) -> Path:
    folder = private_dir(log_dir())
    path = folder / LOG_NAME
    lines = crash_log_lines(error)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    if os.name != "nt":
        os.fchmod(fd, 0o600)  # a log left readable by an older version is closed too
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
