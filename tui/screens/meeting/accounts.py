"""Professionernas redogörelse: one card per professional invited or present; one who could not
come (anmält förhinder, frånvarande) may send a written account (skriftlig redogörelse).
Family members and others (a grandmother who came along) give no account here: their words
are the family's story."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Static

from model.views import MeetingView
from tui.plain import plain
from tui.screens.meeting.base import StepBody
from tui.widgets.inorder import InOrderCheckbox
from tui.widgets.saved import differs_from_saved

if TYPE_CHECKING:
    from model.store import Store


def account_saver(store: Store, mid: int, pid: int, key: str) -> Callable[[str], None]:
    return lambda text: store.set_account(mid, pid, **{key: text})


class AccountsStep(StepBody):
    """Redogörelse: assessments/investigations done, actions granted or offered."""

    def shows(self, view: MeetingView) -> object:
        return (view.accounts, view.attendance, view.invitees)

    def compose(self) -> ComposeResult:
        accounts = {a.participant.id: a for a in self.view.accounts}
        status = {a.participant.id: a.status for a in self.view.attendance}
        # Everyone on the roster who is a professional, present first; and any professional
        # invited but not on the roster yet.
        people = [a.participant for a in self.view.attendance if a.participant.is_professional]
        people.sort(key=lambda p: status.get(p.id) != "present")
        seen = {p.id for p in people}
        people += [p for p in self.view.invitees if p.is_professional and p.id not in seen]
        if not people:
            yield Static("Ingen yrkesperson är inbjuden eller med på mötet.", classes="muted")
        mid, store = self.mid, self.store
        for p in people:
            account = accounts.get(p.id)
            pid = p.id
            here = status.get(pid) == "present"
            with Vertical(classes="card"):
                who = ", ".join(x for x in (p.organisation, p.role) if x)
                away = "" if here else " (inte på mötet)"
                yield Static(
                    plain(self.show(p.name) + (f" – {who}" if who else "") + away),
                    classes="card-title",
                )
                if not here:
                    yield InOrderCheckbox(
                        "Skriftlig redogörelse har kommit in",
                        bool(account and account.written),
                        id=f"f-account-{pid}-written",
                    )
                yield self.text_field(
                    "Bedömningar och utredningar",
                    account.assessments if account else "",
                    account_saver(store, mid, pid, "assessments"),
                    f"f-account-{pid}-assessments",
                )
                yield self.text_field(
                    "Beviljade eller erbjudna insatser",
                    account.interventions if account else "",
                    account_saver(store, mid, pid, "interventions"),
                    f"f-account-{pid}-interventions",
                )

    @on(Checkbox.Changed)
    def _written(self, event: Checkbox.Changed) -> None:
        wid = event.checkbox.id or ""
        if not wid.endswith("-written"):
            return
        pid = int(wid.split("-")[2])
        before = next((a.written for a in self.view.accounts if a.participant.id == pid), False)
        if differs_from_saved(event.checkbox, event.value, before):
            self.store.set_account(self.mid, pid, written=event.value)
            self.mark_saved()
