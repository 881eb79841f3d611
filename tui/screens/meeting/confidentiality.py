"""Inledning och sekretess: the script to read, the consent against who is here, a verbal consent."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, Input, Static

from model.consent import exclusion_line, exclusions_in_force, prefill_agencies
from model.readiness import readiness_gaps
from model.validation import InvalidInput
from tui.plain import plain
from tui.screens.meeting.base import StepBody, field_id
from tui.widgets.fields import Field
from tui.widgets.inorder import InOrderCheckbox, InOrderInput


class ConfidentialityStep(StepBody):
    """Inledning och sekretess."""

    def script(self) -> str:
        v = self.view
        lines = [
            f"”Välkomna till {v.routine.name.lower()} för {self.show(v.case.child_name)}. "
            "Alla här har tystnadsplikt. Det vi säger stannar här, utom det vi skriver in i "
            "planen, och vi delar bara det som samtycket omfattar.”",
        ]
        if v.question:
            lines.append(f"Mötets fråga: {v.question}")
        return "\n".join(lines)

    def prefill_agencies(self) -> list[str]:
        """The verbal consent's agencies: those of the people here and of everyone invited (the
        readiness list asks consent for an invited agency that did not come too: it gets the
        plan) that no consent in force covers, never one the family excluded."""
        v = self.view
        people = [*v.present, *v.invitees]
        return prefill_agencies((p.agency for p in people), v.case.consents_in_force(v.date))

    def compose(self) -> ComposeResult:
        yield self.heading("Att läsa upp")
        yield Static(plain(self.script()), classes="script")  # the question and names as typed
        # What the family excluded, read out too (free text as typed: never markup).
        for c in exclusions_in_force(self.view.case.consents, self.view.date):
            yield Static(
                plain(self.private(exclusion_line(c, self.show))), classes="warning exclusion"
            )
        yield InOrderCheckbox(
            "Sekretessen är genomgången",
            self.view.confidentiality_covered,
            id=field_id("confidentiality"),
        )
        yield self.heading("Samtycke")
        on_day = self.view.date
        for c in self.view.case.consents:
            state = "gäller" if c.in_force(on_day) else "gäller inte"
            until = f" till {c.valid_until.isoformat()}" if c.valid_until else ""
            yield Static(
                plain(
                    f"{self.show(c.given_by)} ({c.form}, {c.given_on.isoformat()}{until}) – {state}: "
                    f"{', '.join(c.agencies) or 'inga verksamheter angivna'}"
                ),
                classes="ok" if c.in_force(on_day) else "warning",
            )
        problems = [
            self.private(gap.message) for gap in readiness_gaps(self.view) if gap.field == "consent"
        ]
        for message in problems:
            yield Static(plain(f"! {message}"), classes="warning")
        if not problems:
            yield Static("Samtycket täcker alla verksamheter som är här.", classes="ok")
        yield self.heading("Muntligt samtycke på mötet")
        yield Field(
            "Vem ger samtycket",
            InOrderInput(
                select_on_focus=False,
                placeholder="t.ex. Maria Nyström (vårdnadshavare)",
                id=field_id("consent"),
            ),
            classes="line",
        )
        yield Field(
            "Verksamheter",
            InOrderInput(
                ", ".join(self.prefill_agencies()),
                select_on_focus=False,
                placeholder="skilj med kommatecken",
                id="consent-agencies",
            ),
            classes="line",
        )
        with Horizontal(classes="buttons"):
            yield Button("Spara samtycket", id="consent-save")

    @on(Checkbox.Changed, "#f-confidentiality")
    def _covered(self, event: Checkbox.Changed) -> None:
        self.store.update_meeting(self.mid, confidentiality_covered=event.value)
        self.mark_saved()

    @on(Input.Submitted, "#f-consent, #consent-agencies")
    @on(Button.Pressed, "#consent-save")
    def _save_consent(self) -> None:
        given_by = self.query_one("#f-consent", Input)
        agencies = self.query_one("#consent-agencies", Input).value
        field = given_by.parent
        try:
            added = self.store.add_consent(
                self.view.case.id,
                given_by.value,
                self.view.date,
                form="muntligt",
                agencies=agencies,
                meeting_id=self.mid,
            )
        except InvalidInput as exc:
            if isinstance(field, Field):
                field.error.update(plain(exc.message))
                field.error.display = True
            return
        if added is None:
            return  # the database refused it: what was typed stays to try again
        self.mark_saved()
        self.notify("Det muntliga samtycket är sparat.", timeout=3)
        self.post_message(self.Rebuild("f-confidentiality"))
