"""Professionernas redogörelse: one entry per present professional."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.plain import plain
from tui.screens.meeting.base import StepBody


class AccountsStep(StepBody):
    """Redogörelse: assessments/investigations done, actions granted or offered."""

    def compose(self) -> ComposeResult:
        accounts = {a.participant.id: a for a in self.view.accounts}
        people = [p for p in self.view.present if p.is_professional]
        if not people:
            yield Static("Ingen yrkesperson är markerad som närvarande (se Presentationsrunda).",
                         classes="muted")  # fmt: skip
        mid, store = self.mid, self.store
        for p in people:
            account = accounts.get(p.id)
            pid = p.id
            with Vertical(classes="card"):
                who = ", ".join(x for x in (p.organisation, p.role) if x)
                yield Static(plain(self.show(p.name) + (f" – {who}" if who else "")),
                             classes="card-title")  # fmt: skip
                yield self.text_field(
                    "Bedömningar och utredningar",
                    account.assessments if account else "",
                    lambda text, pid=pid: store.set_account(mid, pid, assessments=text),
                    f"f-account-{pid}-assessments",
                )
                yield self.text_field(
                    "Beviljade eller erbjudna insatser",
                    account.interventions if account else "",
                    lambda text, pid=pid: store.set_account(mid, pid, interventions=text),
                    f"f-account-{pid}-interventions",
                )
