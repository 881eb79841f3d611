"""Planen: the plan as it stands (the latest meeting's goals and actions), to read; goals and
actions are written in the meeting guide."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from model.case_page import CasePage
from model.validation import ACTION_STATUS, GOAL_KINDS
from tui.plain import plain
from tui.screens.case.base import MEETING_STATUS, CasePane
from tui.widgets.page import Page
from tui.widgets.table import FitTable

COLUMNS = ("Nr", "Insats", "Status", "Ansvarig", "Följs upp")


class PlanPane(CasePane, Page):
    """Planen."""

    def compose(self) -> ComposeResult:
        yield Static("", id="plan-goals")
        yield FitTable(id="action-table", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one(FitTable).add_columns(*COLUMNS)

    def fill(self, page: CasePage) -> None:
        plan, show = page.plan, self.lotsen.show
        goals = self.query_one("#plan-goals", Static)
        if plan is None:
            goals.update(
                plain("Ingen plan ännu. Mål och insatser skrivs in under mötet (Mötesguiden).")
            )
            self.rows("action-table", [])
            return
        status = MEETING_STATUS[plan.status].lower()
        lines = [f"Planen som den står nu: {plan.routine.name} {plan.date} ({status})."]
        for kind, label in GOAL_KINDS.items():
            for g in plan.goals_of(kind):
                lines.append(f"• {label.capitalize()}: {g.text}")
        if plan.lead_organisation:
            lines.append(f"Huvudansvarig: {plan.lead_organisation}")
        if plan.coordinator_name:
            lines.append(f"Samordnare/kontaktperson: {show(plan.coordinator_name)}")
        goals.update(plain("\n".join(lines)))
        self.rows(
            "action-table",
            [
                (
                    str(a.number),
                    a.what,
                    ACTION_STATUS.get(a.status, a.status),
                    ", ".join(x for x in (a.responsible_org, show(a.responsible_person)) if x),
                    str(a.follow_up_on or ""),
                    str(a.id),
                )
                for a in plan.actions
            ],
        )
