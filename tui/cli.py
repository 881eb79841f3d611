"""The `lotsen` command: start the app, or demo / backup / restore / meetings / export /
report."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from tui.cli_args import build_parser


def _db_path(args: argparse.Namespace) -> Path:
    from model.paths import data_dir, default_db_path, private_dir

    if getattr(args, "db", None):
        return Path(args.db).expanduser()
    private_dir(data_dir())
    return default_db_path()


def _fail(message: str, code: int = 1) -> int:
    print(message, file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    """The `lotsen` command. Whatever happens to the database file, the user gets a Swedish
    message and a non-zero exit code, never a Python traceback; output cut short by a closed
    pipe (`lotsen meetings | head -1`) ends quietly."""
    os.umask(0o077)  # everything Lotsen writes is for this user only
    args = build_parser().parse_args(argv)
    try:
        code = _dispatch(args)
        sys.stdout.flush()  # here, so a closed pipe is met inside the try
        return code
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130


def in_use_message(db_path: Path, command: str) -> str:
    """Why `lotsen meetings/export/…` does not run while the app is open (it ends at once,
    changing nothing), and that waiting until the app is closed is safe."""
    return (
        f"Lotsen är öppet med databasen {db_path} just nu, så `lotsen {command}` körs "
        "inte (inget har ändrats). "
        "Det är säkert att vänta: appen sparar allt medan man skriver, och inget går "
        "förlorat. Kör kommandot igen när Lotsen är stängt (Ctrl+Q i appen), eller gör "
        "det inifrån appen (Exportera: F4 i Mötesguiden, Ctrl+E i ärendet). Två program "
        "på samma databas samtidigt kan skriva över varandras ändringar."
    )


def _dispatch(args: argparse.Namespace) -> int:
    from model.db import DatabaseError, DatabaseInUse

    try:
        if args.command == "demo":
            return _cmd_demo(args.path)
        if args.command == "backup":
            return _cmd_backup(_db_path(args))
        if args.command == "restore":
            return _cmd_restore(_db_path(args), args.backup)
        if args.command == "meetings":
            from exports.cli import main_meetings

            path = _db_path(args)
            _check_existing(path)
            return main_meetings(path)
        if args.command == "report":
            from exports.report import main_report

            path = _db_path(args)
            _check_existing(path)
            return main_report(path, args.start, args.end, args.out)
        if args.command == "case":
            from tui.case_transfer import main_case

            return main_case(args, _db_path(args), _check_existing)
        if args.command == "export":
            from exports.cli import main_export

            path = _db_path(args)
            _check_existing(path)
            if args.doc == "kalender":
                from tui.case_transfer import main_calendar

                return main_calendar(path, args.meeting, args.out)
            return main_export(path, args.meeting, args.doc, args.out, force=args.force)
        if args.demo:
            return _run_demo(meeting_id=args.meeting)
        return run_app(_db_path(args), meeting_id=args.meeting)
    except DatabaseInUse as exc:
        if args.command in ("meetings", "export", "report", "backup", "restore"):
            return _fail(in_use_message(_db_path(args), args.command))
        return _fail(str(exc))
    except DatabaseError as exc:
        return _fail(str(exc))
    except FileExistsError as exc:
        return _fail(str(exc))
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - the user gets words, not a traceback
        return _fail(_unexpected(exc, args))


def _unexpected(exc: Exception, args: argparse.Namespace) -> str:
    """A database error that slipped through in the user's words, or a logged generic one."""
    import sqlite3

    from model.db import CorruptDatabase, corrupt_message, translate_error

    orig = getattr(exc, "orig", None)  # SQLAlchemy's wrapper of a sqlite3 error
    sqlite_error = orig if isinstance(orig, sqlite3.Error) else exc
    if isinstance(sqlite_error, sqlite3.DatabaseError):
        path = _db_path(args) if args.command != "demo" else Path(args.path)
        mapped = translate_error(sqlite_error, path)
        return str(mapped or CorruptDatabase(corrupt_message(path)))
    try:
        from tui.crash import write_crash_log

        where = f" Detaljer (utan det du skrivit) finns i {write_crash_log(exc)}."
    except Exception:  # noqa: BLE001
        where = ""
    return f"Lotsen stötte på ett oväntat fel ({type(exc).__name__}) och avslutades.{where}"


def _silence_stdout() -> None:
    """After EPIPE: point stdout at /dev/null so the flush at exit does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _check_existing(db_path: Path) -> None:
    """Before a command reads a database: refuse a damaged one (every page is read, a few ms
    per MB) with the newest backup and the restore command. A missing file is left to the
    command, which says so (and must not create it)."""
    from model.db import open_database

    if not db_path.exists():
        return
    db = open_database(db_path)
    try:
        db.check()
    finally:
        db.close()


def _cmd_demo(path: Path) -> int:
    from model.demo import write_demo

    write_demo(path)
    print(
        f"Exempelärendet är skrivet till {path}. "
        f"Öppna det med: lotsen --db {shlex.quote(str(path))}"
    )
    return 0


def _cmd_backup(db_path: Path) -> int:
    from model.db import open_database

    if not db_path.exists():
        return _fail(f"Det finns ingen databas på {db_path} att säkerhetskopiera.")
    db = open_database(db_path)
    try:
        db.check()  # a damaged file is never copied over the good backups' place
        target = db.backup(reason="manuell")
    finally:
        db.close()
    print(f"Säkerhetskopian är sparad: {target}")
    return 0


def _backup_named(db_path: Path, backup: Path) -> Path | None:
    """A path as given, or a name (with or without .db) in the database's backups folder."""
    from model.paths import backups_dir

    given = Path(backup).expanduser()
    if given.is_file():
        return given
    folder = backups_dir(db_path)
    for name in (given.name, f"{given.name}.db"):
        if (folder / name).is_file():
            return folder / name
    return None


def _cmd_restore(db_path: Path, backup: Path | None) -> int:
    from model.db import newest_good_backup, restore_backup
    from model.paths import backups_dir

    source = _backup_named(db_path, backup) if backup else newest_good_backup(db_path)
    if source is None:
        if backup:
            return _fail(
                f"Säkerhetskopian {backup} finns varken som fil eller i "
                f"{backups_dir(db_path)}. Se namnen där."
            )
        return _fail(f"Det finns ingen säkerhetskopia för {db_path}.")
    kept = restore_backup(Path(source), db_path)
    print(f"Databasen {db_path} är återställd från {source}.")
    if kept:
        print(f"Den tidigare filen är sparad som {kept}.")
    return 0


def demo_documents_dir() -> Path:
    """Where the demo's exports go: a folder of its own in the temporary folder, never the
    user's Dokument/Lotsen (the demo's made-up cases are numbered like real ones). It outlives
    the demo run, so a document can be opened after quitting."""
    from model.paths import private_dir

    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    return private_dir(Path(tempfile.gettempdir()) / f"Lotsen-demo-dokument-{user}")


def _run_demo(meeting_id: int | None = None) -> int:
    from model.demo import write_demo

    folder = Path(tempfile.mkdtemp(prefix="lotsen-demo-"))
    os.environ["LOTSEN_DOCUMENTS_DIR"] = str(demo_documents_dir())
    try:
        path = folder / "demo.db"
        write_demo(path)
        return run_app(path, demo=True, meeting_id=meeting_id)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_app(db_path: Path, *, demo: bool = False, meeting_id: int | None = None) -> int:
    from model.db import open_database

    db = open_database(db_path)
    try:
        from tui.app import LotsenApp

        app = LotsenApp(db, demo=demo, meeting_id=meeting_id)
        app.run()
        if app.crash_text:
            print(app.crash_text, file=sys.stderr)
            return 1
        if db.found_corrupt:  # shown in the app after the first paint; said again here
            print(db.found_corrupt, file=sys.stderr)
            return 1
        return app.return_code or 0
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
