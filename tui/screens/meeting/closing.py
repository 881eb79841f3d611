"""Uppföljning, underskrift och utdelning: the next meeting, the readiness check, signatures,
copies handed out, export, and ending the meeting or closing the case."""

from __future__ import annotations

import asyncio

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Checkbox, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from model.labels import count_of
from model.readiness import Gap, readiness_gaps
from tui.plain import plain
from tui.screens.meeting.base import StepBody, field_id
from tui.screens.meeting.dialogs import ConfirmDialog
from tui.screens.meeting.summary import NextInviteesMixin, next_invitees_list
from tui.widgets.fields import AutosaveInput, AutosaveTextArea, Field
from tui.widgets.inorder import InOrderCheckbox, InOrderOptionList, InOrderSelectionList

SIGNERS = field_id("signers")


def signers_list(body: StepBody) -> SelectionList[int]:
    """Those present, ticked when they sign the plan (by default the guardians and the
    professionals present; a grandmother who came along only when chosen)."""
    options = []
    for a in body.view.attendance:
        if a.status != "present":
            continue
        p = a.participant
        who = ", ".join(x for x in (p.organisation, p.role) if x)
        if p.kind == "guardian":
            who = who or "vårdnadshavare"
        elif not p.is_professional:
            who = f"{who}, inte yrkesperson" if who else "inte yrkesperson"
        label = f"{body.show(p.name)} – {who}" if who else body.show(p.name)
        options.append((plain(label, one_line=True), p.id, a.signs_plan))
    return InOrderSelectionList[int](*options, id=SIGNERS)


class ClosingStep(NextInviteesMixin, StepBody):
    """Uppföljning, underskrift och utdelning."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # Who signs as last stored from this screen (compared with, never a stale view).
        self._signs = {
            a.participant.id: a.signs_plan for a in self.view.attendance if a.status == "present"
        }
        self._reads = 0  # readiness reads asked for (see refresh_gaps)

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
        yield self.heading("Vem skriver under? (mellanslag kryssar)")
        if any(a.status == "present" for a in v.attendance):
            yield signers_list(self)
        else:
            yield Static("Ingen är markerad som närvarande ännu.", classes="muted")
        yield self.heading("Underskrift och kopia")
        if not v.attendance:
            yield Static("Ingen finns på närvarolistan.", classes="muted")
        for a in v.attendance:
            p = a.participant
            with Horizontal(classes="row"):
                yield Static(plain(self.show(p.name), one_line=True), classes="name")
                if a.status == "present":
                    box = InOrderCheckbox(
                        "Skrivit under", a.signed, id=field_id(f"signature:{p.id}")
                    )
                    box.display = a.signs_plan  # only those who sign
                    yield box
                yield InOrderCheckbox("Fått kopia", a.received_copy, id=f"f-received_copy-{p.id}")
        if v.child_present:
            with Horizontal(classes="row"):
                yield Static(
                    plain(f"{self.show(v.case.child_name)} (barnet)", one_line=True), classes="name"
                )
                yield InOrderCheckbox("Skrivit under", v.child_signed, id=field_id("child_signed"))
        with Horizontal(classes="buttons"):
            yield Button("Exportera (F4)", id="export")
            yield Button("Avsluta mötet", id="end-meeting", variant="primary")
        yield self.heading("Eller: avsluta ärendet")
        case = v.case
        if case.status == "closed":
            yield Static(f"Ärendet är avslutat {case.closed_on}.", classes="ok")
        store, cid = self.store, case.id
        yield Field(
            "Orsak till avslut",
            AutosaveInput(
                case.closing_reason,
                select_on_focus=False,
                id=field_id("closing_reason"),
                saver=lambda t: store.update_case(cid, closing_reason=t),
            ),
            classes="line",
        )
        yield Field(
            "Om det blir sämre igen: så gör familjen och nätverket",
            AutosaveTextArea(
                case.if_worse_plan,
                id=field_id("if_worse_plan"),
                saver=lambda t: store.update_case(cid, if_worse_plan=t),
            ),
        )
        yield InOrderCheckbox(
            "Familjen vet hur de gör om det blir sämre igen",
            case.family_told_if_worse,
            id=field_id("family_told_if_worse"),
        )
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

    async def refresh_gaps(self) -> None:
        """The readiness list from the meeting as stored now, read off the event loop (the
        latest read wins when reads overlap)."""
        # Called after a blur, possibly when this body is already replaced or hidden.
        if not self.is_attached or not self.display or not self.screen.is_attached:
            return
        self.lotsen.flush_saves()
        self._reads += 1
        read = self._reads
        view = await asyncio.to_thread(self.store.get_meeting, self.mid)
        if read != self._reads or not self.is_attached:
            return
        self.changed(view)
        self.show_gaps(readiness_gaps(view))

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self.refresh_gaps)

    @on(OptionList.OptionSelected, "#gap-list")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        gap = self.gaps[event.option_index]
        self.post_message(self.GoTo(gap.step_id, field_id(gap.field)))

    @on(Checkbox.Changed)
    async def _ticked(self, event: Checkbox.Changed) -> None:
        cid = event.checkbox.id or ""
        if cid.startswith("f-signature-"):
            pid = int(cid.rsplit("-", 1)[1])
            if not self._signs.get(pid, False):
                # Taken off the signers in the same burst of keys (Space on the list, Tab,
                # Space here): set_signs took the signature away, and so does the screen.
                return
            self.store.set_attendance(self.mid, pid, signed=event.value)
        elif cid.startswith("f-received_copy-"):
            self.store.set_attendance(
                self.mid, int(cid.rsplit("-", 1)[1]), received_copy=event.value
            )
        elif cid == field_id("child_signed"):
            self.store.update_meeting(self.mid, child_signed=event.value)
        elif cid == "f-family_told_if_worse":
            self.store.update_case(self.view.case.id, family_told_if_worse=event.value)
        else:
            return
        self.mark_saved()
        await self.refresh_gaps()
        self.keep_in_view(event.checkbox)

    @on(SelectionList.SelectedChanged, f"#{SIGNERS}")
    async def _signers(self, event: SelectionList.SelectedChanged) -> None:
        """Store each change of who signs (a burst may bring several at once); the person's
        "Skrivit under" is shown only while they sign."""
        chosen = set(event.selection_list.selected)
        changed = False
        for a in self.view.attendance:
            pid = a.participant.id
            if a.status != "present" or pid not in self._signs:
                continue
            signs = pid in chosen
            if signs == self._signs[pid]:
                continue
            self._signs[pid] = signs
            self.store.set_signs(self.mid, pid, signs)
            changed = True
            for box in self.query(f"#{field_id(f'signature:{pid}')}").results(Checkbox):
                box.display = signs
                if not signs and box.value:  # the store took the signature away too
                    with box.prevent(Checkbox.Changed):
                        box.value = False
        if changed:
            self.mark_saved()
            await self.refresh_gaps()
            self.keep_in_view(event.selection_list)

    def keep_in_view(self, widget: Widget) -> None:
        """The readiness list above grew or shrank: the row being worked on stays on screen."""
        if widget.has_focus:
            self.call_after_refresh(widget.scroll_visible, animate=False)

    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        self.post_message(self.Export())

    @on(Button.Pressed, "#end-meeting")
    async def _end(self) -> None:
        await self.refresh_gaps()
        left = len(self.gaps)
        question = "Avsluta mötet och gå tillbaka till ärendena?"
        if left:
            question += f"\n{count_of(left, 'sak', 'saker')} saknas fortfarande i planen."

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(self.EndMeeting())

        self.app.push_screen(ConfirmDialog(question, yes="Ja, avsluta mötet"), answered)

    @on(Button.Pressed, "#close-case")
    def _close_case(self) -> None:
        self.lotsen.flush_saves()
        reason = self.query_one("#f-closing_reason", AutosaveInput).value.strip()
        told = self.query_one("#f-family_told_if_worse", Checkbox).value
        if not reason:
            self.notify("Skriv orsaken till avslutet först.", severity="warning")
            self.query_one("#f-closing_reason").focus()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                plan = self.query_one("#f-if_worse_plan", AutosaveTextArea).text
                self.store.close_case(self.view.case.id, reason, told, if_worse_plan=plan)
                self.mark_saved()
                self.notify("Ärendet är avslutat.")
                self.call_later(self.refresh_gaps)

        self.app.push_screen(ConfirmDialog("Avsluta ärendet?", yes="Ja, avsluta ärendet"), answered)
