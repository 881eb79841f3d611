"""The one yes/no question of Lotsen (Ta bort? Avsluta? Släng ändringarna?).

Everywhere the same: the safe answer ("Nej" or "Avbryt") on the left and focused, the action
on the right; Esc or n answers no, j or y answers yes, Left/Right move between the buttons."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.plain import plain


class ConfirmDialog(ModalScreen[bool]):
    """Fråga först: returns True for the action, False for Nej/Esc."""

    HELP = """# Bekräfta

Knappen till vänster avbryter, knappen till höger gör det frågan gäller.
**j** svarar ja, **n** eller **Esc** svarar nej. Vänster- och högerpil byter knapp.
"""
    BINDINGS = [
        Binding("escape,n", "answer(False)", "Nej", id="confirm_no", key_display="Esc"),
        Binding("j,y", "answer(True)", "Ja", id="confirm_yes", key_display="j"),
        Binding("left,right", "toggle_focus", "Byt knapp", show=False),
    ]

    def __init__(self, question: str, yes: str = "Ja, ta bort", no: str = "Nej") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    @classmethod
    def discard(cls, why: str = "") -> ConfirmDialog:
        """Släng ändringarna?, asked the same way wherever typed text would be thrown away
        (a form closed with Esc, a new meeting left unsaved); `why` goes before it."""
        return cls(f"{why} Släng ändringarna?".strip(), yes="Ja, släng", no="Nej, fortsätt")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Static(plain(self.question), classes="dialog-question")  # names as typed
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.no, id="no", variant="primary")
                yield Button(self.yes, id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_toggle_focus(self) -> None:
        self.focus_next()
