"""The `lotsen` command line: its arguments and help, in Swedish (argparse's own messages
translated)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import model

DESCRIPTION = """Lotsen leder dig steg för steg genom nätverksmötet (SIP-möte, lotsmöte,
uppföljning), sparar allt som skrivs i en lokal databas medan du skriver, och skriver ut SIP och
uppföljning som Word-dokument. Allt stannar på datorn."""


class _SwedishFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001
        # Only the default prefix: argparse builds a sub-command's name with prefix "", and
        # replacing that too printed "Användning: Användning: lotsen restore".
        return super().add_usage(
            usage, actions, groups, "Användning: " if prefix is None else prefix
        )


# argparse's English messages, whole, in Swedish (one pass, so no word is translated twice).
_MESSAGES = [
    (
        re.compile(r"^the following arguments are required: (.*)$"),
        lambda m: f"det här måste anges: {m[1]}",
    ),
    (re.compile(r"^unrecognized arguments: (.*)$"), lambda m: f"okända argument: {m[1]}"),
    (
        re.compile(r"^argument (\S+): invalid choice: (.*?) \(choose from (.*)\)$"),
        lambda m: f"{m[1]}: {m[2]} finns inte (välj bland {m[3]})",
    ),
    (re.compile(r"^argument (\S+): expected one argument$"), lambda m: f"{m[1]} behöver ett värde"),
    (
        re.compile(r"^argument (\S+): invalid int value: (.*)$"),
        lambda m: f"{m[1]} ska vara ett heltal, inte {m[2]}",
    ),
    (re.compile(r"^argument (\S+): (.*)$"), lambda m: f"{m[1]}: {m[2]}"),
]


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

    def error(self, message: str):
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
    parser.add_argument(
        "--version",
        action="version",
        version=f"Lotsen {model.__version__}",
        help="visa versionen och avsluta",
    )
    _db_option(parser, top=True)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="starta med en tillfällig databas med ett påhittat exempelärende (sparas inte)",
    )
    parser.add_argument(
        "--meeting",
        metavar="ID",
        type=int,
        default=None,
        help="öppna mötesguiden direkt för mötet ID (starta eller återuppta)",
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    demo = sub.add_parser("demo", help="skriv exempelärendet till en ny databasfil och avsluta")
    demo.add_argument("path", metavar="SÖKVÄG", type=Path, help="den nya databasfilen")
    backup = sub.add_parser("backup", help="gör en säkerhetskopia av databasen nu")
    _db_option(backup)
    restore = sub.add_parser("restore", help="återställ databasen från en säkerhetskopia")
    restore.add_argument(
        "backup",
        metavar="KOPIA",
        type=Path,
        nargs="?",
        help="säkerhetskopian: ett namn ur mappen backups (som Lotsen visar "
        "det) eller en sökväg; utan värde: den senaste",
    )
    _db_option(restore)
    meetings = sub.add_parser("meetings", help="lista mötena (id, barn, rutin, datum, status)")
    _db_option(meetings)
    export = sub.add_parser("export", help="skriv ett dokument för ett möte som Word-fil")
    export.add_argument("--meeting", metavar="ID", type=int, required=True, help="mötets id")
    export.add_argument("--doc", metavar="DOKUMENT", required=True, help=_doc_help())
    export.add_argument(
        "--out",
        metavar="MAPP",
        type=Path,
        default=None,
        help="mappen att skriva till (standard: Dokument/Lotsen/<ärende>)",
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="skriv SIP för ett uppföljningsmöte (eller Uppföljning av SIP för "
        "ett första möte) ändå, eller en kallelse till någon som "
        "samtycket inte omfattar",
    )
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
    report = sub.add_parser(
        "report", help="skriv utvärderingen för en period (bara antal) som Word-fil och CSV"
    )
    report.add_argument(
        "--from",
        dest="start",
        metavar="DATUM",
        default=None,
        help="periodens första dag, t.ex. 2026-01-01 (standard: 1 januari i år, "
        "eller i det år som --to anger)",
    )
    report.add_argument(
        "--to",
        dest="end",
        metavar="DATUM",
        default=None,
        help="periodens sista dag (standard: i dag; med bara --from: årets sista dag)",
    )
    report.add_argument(
        "--out",
        metavar="MAPP",
        type=Path,
        default=None,
        help="mappen att skriva till (standard: Dokument/Lotsen/Utvardering)",
    )
    _db_option(report)


def _case_parser(sub: argparse._SubParsersAction) -> None:
    """`lotsen case export/import`: hand a case over to another leader in one file."""
    case = sub.add_parser(
        "case", help="lämna över ett ärende i en (krypterad) fil, eller ta emot ett"
    )
    actions = case.add_subparsers(
        dest="case_command", metavar="ÅTGÄRD", parser_class=_Parser, required=True
    )
    out = actions.add_parser("export", help="skriv hela ärendet till en krypterad fil")
    out.add_argument("--case", metavar="ID", type=int, required=True, help="ärendets id")
    out.add_argument(
        "file",
        metavar="FIL",
        type=Path,
        nargs="?",
        default=Path("."),
        help="mappen (filen får namn efter barnets initialer och dagens datum) "
        "eller den nya filens namn; standard: den här mappen",
    )
    out.add_argument(
        "--plain",
        action="store_true",
        help="skriv okrypterad JSON (för arkiv och tester; skicka den aldrig)",
    )
    out.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="läs lösenfrasen från standard in (för skript) i stället för att fråga",
    )
    _db_option(out)
    imp = actions.add_parser("import", help="ta emot ett ärende från en fil som ett nytt ärende")
    imp.add_argument("file", metavar="FIL", type=Path, help="ärendefilen")
    imp.add_argument(
        "--as-new",
        action="store_true",
        help="ta emot ärendet även om barnets personnummer redan finns "
        "(som ett nytt, separat ärende; inget slås ihop)",
    )
    imp.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="läs lösenfrasen från standard in (för skript) i stället för att fråga",
    )
    _db_option(imp)
