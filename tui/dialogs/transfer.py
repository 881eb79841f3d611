"""Lämna över ärendet / Ta emot ärende: the case in one encrypted file (model.transfer).

The passphrase is typed into hidden fields (twice when handing over), used once in a worker
thread and dropped; it is never stored or logged."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

if TYPE_CHECKING:
    from tui.app import LotsenApp

_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 76; max-width: 100%; height: auto; max-height: 100%;
    border: thick $primary; background: $surface; padding: 0 1;
}}
{name} .title {{ text-style: bold; }}
{name} .message {{ height: auto; margin-top: 1; }}
{name} .error {{ color: $error; }}
{name} Horizontal {{ height: auto; margin-top: 1; }}
{name} Button {{ margin-right: 2; }}
{name} #transfer-as-new {{ display: none; }}
{name} #transfer-as-new.-shown {{ display: block; }}
"""


class _TransferDialog(ModalScreen[int | None]):
    BINDINGS = [Binding("escape", "close", "Stäng")]

    @property
    def lotsen(self) -> LotsenApp:
        return cast("LotsenApp", self.app)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#transfer-close")
    def _close(self) -> None:
        self.dismiss(None)

    def say(self, text: str, error: bool = False) -> None:
        label = self.query_one("#transfer-message", Static)
        label.set_class(error, "error")
        label.update(text)
        self.query_one("#transfer-run", Button).disabled = False


class HandOverDialog(_TransferDialog):
    """Lämna över ärendet: write the whole case as an encrypted file into a folder."""

    DEFAULT_CSS = _CSS.format(name="HandOverDialog")

    def __init__(self, case_id: int, folder: Path) -> None:
        super().__init__()
        self.case_id = case_id
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Lämna över ärendet i en krypterad fil", classes="title")
            yield Label("Mapp (t.ex. ett USB-minne)")
            yield Input(str(self.folder), id="transfer-folder")
            yield Label("Lösenfras (minst 8 tecken; berätta den för mottagaren på annat sätt)")
            yield Input(password=True, id="transfer-phrase")
            yield Label("Samma lösenfras igen")
            yield Input(password=True, id="transfer-again")
            yield Static("", id="transfer-message", classes="message")
            with Horizontal():
                yield Button("Spara filen", id="transfer-run", variant="primary")
                yield Button("Stäng (Esc)", id="transfer-close")

    def on_mount(self) -> None:
        self.query_one("#transfer-phrase", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#transfer-run")
    def _run(self) -> None:
        from model.transfer.crypto import passphrase_problem

        phrase = self.query_one("#transfer-phrase", Input).value
        again = self.query_one("#transfer-again", Input).value
        if phrase != again:
            self.say("Lösenfraserna är inte likadana.", error=True)
            return
        problem = passphrase_problem(phrase)
        if problem:
            self.say(problem, error=True)
            return
        folder = Path(self.query_one("#transfer-folder", Input).value.strip() or ".").expanduser()
        if folder == self.folder and not folder.exists():  # Dokument/Lotsen, the first time
            try:
                folder.mkdir(parents=True, mode=0o700)
            except OSError:
                pass
        if not folder.is_dir():
            self.say(f"Mappen {folder} finns inte.", error=True)
            return
        self.lotsen.flush_saves()
        self.query_one("#transfer-run", Button).disabled = True
        self.say("Krypterar och sparar …")
        self.query_one("#transfer-run", Button).disabled = True
        self._write(folder, phrase)

    @work(thread=True, exclusive=True, group="transfer")
    def _write(self, folder: Path, phrase: str) -> None:
        from model.db import DatabaseError
        from model.transfer import CaseFileError, write_case_file

        try:
            path = write_case_file(self.lotsen.store, self.case_id, folder, phrase)
        except (CaseFileError, DatabaseError) as exc:
            self.app.call_from_thread(self.say, str(exc), True)
            return
        self.app.call_from_thread(self._done, path)

    def _done(self, path: Path) -> None:
        for field in ("#transfer-phrase", "#transfer-again"):
            self.query_one(field, Input).value = ""
        self.say(
            f"Klart: {path}\nBerätta lösenfrasen för mottagaren på ett annat sätt (t.ex. per "
            "telefon), aldrig i samma e-post eller på samma USB-minne som filen."
        )
        self.query_one("#transfer-close", Button).focus()


class ReceiveDialog(_TransferDialog):
    """Ta emot ärende: read a case file and add it as a new case; returns the new id."""

    DEFAULT_CSS = _CSS.format(name="ReceiveDialog")

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Ta emot ett ärende från en ärendefil", classes="title")
            yield Label("Filen (…/Arende_XX_ÅÅÅÅ-MM-DD.lotsen)")
            yield Input(id="transfer-file")
            yield Label("Lösenfras (som avsändaren berättat)")
            yield Input(password=True, id="transfer-phrase")
            yield Static("", id="transfer-message", classes="message")
            with Horizontal():
                yield Button("Ta emot", id="transfer-run", variant="primary")
                yield Button("Ta emot som nytt ärende ändå", id="transfer-as-new")
                yield Button("Stäng (Esc)", id="transfer-close")

    def on_mount(self) -> None:
        self.query_one("#transfer-file", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#transfer-run")
    def _run(self) -> None:
        path = Path(self.query_one("#transfer-file", Input).value.strip()).expanduser()
        phrase = self.query_one("#transfer-phrase", Input).value
        self.query_one("#transfer-run", Button).disabled = True
        self.query_one("#transfer-as-new", Button).remove_class("-shown")
        self.say("Läser filen …")
        self.query_one("#transfer-run", Button).disabled = True
        self._read(path, phrase or None, False)

    @on(Button.Pressed, "#transfer-as-new")
    def _as_new(self) -> None:
        """The leader has been told the child is already there, and chose a separate case."""
        if self.data is not None:
            self._import(self.data, True)

    @work(thread=True, exclusive=True, group="transfer")
    def _read(self, path: Path, phrase: str | None, as_new: bool) -> None:
        from model.transfer import CaseFileError, DecryptError, read_case_file

        try:
            data = read_case_file(path, phrase)
        except (CaseFileError, DecryptError) as exc:
            self.app.call_from_thread(self.say, str(exc), True)
            return
        self.app.call_from_thread(self._import, data, as_new)

    def _import(self, data: dict[str, Any], as_new: bool) -> None:
        from model.db import DatabaseError
        from model.transfer import CaseFileError, DuplicatePersonnummer, import_case

        self.data = data
        try:
            new_id = import_case(self.lotsen.store, data, as_new=as_new)
        except DuplicatePersonnummer as exc:
            self.say(f"{exc}\nVill du ta emot det som ett nytt, separat ärende?", error=True)
            self.query_one("#transfer-as-new", Button).add_class("-shown")
            return
        except CaseFileError as exc:
            self.say(str(exc), error=True)
            return
        except DatabaseError as exc:  # locked by another program, disk full: nothing written
            self.say(f"{exc}\nInget har lagts till. Försök igen.", error=True)
            return
        self.data = None
        self.dismiss(new_id)


def hand_over(app: LotsenApp, case_id: int | None) -> None:
    from model.paths import documents_dir

    if case_id is None:
        app.notify("Öppna ett ärende först, så vet Lotsen vilket som ska lämnas över.")
        return
    app.push_screen(HandOverDialog(case_id, documents_dir()))


def receive(app: LotsenApp) -> None:
    def received(case_id: int | None) -> None:
        if case_id is not None:
            app.notify(f"Ärendet är mottaget (ärende {case_id}).")
            app.open_case(case_id)

    app.push_screen(ReceiveDialog(), received)
