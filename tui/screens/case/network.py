"""Nätverket: the guardians and everyone else around the child; add, change, remove."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable

from model.case_page import CasePage
from model.views import PersonView
from tui.plain import visible
from tui.screens import case_forms as forms
from tui.screens.case.base import CasePane
from tui.widgets.table import FitTable

PRINCIPAL_NAMES = {"kommun": "Kommun", "region": "Region", "skola": "Skola", "annan": "Annan"}
COLUMNS = ("Namn", "Verksamhet", "Roll", "Huvudman", "Kontakt")


class NetworkPane(CasePane, Vertical):
    """Nätverket."""

    BINDINGS = [
        Binding("a", "add", "Lägg till", id="case_network_add"),
        Binding("e", "edit", "Ändra", id="case_network_edit"),
        Binding("delete,x", "remove", "Ta bort", id="case_network_remove"),
    ]

    def compose(self) -> ComposeResult:
        yield FitTable(id="network-table", cursor_type="row")
        with Horizontal(classes="pane-buttons"):
            yield Button("Lägg till (a)", id="add-participant")
            yield Button("Ta bort (Delete)", id="remove-participant")

    def on_mount(self) -> None:
        self.query_one(FitTable).add_columns(*COLUMNS)

    def fill(self, page: CasePage) -> None:
        show, privacy = self.lotsen.show, self.lotsen.settings.privacy
        c = page.case
        self.rows(
            "network-table",
            [
                (
                    show(p.name),
                    p.organisation if p.kind != "guardian" else "Vårdnadshavare",
                    p.role,
                    PRINCIPAL_NAMES.get(p.principal, ""),
                    "(dolt)" if privacy and p.contact else p.contact,
                    str(p.id),
                )
                for p in (*c.guardians, *c.participants)
            ],
        )

    def _person(self, pid: int | None) -> PersonView | None:
        if pid is None or self.page is None:
            return None
        c = self.page.case
        return next((p for p in (*c.guardians, *c.participants) if p.id == pid), None)

    # -- actions ------------------------------------------------------------------------------
    def action_add(self) -> None:
        self.open_dialog(forms.add_person_dialog(self.lotsen.store, self.case_id))

    def action_edit(self) -> None:
        self._edit(self.selected("network-table"))

    def _edit(self, pid: int | None) -> None:
        person = self._person(pid)
        if person is not None:
            self.open_dialog(forms.edit_person_dialog(self.lotsen.store, person))

    def action_remove(self) -> None:
        person = self._person(self.selected("network-table"))
        if person is None:
            return
        name = self.lotsen.show(person.name)

        def remove() -> None:
            self.lotsen.store.remove_participant(person.id)
            self.notify(visible(f"{name} är borttagen ur nätverket."), markup=False)
            self.changed()

        self.confirm(
            f"Ta bort {name} ur nätverket?\nTidigare möten behåller närvaron.",
            "Ja, ta bort",
            remove,
        )

    # -- events -------------------------------------------------------------------------------
    @on(DataTable.RowSelected, "#network-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        self._edit(int(key) if key is not None else None)

    @on(Button.Pressed, "#add-participant")
    def _add_pressed(self) -> None:
        self.action_add()

    @on(Button.Pressed, "#remove-participant")
    def _remove_pressed(self) -> None:
        self.action_remove()
