"""The `lotsen` command: start the app, or demo / backup / restore / meetings / export /
report."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

import model

DESCRIPTION = """Lotsen leder dig steg för steg genom nätverksmötet (SIP-möte, lotsmöte,
uppföljning), sparar allt som skrivs i en lokal databas medan du skriver, och skriver ut SIP och
uppföljning som Word-dokument. Allt stannar på datorn."""


class _SwedishFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001
        # Only the default prefix: argparse builds a sub-command's name with prefix "", and
        # replacing that too printed "Användning: Användning: lotsen restore".
        return super().add_usage(usage, actions, groups,
                                 "Användning: " if prefix is None else prefix)  # fmt: skip


# argparse's English messages, whole, in Swedish (one pass, so no word is translated twice).
_MESSAGES = [
    (re.compile(r"^the following arguments are required: (.*)$"),
     lambda m: f"det här måste anges: {m[1]}"),
    (re.compile(r"^unrecognized arguments: (.*)$"), lambda m: f"okända argument: {m[1]}"),
    (re.compile(r"^argument (\S+): invalid choice: (.*?) \(choose from (.*)\)$"),
     lambda m: f"{m[1]}: {m[2]} finns inte (välj bland {m[3]})"),
    (re.compile(r"^argument (\S+): expected one argument$"),
     lambda m: f"{m[1]} behöver ett värde"),
    (re.compile(r"^argument (\S+): invalid int value: (.*)$"),
     lambda m: f"{m[1]} ska vara ett heltal, inte {m[2]}"),
    (re.compile(r"^argument (\S+): (.*)$"), lambda m: f"{m[1]}: {m[2]}"),
]  # fmt: skip


def swedish_message(message: str) -> str:
    for pattern, swedish in _MESSAGES:
        found = pattern.match(message)
        if found:
            return swedish(found)
    return message


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("formatter_class", _SwedishFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argument"  # "kommandon" only for lotsen itself
        self._optionals.title = "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str):  # type: ignore[override]
        message = swedish_message(message)
        self.print_usage(sys.stderr)
        self.exit(2, f"lotsen: fel: {message}\n")


def _db_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    parser.add_argument(
        "--db",
        metavar="SÖKVÄG",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        help="använd databasen på SÖKVÄG i stället för standarddatabasen",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lotsen", description=DESCRIPTION)
    parser._positionals.title = "kommandon"
    parser.add_argument("--version", action="version", version=f"Lotsen {model.__version__}",
                        help="visa versionen och avsluta")  # fmt: skip
    _db_option(parser, top=True)
    parser.add_argument("--demo", action="store_true",
                        help="starta med en tillfällig databas med ett påhittat exempelärende "
                             "(sparas inte)")  # fmt: skip
    parser.add_argument("--meeting", metavar="ID", type=int, default=None,
                        help="öppna mötesguiden direkt för mötet ID (starta eller återuppta)")  # fmt: skip
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    demo = sub.add_parser("demo", help="skriv exempelärendet till en ny databasfil och avsluta")
    demo.add_argument("path", metavar="SÖKVÄG", type=Path, help="den nya databasfilen")
    backup = sub.add_parser("backup", help="gör en säkerhetskopia av databasen nu")
    _db_option(backup)
    restore = sub.add_parser("restore", help="återställ databasen från en säkerhetskopia")
    restore.add_argument("backup", metavar="KOPIA", type=Path, nargs="?",
                         help="säkerhetskopian: ett namn ur mappen backups (som Lotsen visar "
                              "det) eller en sökväg; utan värde: den senaste")  # fmt: skip
    _db_option(restore)
    meetings = sub.add_parser("meetings", help="lista mötena (id, barn, rutin, datum, status)")
    _db_option(meetings)
    export = sub.add_parser("export", help="skriv ett dokument för ett möte som Word-fil")
    export.add_argument("--meeting", metavar="ID", type=int, required=True, help="mötets id")
    export.add_argument("--doc", metavar="DOKUMENT", required=True, help=_doc_help())
    export.add_argument("--out", metavar="MAPP", type=Path, default=None,
                        help="mappen att skriva till (standard: Dokument/Lotsen/<ärende>)")  # fmt: skip
    export.add_argument("--force", action="store_true",
                        help="skriv SIP för ett uppföljningsmöte (eller Uppföljning av SIP för "
                             "ett första möte) ändå")  # fmt: skip
    _db_option(export)
    _report_parser(sub)
    _case_parser(sub)
    return parser


def _doc_help() -> str:
    """ "sip = Samordnad individuell plan (SIP); ...": the codes and titles of the registry."""
    from model.documents import BY_CODE, meeting_codes

    return "; ".join(f"{code} = {BY_CODE[code].title}" for code in meeting_codes())


def _report_parser(sub: argparse._SubParsersAction) -> None:
    """`lotsen report`: the evaluation (Utvärdering) for a period, counts only."""
    report = sub.add_parser("report", help="skriv utvärderingen för en period (bara antal) som "
                                           "Word-fil och CSV")  # fmt: skip
    report.add_argument("--from", dest="start", metavar="DATUM", default=None,
                        help="periodens första dag, t.ex. 2026-01-01 (standard: 1 januari i år, "
                             "eller i det år som --to anger)")  # fmt: skip
    report.add_argument("--to", dest="end", metavar="DATUM", default=None,
                        help="periodens sista dag (standard: i dag; med bara --from: årets "
                             "sista dag)")  # fmt: skip
    report.add_argument("--out", metavar="MAPP", type=Path, default=None,
                        help="mappen att skriva till (standard: Dokument/Lotsen/Utvardering)")  # fmt: skip
    _db_option(report)


def _case_parser(sub: argparse._SubParsersAction) -> None:
    """`lotsen case export/import`: hand a case over to another leader in one file."""
    case = sub.add_parser(
        "case", help="lämna över ett ärende i en (krypterad) fil, eller ta emot ett"
    )
    actions = case.add_subparsers(dest="case_command", metavar="ÅTGÄRD", parser_class=_Parser,
                                  required=True)  # fmt: skip
    out = actions.add_parser("export", help="skriv hela ärendet till en krypterad fil")
    out.add_argument("--case", metavar="ID", type=int, required=True, help="ärendets id")
    out.add_argument("file", metavar="FIL", type=Path, nargs="?", default=Path("."),
                     help="mappen (filen får namn efter barnets initialer och dagens datum) "
                          "eller den nya filens namn; standard: den här mappen")  # fmt: skip
    out.add_argument("--plain", action="store_true",
                     help="skriv okrypterad JSON (för arkiv och tester; skicka den aldrig)")  # fmt: skip
    out.add_argument("--passphrase-stdin", action="store_true",
                     help="läs lösenfrasen från standard in (för skript) i stället för att fråga")  # fmt: skip
    _db_option(out)
    imp = actions.add_parser("import", help="ta emot ett ärende från en fil som ett nytt ärende")
    imp.add_argument("file", metavar="FIL", type=Path, help="ärendefilen")
    imp.add_argument("--as-new", action="store_true",
                     help="ta emot ärendet även om barnets personnummer redan finns "
                          "(som ett nytt, separat ärende; inget slås ihop)")  # fmt: skip
    imp.add_argument("--passphrase-stdin", action="store_true",
                     help="läs lösenfrasen från standard in (för skript) i stället för att fråga")  # fmt: skip
    _db_option(imp)


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
    return (f"Lotsen är öppet med databasen {db_path} just nu, så `lotsen {command}` körs "
            "inte (inget har ändrats). "
            "Det är säkert att vänta: appen sparar allt medan man skriver, och inget går "
            "förlorat. Kör kommandot igen när Lotsen är stängt (Ctrl+Q i appen), eller gör "
            "det inifrån appen (Exportera: F4 i Mötesguiden, Ctrl+E i ärendet). Två program "
            "på samma databas samtidigt kan skriva över varandras ändringar.")  # fmt: skip


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
    print(f"Exempelärendet är skrivet till {path}. "
          f"Öppna det med: lotsen --db {shlex.quote(str(path))}")  # fmt: skip
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
            return _fail(f"Säkerhetskopian {backup} finns varken som fil eller i "
                         f"{backups_dir(db_path)}. Se namnen där.")  # fmt: skip
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
