"""`lotsen case export/import` and `lotsen export --doc kalender` (called from tui.cli)."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

PLAIN_WARNING = (
    "Varning: filen är INTE krypterad. Den innehåller sekretessbelagda uppgifter om ett barn "
    "och får aldrig skickas eller läggas på ett USB-minne; förvara den bara på krypterad "
    "lagring och radera den när den inte behövs."
)
TELL_RECEIVER = (
    "Berätta lösenfrasen för mottagaren på ett annat sätt (t.ex. per telefon), aldrig i samma "
    "e-post eller på samma USB-minne som filen."
)


class _Refused(Exception):
    pass


def _read_stdin_passphrase() -> str:
    line = sys.stdin.readline()
    if line.endswith("\n"):
        line = line[:-1]
    if line.endswith("\r"):
        line = line[:-1]
    if not line:
        raise _Refused("Ingen lösenfras kom på standard in.")
    return line


def new_passphrase(from_stdin: bool, ask: Callable[[str], str] | None = None) -> str:
    """The passphrase for a new file: typed twice on the terminal (never echoed), or one
    line of standard input. Never an argument, never stored."""
    from model.transfer.crypto import passphrase_problem

    ask = ask or getpass.getpass
    if from_stdin:
        phrase = _read_stdin_passphrase()
    else:
        phrase = ask("Välj en lösenfras för filen: ")
        if ask("Skriv lösenfrasen igen: ") != phrase:
            raise _Refused("Lösenfraserna var inte likadana. Inget har skrivits.")
    problem = passphrase_problem(phrase)
    if problem:
        raise _Refused(problem + " Inget har skrivits.")
    return phrase


def main_case(
    args: argparse.Namespace, db_path: Path, check_existing: Callable[[Path], None]
) -> int:
    from model.transfer import CaseFileError, DecryptError

    try:
        if args.case_command == "export":
            check_existing(db_path)
            return _export(args, db_path)
        return _import(args, db_path)
    except (_Refused, CaseFileError, DecryptError) as exc:
        print(str(exc), file=sys.stderr)
        return 3 if type(exc).__name__ == "DuplicatePersonnummer" else 1


def _export(args: argparse.Namespace, db_path: Path) -> int:
    from model.db import open_database
    from model.store import NotFound, Store
    from model.transfer import write_case_file

    if not db_path.exists():
        raise _Refused(f"Databasen {db_path} finns inte.")
    target = Path(args.file).expanduser()
    if not target.is_dir() and target.exists():
        raise _Refused(f"Filen {target} finns redan och skrivs aldrig över. Välj ett annat namn.")
    db = open_database(db_path)
    try:
        store = Store(db)
        try:
            store.get_case(args.case)
        except NotFound:
            raise _Refused(f"Det finns inget ärende med id {args.case}.") from None
        phrase = None if args.plain else new_passphrase(args.passphrase_stdin)
        path = write_case_file(store, args.case, target, phrase)
    finally:
        db.close()
    if args.plain:
        print(PLAIN_WARNING, file=sys.stderr)
        print(f"Ärendet är sparat okrypterat i {path}.", file=sys.stderr)
    else:
        print(f"Ärendet är sparat krypterat i {path}. {TELL_RECEIVER}", file=sys.stderr)
    print(path)
    return 0


def _import(args: argparse.Namespace, db_path: Path) -> int:
    from model.db import open_database
    from model.store import Store
    from model.transfer import import_case, is_encrypted, parse_case_file, read_bytes

    raw = read_bytes(args.file)
    phrase = None
    if is_encrypted(raw):
        from model.transfer.crypto import HEADER_SIZE, NOT_OURS, TAG_SIZE

        if len(raw) < HEADER_SIZE + TAG_SIZE:  # cut short: say so before asking anything
            raise _Refused(NOT_OURS)
        phrase = (
            _read_stdin_passphrase()
            if args.passphrase_stdin
            else getpass.getpass("Lösenfras för filen: ")
        )
    data = parse_case_file(raw, phrase)
    db = open_database(db_path)
    try:
        new_id = import_case(Store(db), data, as_new=args.as_new)
    except Exception as exc:
        if type(exc).__name__ == "DuplicatePersonnummer":
            raise _DuplicateHint(f"{exc} Använd --as-new för att ta emot det ändå.") from None
        raise
    finally:
        db.close()
    print(f"Ärendet är mottaget som ärende {new_id}.", file=sys.stderr)
    print(new_id)
    return 0


class _DuplicateHint(_Refused):
    pass


_DuplicateHint.__name__ = "DuplicatePersonnummer"


def main_calendar(db_path: Path, meeting_id: int, out_dir: Path | None) -> int:
    """`lotsen export --meeting ID --doc kalender`: the .ics of the next (or planned) meeting."""
    from exports.calendar import calendar_event, write_calendar
    from exports.cli import _open
    from exports.errors import ExportError
    from model.settings import load_settings
    from model.store import NotFound

    try:
        db, store = _open(db_path)
    except FileNotFoundError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
    try:
        view = store.get_meeting(int(meeting_id))
    except NotFound:
        print(
            f"Fel: det finns inget möte med id {meeting_id}. Se `lotsen meetings`.", file=sys.stderr
        )
        return 2
    finally:
        db.close()
    settings = load_settings()
    try:
        event = calendar_event(view, settings)
        path = write_calendar(view, out_dir, settings)
    except ExportError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 1
    if not event.minutes_from_routine:
        print(
            f"Mötets längd är okänd; kalenderfilen anger {event.minutes} minuter.", file=sys.stderr
        )
    print(path)
    return 0
