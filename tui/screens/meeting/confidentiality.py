"""Inledning och sekretess: the script to read, the consent against who is here, a verbal consent."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, Input, Static

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

    def uncovered_agencies(self) -> list[str]:
        on = self.view.date
        in_force = self.view.case.consents_in_force(on)
        out: list[str] = []
        for person in self.view.present:
            agency = person.agency
            if agency and agency not in out and not any(c.covers(agency) for c in in_force):
                out.append(agency)
        return out

    def compose(self) -> ComposeResult:
        yield self.heading("Att läsa upp")
        yield Static(plain(self.script()), classes="script")  # the question and names as typed
        yield InOrderCheckbox("Sekretessen är genomgången", self.view.confidentiality_covered,
                       id=field_id("confidentiality"))  # fmt: skip
        yield self.heading("Samtycke")
        on_day = self.view.date
        for c in self.view.case.consents:
            state = "gäller" if c.in_force(on_day) else "gäller inte"
            until = f" till {c.valid_until.isoformat()}" if c.valid_until else ""
            yield Static(plain(f"{self.show(c.given_by)} ({c.form}, {c.given_on.isoformat()}{until}) – {state}: "
                               f"{', '.join(c.agencies) or 'inga verksamheter angivna'}"),
                         classes="ok" if c.in_force(on_day) else "warning")  # fmt: skip
        names = [p.name for p in (*self.view.case.guardians, *self.view.case.participants)]
        problems = []
        for gap in readiness_gaps(self.view):
            if gap.field == "consent":
                message = gap.message
                for name in names:  # initials in the privacy mode
                    message = message.replace(name, self.show(name))
                problems.append(message)
        for message in problems:
            yield Static(plain(f"! {message}"), classes="warning")
        if not problems:
            yield Static("Samtycket täcker alla verksamheter som är här.", classes="ok")
        yield self.heading("Muntligt samtycke på mötet")
        yield Field("Vem ger samtycket", InOrderInput(select_on_focus=False, placeholder="t.ex. Maria Nyström (vårdnadshavare)",
                                               id=field_id("consent")), classes="line")  # fmt: skip
        yield Field("Verksamheter", InOrderInput(", ".join(self.uncovered_agencies()), select_on_focus=False,
                                          placeholder="skilj med kommatecken",
                                          id="consent-agencies"), classes="line")  # fmt: skip
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
            added = self.store.add_consent(self.view.case.id, given_by.value, self.view.date,
                                           form="muntligt", agencies=agencies,
                                           meeting_id=self.mid)  # fmt: skip
        except InvalidInput as exc:
            if isinstance(field, Field):
                field.error.update(plain(exc.message))
                field.error.display = True
            return
        if added is None:
            return  # the database refused it: what was typed stays to try again
        self.mark_saved()
        self.guide.notify("Det muntliga samtycket är sparat.", timeout=3)
        self.guide.refresh_step("f-confidentiality")
