"""Västbas roles on the Ärende screen (seed 004): koordinator 1 and 2, the kontaktperson (with
the rule that a rektor or socialsekreterare should not be one, warned about as it is typed)
and the child's språkrör. Shown only for a case that follows a Västbas routine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from model.roles import contact_person_warning, is_vastbas
from tui.widgets.fields import AutosaveInput, Field

if TYPE_CHECKING:
    from model.store import Store
    from model.views import CaseView

# field -> label on screen
ROLE_FIELDS = {
    "coordinator_1": "Koordinator 1 (leder processen och mötena)",
    "coordinator_2": "Koordinator 2 (dokumenterar)",
    "contact_person": "Kontaktperson (från elevhälsoteamet, utses av rektor)",
    "spokesperson": "Barnets språkrör",
    "spokesperson_relation": "Relation till barnet",
}


class VastbasRoles(Vertical):
    """The roles of the case's Västbas process; each field saves itself (update_case)."""

    DEFAULT_CSS = """
    VastbasRoles { height: auto; }
    VastbasRoles #contact-warning { color: $warning; height: auto; margin: 0 0 1 0; }
    """

    def __init__(self, store: Store, case: CaseView, *, privacy: bool = False) -> None:
        super().__init__(id="vastbas-roles")
        self.store = store
        self.case = case
        self.privacy = privacy  # names hidden (the screen keeps it up to date afterwards)
        self.display = is_vastbas(case.routine_id)

    def _input(self, key: str) -> AutosaveInput:
        case_id = self.case.id
        widget = AutosaveInput(
            getattr(self.case, key),
            id=f"case-{key}",
            saver=lambda v: self.store.update_case(case_id, **{key: v}),
        )
        if key != "spokesperson_relation":  # a name: hidden in the privacy mode
            widget.add_class("personal")
            widget.password = self.privacy
        if key == "contact_person":
            widget.suggester = SuggestFromList(self._names(), case_sensitive=False)
        return widget

    def _names(self) -> list[str]:
        return [p.name for p in self.case.participants]

    def compose(self) -> ComposeResult:
        yield Static("Västbas: roller i processen", classes="section-title")
        for key in ("coordinator_1", "coordinator_2", "contact_person"):
            yield Field(ROLE_FIELDS[key], self._input(key))
        yield Static(self._warning(self.case.contact_person), id="contact-warning", markup=False)
        with Horizontal(classes="pair"):
            for key in ("spokesperson", "spokesperson_relation"):
                yield Field(ROLE_FIELDS[key], self._input(key))

    def _warning(self, name: str) -> str:
        people = (*self.case.participants, *self.case.guardians)
        text = contact_person_warning(name, people, getattr(self.app, "show", str))
        return f"Obs! {text}" if text else ""

    def _show_warning(self, name: str) -> None:
        label = self.query_one("#contact-warning", Static)
        text = self._warning(name)
        label.update(text)
        label.display = bool(text)

    def on_mount(self) -> None:
        self._show_warning(self.case.contact_person)

    @on(Input.Changed, "#case-contact_person")
    def _contact_changed(self, event: Input.Changed) -> None:
        self._show_warning(event.value)

    def refresh_case(self, case: CaseView) -> None:
        """After the case changed elsewhere (its routine, its network): shown or not, the
        names suggested and the warning for the kontaktperson as typed."""
        self.case = case
        self.display = is_vastbas(case.routine_id)
        contact = self.query_one("#case-contact_person", AutosaveInput)
        contact.suggester = SuggestFromList(self._names(), case_sensitive=False)
        self._show_warning(contact.value)
