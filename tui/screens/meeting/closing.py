"""Uppföljning, underskrift och utdelning: the next meeting, the readiness check, signatures,
copies handed out, export, and ending the meeting or closing the case."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, OptionList, Static
from textual.widgets.option_list import Option

from model.labels import count_of
from model.readiness import Gap, readiness_gaps
from tui.plain import plain
from tui.screens.meeting.base import StepBody, field_id
from tui.screens.meeting.dialogs import ConfirmDialog
from tui.screens.meeting.summary import NextInviteesMixin, next_invitees_list
from tui.widgets.fields import AutosaveInput, AutosaveTextArea, Field
from tui.widgets.inorder import InOrderCheckbox, InOrderOptionList


class ClosingStep(NextInviteesMixin, StepBody):
    """Uppföljning, underskrift och utdelning."""

    def compose(self) -> ComposeResult:
        v = self.view
        yield self.heading("Nästa möte")
        yield self.meeting_line("next_date", "Datum", "ÅÅÅÅ-MM-DD")
        yield self.meeting_line("next_time", "Tid", "tt.mm")
        yield self.meeting_line("next_place", "Plats")
        yield self.meeting_line("next_convener", "Sammankallande")
        if not v.routine.has_kind("summary"):
            yield self.heading("Vilka bjuds in (mellanslag kryssar)")
            yield next_invitees_list(self)
        yield self.heading("Klart att skriva under? (Enter hoppar till fältet)")
        yield Static("", id="gaps-none", classes="ok")
        yield InOrderOptionList(id="gap-list")
        yield self.heading("Underskrift och kopia")
        if not v.attendance:
            yield Static("Ingen finns på närvarolistan.", classes="muted")
        for a in v.attendance:
            p = a.participant
            with Horizontal(classes="row"):
                yield Static(plain(self.show(p.name), one_line=True), classes="name")
                if a.status == "present":
                    yield InOrderCheckbox(
                        "Skrivit under", a.signed, id=field_id(f"signature:{p.id}")
                    )
                yield InOrderCheckbox("Fått kopia", a.received_copy, id=f"f-received_copy-{p.id}")
        with Horizontal(classes="buttons"):
            yield Button("Exportera (F4)", id="export")
            yield Button("Avsluta mötet", id="end-meeting", variant="primary")
        yield self.heading("Eller: avsluta ärendet")
        case = v.case
        if case.status == "closed":
            yield Static(f"Ärendet är avslutat {case.closed_on}.", classes="ok")
        store, cid = self.store, case.id
        yield Field("Orsak till avslut", AutosaveInput(
            case.closing_reason, select_on_focus=False, id=field_id("closing_reason"),
            saver=lambda t: store.update_case(cid, closing_reason=t)), classes="line")  # fmt: skip
        yield Field("Om det blir sämre igen: så gör familjen och nätverket", AutosaveTextArea(
            case.if_worse_plan, id=field_id("if_worse_plan"),
            saver=lambda t: store.update_case(cid, if_worse_plan=t)))  # fmt: skip
        yield InOrderCheckbox("Familjen vet hur de gör om det blir sämre igen",
                       case.family_told_if_worse, id=field_id("family_told_if_worse"))  # fmt: skip
        with Horizontal(classes="buttons"):
            yield Button("Avsluta ärendet", id="close-case")

    def on_mount(self) -> None:
        self.highlight_first_invitee()
        self.show_gaps(readiness_gaps(self.view))

    def show_gaps(self, gaps: list[Gap]) -> None:
        self.gaps = gaps
        options = self.query_one("#gap-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        # The readiness list quotes names and goals: Content, never markup.
        options.add_options([Option(plain(f"! {self.private(g.message)}")) for g in gaps])
        options.display = bool(gaps)
        if gaps:
            options.highlighted = min(highlighted or 0, len(gaps) - 1)
        none = self.query_one("#gaps-none", Static)
        none.update("" if gaps else "Planen är klar att skriva under.")
        none.display = not gaps

    def private(self, message: str) -> str:
        """Readiness messages name people: initials instead in the privacy mode."""
        case = self.view.case
        for person in (*case.guardians, *case.participants):
            message = message.replace(person.name, self.show(person.name))
        return message.replace(case.child_name, self.show(case.child_name))

    def refresh_gaps(self) -> None:
        # Called after a blur, possibly when this body is already being replaced.
        if not self.is_attached or not self.guide.is_attached or not self.query("#gap-list"):
            return
        self.guide.lotsen.flush_saves()
        view = self.store.get_meeting(self.mid)
        self.view = view
        self.guide.view = view
        self.show_gaps(readiness_gaps(view))
        self.guide.refresh_agenda(view)

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self.refresh_gaps)

    @on(OptionList.OptionSelected, "#gap-list")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        self.guide.jump_to_gap(self.gaps[event.option_index])

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        cid = event.checkbox.id or ""
        if cid.startswith("f-signature-"):
            self.store.set_attendance(self.mid, int(cid.rsplit("-", 1)[1]), signed=event.value)
        elif cid.startswith("f-received_copy-"):
            self.store.set_attendance(self.mid, int(cid.rsplit("-", 1)[1]),
                                      received_copy=event.value)  # fmt: skip
        elif cid == "f-family_told_if_worse":
            self.store.update_case(self.view.case.id, family_told_if_worse=event.value)
        else:
            return
        self.mark_saved()
        self.refresh_gaps()

    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        self.guide.action_export()

    @on(Button.Pressed, "#end-meeting")
    def _end(self) -> None:
        self.refresh_gaps()
        left = len(self.gaps)
        question = "Avsluta mötet och gå tillbaka till ärendena?"
        if left:
            question += f"\n{count_of(left, 'sak', 'saker')} saknas fortfarande i planen."

        def answered(yes: bool | None) -> None:
            if yes:
                self.guide.end_meeting()

        self.app.push_screen(ConfirmDialog(question, yes="Ja, avsluta mötet"), answered)

    @on(Button.Pressed, "#close-case")
    def _close_case(self) -> None:
        self.guide.lotsen.flush_saves()
        reason = self.query_one("#f-closing_reason", AutosaveInput).value.strip()
        told = self.query_one("#f-family_told_if_worse", Checkbox).value
        if not reason:
            self.guide.notify("Skriv orsaken till avslutet först.", severity="warning")
            self.query_one("#f-closing_reason").focus()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                plan = self.query_one("#f-if_worse_plan", AutosaveTextArea).text
                self.store.close_case(self.view.case.id, reason, told, if_worse_plan=plan)
                self.mark_saved()
                self.guide.notify("Ärendet är avslutat.")
                self.refresh_gaps()

        self.app.push_screen(ConfirmDialog("Avsluta ärendet?", yes="Ja, avsluta ärendet"),
                             answered)  # fmt: skip
