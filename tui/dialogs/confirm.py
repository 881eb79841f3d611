"""A small yes/no question before something important is removed (Ta bort? Ja/Nej)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.plain import plain


class ConfirmDialog(ModalScreen[bool]):
    """Fråga först: returns True for Ja, False for Nej/Esc."""

    HELP = "# Bekräfta\n\nTryck j eller Enter på Ja för att fortsätta, n eller Esc för att avbryta."
    BINDINGS = [
        Binding("escape,n", "answer(False)", "Nej, avbryt", id="confirm_no"),
        Binding("j,y", "answer(True)", "Ja", id="confirm_yes"),
        Binding("left,right", "toggle_focus", "Byt knapp", show=False),
    ]

    def __init__(self, question: str, yes: str = "Ja, ta bort", no: str = "Nej") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Static(plain(self.question), classes="dialog-question")  # names as typed
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="error")
                yield Button(self.no, id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_toggle_focus(self) -> None:
        self.focus_next()
