"""Sammanfattning: the child's and the guardians' view, why the child was absent, who leads,
the coordinator (kontaktperson in Västbas) and who attends next time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Select, SelectionList, Static

from tui.plain import plain
from tui.screens.meeting.base import StepBody, field_id
from tui.widgets.inorder import InOrderSelectionList
from tui.widgets.saved import differs_from_saved, selected_in_order
from tui.widgets.select import LotsenSelect


def next_invitees_list(body: StepBody) -> SelectionList[int]:
    """The case's people, ticked for the next meeting (set_invitees(next=True) on each change)."""
    v = body.view
    chosen = {p.id for p in v.next_invitees}
    people = [p for p in (*v.case.guardians, *v.case.participants) if p.removed_on is None]
    options = []
    for p in people:
        who = ", ".join(x for x in (p.organisation, p.role) if x) or "vårdnadshavare"
        options.append((plain(f"{body.show(p.name)} – {who}", one_line=True), p.id, p.id in chosen))
    return InOrderSelectionList[int](*options, id=field_id("next_invitees"))


class NextInviteesMixin:
    def highlight_first_invitee(self) -> None:
        # Space ticks the highlighted person: start on the first, not on nobody.
        for options in self.query(SelectionList):  # type: ignore[attr-defined]
            if options.option_count and options.highlighted is None:
                options.highlighted = 0

    def on_mount(self) -> None:
        self.highlight_first_invitee()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        # A plain handler name: @on in a mixin that is not a widget is not registered.
        if event.selection_list.id != field_id("next_invitees"):
            return
        body: StepBody = self  # type: ignore[assignment]
        body.store.set_invitees(body.mid, selected_in_order(event.selection_list), next=True)
        body.mark_saved()


# The overall responsibility for the plan lies with the kommun or the region.
LEAD_CHOICES = [("Välj kommun eller region", ""), ("Kommun", "kommun"), ("Region", "region")]


class SummaryStep(NextInviteesMixin, StepBody):
    """Sammanfattning."""

    @on(Select.Changed, "#f-lead_principal")
    def _lead_principal(self, event: Select.Changed) -> None:
        if event.value is Select.BLANK:
            return
        if differs_from_saved(event.select, event.value, self.view.lead_principal):
            self.store.update_meeting(self.mid, lead_principal=event.value)
            self.mark_saved()

    def compose(self) -> ComposeResult:
        v = self.view
        child = self.show(v.case.child_name)
        yield self.meeting_text("child_view", f"{child}s syn på insatserna")
        yield self.meeting_text("guardians_view", "Vårdnadshavarnas syn på insatserna")
        if v.child_present is True:
            yield Static(plain(f"{child} var med på mötet."), classes="muted")
        else:
            if v.child_present is None:
                yield Static(
                    "Barnets närvaro är inte markerad (se Presentationsrunda).", classes="warning"
                )
            yield self.meeting_text("child_absence_reason", f"Varför {child} inte var med")
        yield self.heading("Huvudansvar för planen")
        yield Horizontal(
            Static("Huvudman", classes="field-label status-label"),
            LotsenSelect(
                LEAD_CHOICES,
                value=v.lead_principal,
                allow_blank=False,
                id=field_id("lead_principal"),
            ),
            classes="row status-row",
        )
        yield self.meeting_line("lead_organisation", "Huvudansvarig verksamhet")
        if v.routine.coordinator == "kontaktperson":
            yield self.meeting_line("contact_person", "Kontaktperson")
        else:
            yield self.meeting_line("coordinator", "Samordnare")
        yield self.meeting_line("coordinator_phone", "Telefon (familjen ringer hit)")
        yield self.meeting_line("coordinator_email", "E-post")
        yield self.heading("Vilka ska delta nästa gång (mellanslag kryssar)")
        yield next_invitees_list(self)
