"""Barnet: the child's details, the routine, the interpreter, the guardians and (for a Västbas
case) the roles of the process. Every field saves itself as it is typed."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Select, Static

from model.case_page import CasePage
from model.roles import is_vastbas
from model.routines import routines
from model.views import CaseView
from tui.plain import cell
from tui.screens import case_forms as forms
from tui.screens.case.base import CasePane
from tui.screens.case_roles import VastbasRoles
from tui.widgets.fields import AutosaveInput, Field
from tui.widgets.inorder import InOrderCheckbox
from tui.widgets.page import Page
from tui.widgets.saved import differs_from_saved
from tui.widgets.select import LotsenSelect


class ChildForm(Vertical):
    """The child's fields, built with the case as first read (each saves itself)."""

    DEFAULT_CSS = "ChildForm { height: auto; }"

    def __init__(self, pane: ChildPane, case: CaseView, privacy: bool) -> None:
        super().__init__()
        self.pane = pane
        self.case = case
        self.privacy = privacy

    def _input(self, key: str, personal: bool = False) -> AutosaveInput:
        store, case_id = self.pane.lotsen.store, self.case.id
        value = self.case.personnummer_display if key == "personnummer" else getattr(self.case, key)
        widget = AutosaveInput(
            value or "", id=f"case-{key}", saver=lambda v: store.update_case(case_id, **{key: v})
        )
        if personal:
            widget.add_class("personal")
            widget.password = self.privacy
        return widget

    def compose(self) -> ComposeResult:
        c = self.case
        yield Field("Barnets namn", self._input("child_name", True))
        yield Field("Personnummer", self._input("personnummer", True))
        with Horizontal(classes="pair"):
            yield Field("Skola", self._input("school"))
            yield Field("Klass", self._input("school_class"))
        yield Static("Rutin", classes="field-label")
        yield LotsenSelect(
            [(cell(r.name), r.id) for r in routines().values()],
            value=c.routine_id,
            allow_blank=False,
            id="case-routine",
        )
        yield InOrderCheckbox("Tolk behövs", value=c.interpreter_needed, id="case-interpreter")
        yield Field("Tolkens språk", self._input("interpreter_language"))
        yield Static("Vårdnadshavare", classes="section-title")
        yield Vertical(id="guardians")
        yield Button("Lägg till vårdnadshavare", id="add-guardian")
        yield VastbasRoles(self.pane.lotsen.store, c, privacy=self.privacy)

    def on_mount(self) -> None:
        self.pane.fill_guardians(self.case)


class ChildPane(CasePane, Page):
    """Barnet."""

    BINDINGS = [Binding("a", "add", "Ny vårdnadshavare", id="case_add_guardian")]

    def __init__(self, case_id: int) -> None:
        super().__init__(case_id)
        self._shown_guardians: tuple[tuple[Any, ...], ...] | None = None

    async def show(self, page: CasePage) -> None:
        if self.page is None:  # the fields, built with the case as first read
            self.page = page
            await self.mount(ChildForm(self, page.case, self.lotsen.settings.privacy))
            return  # ChildForm.on_mount fills in the guardians
        await super().show(page)

    def fill(self, page: CasePage) -> None:
        self.fill_guardians(page.case)
        self.query_one(VastbasRoles).refresh_case(page.case)

    def fill_guardians(self, c: CaseView) -> None:
        """One row of fields per guardian; built again only when a guardian came, went or was
        changed elsewhere (never under the leader's hands while typing in one of them)."""
        box = self.query_one("#guardians", Vertical)
        shown = tuple((g.id, g.name, g.phone, g.email) for g in c.guardians)
        if shown == self._shown_guardians:
            return
        if self._shown_guardians is not None and box.has_focus_within:
            return
        self._shown_guardians = shown
        box.remove_children()
        store = self.lotsen.store
        privacy = self.lotsen.settings.privacy
        rows: list[Widget] = []
        for g in c.guardians:

            def saver(key: str, pid: int = g.id):  # noqa: ANN202
                return lambda v: store.update_participant(pid, **{key: v})

            inputs = [
                AutosaveInput(
                    getattr(g, key),
                    saver=saver(key),
                    classes="personal",
                    password=privacy,
                    id=f"g{g.id}-{key}",
                )
                for key in ("name", "phone", "email")
            ]
            rows.append(
                Horizontal(
                    Field("Namn", inputs[0]),
                    Field("Telefon", inputs[1]),
                    Field("E-post", inputs[2]),
                    classes="guardian",
                )
            )
        if not rows:
            rows.append(Static("Inga vårdnadshavare inlagda.", classes="muted"))
        box.mount_all(rows)

    def action_add(self) -> None:
        self.open_dialog(forms.add_person_dialog(self.lotsen.store, self.case_id, guardian=True))

    @on(Button.Pressed, "#add-guardian")
    def _add_pressed(self) -> None:
        self.action_add()

    @on(Select.Changed, "#case-routine")
    def _routine(self, event: Select.Changed) -> None:
        if self.page is None or event.value is Select.NULL:
            return
        if differs_from_saved(event.select, event.value, self.page.case.routine_id):
            self.lotsen.store.update_case(self.case_id, routine_id=event.value)
            self.lotsen.mark_saved()
            # At once (the roles belong to the routine); the rest with the fresh read.
            self.query_one(VastbasRoles).display = is_vastbas(str(event.value))
            self.changed()

    @on(Checkbox.Changed, "#case-interpreter")
    def _interpreter(self, event: Checkbox.Changed) -> None:
        if self.page is None:
            return
        if differs_from_saved(event.checkbox, event.value, self.page.case.interpreter_needed):
            self.lotsen.store.update_case(self.case_id, interpreter_needed=event.value)
            self.lotsen.mark_saved()
            self.changed()
