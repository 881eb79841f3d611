"""Inställningar: the leader's own name, organisation, default place, template and privacy."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Checkbox, Header, Static

from model.settings import save_settings
from model.validation import InvalidInput
from tui.screen import LotsenScreen
from tui.widgets.fields import AutosaveInput, Field
from tui.widgets.footer import LotsenFooter
from tui.widgets.inorder import InOrderCheckbox
from tui.widgets.page import Page


def check_template(text: str) -> str:
    """An organisation template must be an existing .docx file (empty: Lotsen's own layout)."""
    text = text.strip()
    if not text:
        return ""
    path = Path(text).expanduser()
    if path.suffix.lower() != ".docx":
        raise InvalidInput("template_path", "Mallen ska vara en Word-fil som slutar på .docx.")
    if not path.is_file():
        # The path is in the field itself; the message does not repeat what was typed.
        raise InvalidInput("template_path", "Filen finns inte. Kontrollera sökvägen i fältet.")
    return str(path)


class SettingsScreen(LotsenScreen):
    """Inställningar."""

    HELP = """# Inställningar

Ditt namn, din verksamhet och din vanliga mötesplats fylls i när du planerar möten. Mallen är
din organisations Word-mall (.docx med brevhuvud och logga) som dokumenten skrivs på.
Skyddat läge visar initialer i stället för namn och döljer personnummer (F2 växlar).
Allt sparas medan du skriver. Esc går tillbaka.
"""
    BINDINGS = [Binding("escape", "back", "Tillbaka", id="settings_back")]

    def compose(self) -> ComposeResult:
        s = self.lotsen.settings
        yield Header()
        with Page():
            yield Static("Inställningar", classes="section-title")
            yield Field("Ditt namn (mötesledare)", self._input("leader_name", s.leader_name))
            yield Field("Din verksamhet", self._input("organisation", s.organisation))
            yield Field("Vanlig mötesplats", self._input("default_place", s.default_place))
            yield Field(
                "Organisationens Word-mall (.docx)",
                self._input(
                    "template_path", s.template_path, check_template, "t.ex. ~/Mallar/sip.docx"
                ),
            )
            yield InOrderCheckbox(
                "Skyddat läge som standard (initialer, inga personnummer)",
                value=s.privacy,
                id="set-privacy",
            )
        yield LotsenFooter()

    def on_mount(self) -> None:
        self.title = "Inställningar"
        self.query_one("#set-leader_name").focus(scroll_visible=False)
        # The first label in view at 80×24 (the screen's auto-focus scrolled it away).
        self.call_after_refresh(self.query_one(Page).scroll_home, animate=False)

    def _input(self, key: str, value: str, check=None, placeholder: str = "") -> AutosaveInput:  # noqa: ANN001
        settings = self.lotsen.settings

        def save(text: str) -> None:
            setattr(settings, key, check(text) if check else text.strip())
            save_settings(settings)

        return AutosaveInput(value, saver=save, placeholder=placeholder, id=f"set-{key}")

    @on(Checkbox.Changed, "#set-privacy")
    def _privacy(self, event: Checkbox.Changed) -> None:
        if event.value != self.lotsen.settings.privacy:
            self.lotsen.action_toggle_privacy()

    def refresh_privacy(self) -> None:
        box = self.query_one("#set-privacy", Checkbox)
        if box.value != self.lotsen.settings.privacy:
            with box.prevent(Checkbox.Changed):
                box.value = self.lotsen.settings.privacy

    def action_back(self) -> None:
        self.app.pop_screen()
