"""Small modal dialogs of the meeting guide: pick a step, pick a goal kind. The yes/no question
is Lotsen's one ConfirmDialog (re-exported here for the steps that import it from this module)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.dialogs.confirm import ConfirmDialog
from tui.plain import plain
from tui.widgets.inorder import InOrderOptionList

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 60; max-width: 95%; height: auto; max-height: 90%;
    border: thick $primary; background: $surface; padding: 0 1;
}}
{name} OptionList {{ height: auto; max-height: 16; border: none; }}
{name} .dialog-title {{ text-style: bold; margin: 0 0 1 0; }}
{name} Horizontal {{ height: auto; align-horizontal: right; }}
{name} Button {{ margin: 0 0 0 2; }}
"""


class ChoiceDialog(ModalScreen[str | None]):
    """Choose one of a few labelled values with the arrows and Enter; Esc cancels."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ChoiceDialog")
    BINDINGS = [Binding("escape", "cancel", "Avbryt")]

    def __init__(self, title: str, choices: list[tuple[str, str]], current: str | None = None):
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.title_text), classes="dialog-title")
            yield InOrderOptionList(
                *[Option(plain(label, one_line=True), id=value) for value, label in self.choices]
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current is not None:
            for i, (value, _) in enumerate(self.choices):
                if value == self.current:
                    options.highlighted = i
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


__all__ = ["ChoiceDialog", "ConfirmDialog"]
