"""Avvikelser: what was agreed and did not happen (reported on), and an agency's formal
decision to do no more (beslut om att avstå)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Static

from model.case_page import CasePage
from tui.plain import cell
from tui.screens import case_forms as forms
from tui.screens.case.base import CasePane
from tui.widgets.page import Page
from tui.widgets.table import FitTable


class DeviationsPane(CasePane, Page):
    """Avvikelser."""

    BINDINGS = [Binding("a", "add", "Ny avvikelse", id="case_deviation_add")]

    def compose(self) -> ComposeResult:
        yield Static("Avvikelser", classes="section-title")
        yield FitTable(id="deviation-table", cursor_type="row")
        yield Button("Ny avvikelse (a)", id="add-deviation")
        yield Static("Beslut om att avstå", classes="section-title")
        yield FitTable(id="refusal-table", cursor_type="row")
        yield Button("Nytt beslut om att avstå", id="add-refusal")

    def on_mount(self) -> None:
        self.query_one("#deviation-table", FitTable).add_columns(
            "Insats", "Vad gick fel", "Rapporteras till", "Datum"
        )
        self.query_one("#refusal-table", FitTable).add_columns("Verksamhet", "Beslut", "Datum")

    def fill(self, page: CasePage) -> None:
        c = page.case
        self.rows(
            "deviation-table",
            [
                (
                    d.action_text,
                    d.what_went_wrong.replace("\n", " "),
                    d.reported_to,
                    str(d.reported_on or ""),
                    str(d.id),
                )
                for d in c.deviations
            ],
        )
        self.rows(
            "refusal-table",
            [
                (r.agency, r.decision.replace("\n", " "), str(r.decided_on or ""), str(r.id))
                for r in c.refusals
            ],
        )

    def action_add(self) -> None:
        plan = self.page.plan if self.page is not None else None
        actions = [
            (cell(f"Insats {a.number}: {a.what}"[:60]), a.id)
            for a in (plan.actions if plan else ())
        ]
        self.open_dialog(
            forms.deviation_dialog(
                self.lotsen.store, self.case_id, actions, self.lotsen.settings.leader_name
            )
        )

    def action_add_refusal(self) -> None:
        self.open_dialog(forms.refusal_dialog(self.lotsen.store, self.case_id))

    @on(Button.Pressed, "#add-deviation")
    def _add_pressed(self) -> None:
        self.action_add()

    @on(Button.Pressed, "#add-refusal")
    def _refusal_pressed(self) -> None:
        self.action_add_refusal()
