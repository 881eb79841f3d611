"""Mötesguiden: the agenda in a sidebar with a clock, the current step's guidance and fields."""

from __future__ import annotations

import asyncio
import os
import time

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import MountError, Widget
from textual.widgets import Header, Static

from model.readiness import Gap, readiness_gaps
from model.routines import Step
from model.views import MeetingView
from tui.compat import drain_keys, is_closing, is_exiting
from tui.plain import plain, visible
from tui.screen import LotsenScreen
from tui.screens.meeting.base import StepBody, field_id
from tui.screens.meeting.commands import MeetingCommands
from tui.screens.meeting.dialogs import ChoiceDialog, ConfirmDialog
from tui.screens.meeting.host import StepHost
from tui.screens.meeting.sidebar import Agenda, StepClock
from tui.widgets.footer import LotsenFooter


class MeetingGuideScreen(LotsenScreen):
    """Mötesguiden: leads one meeting step by step and stores every word as it is typed."""

    CSS_PATH = "guide.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    COMMANDS = LotsenScreen.COMMANDS | {MeetingCommands}
    # Snapshots and demos freeze the clock (no live time on screen): LOTSEN_FROZEN_CLOCK=1.
    FROZEN_CLOCK = bool(os.environ.get("LOTSEN_FROZEN_CLOCK"))
    HELP = """# Mötesguiden

Till vänster står mötets dagordning: **▶** är steget du är i, **✓** steg du har gått igenom och
**!** steg där något saknas för att planen ska vara klar att skriva under. Klockan visar tiden i
mötet och i steget mot den planerade tiden; den blir gul när tiden har gått ut.

Allt du skriver sparas medan du skriver (inom en sekund) och när du lämnar ett fält, byter steg,
avslutar eller stänger terminalfönstret. "Sparat" i rubriken visar när det senast sparades.

- **F6 / Ctrl+N** nästa steg, **F5 / Ctrl+B** föregående steg, **Ctrl+G** gå till ett steg
  (eller **Ctrl+P** och skriv stegets namn).
- **Tab / Skift+Tab** mellan fälten; **Enter** i ett enradsfält går till nästa fält.
- Närvaro: på en rad, **n** närvarande, **f** frånvarande, **a** anmält förhinder.
- Dialog: **F7** nytt mål, **F8** ny insats, **F9** ta bort målet/insatsen du står i.
- Sista steget: Enter på en brist hoppar till fältet där den rättas. **F4** exporterar dokumenten.
"""
    BINDINGS = [
        Binding("f6", "next_step", "Nästa steg", priority=True, id="next_step", key_display="F6"),
        Binding("ctrl+n,ctrl+pagedown", "next_step", "Nästa steg", priority=True, show=False),
        Binding(
            "f5",
            "previous_step",
            "Förra steget",
            priority=True,
            id="previous_step",
            key_display="F5",
        ),
        Binding("ctrl+b,ctrl+pageup", "previous_step", "Förra steget", priority=True, show=False),
        # Tab as a priority binding moves the focus before the next keys are routed, so a
        # burst like "text<Tab>more" never lands "more" in the field just left.
        Binding("tab", "app.focus_next", "Nästa fält", priority=True, show=False),
        Binding("shift+tab", "app.focus_previous", "Förra fältet", priority=True, show=False),
        Binding("ctrl+g", "pick_step", "Gå till steg", id="pick_step", key_display="^G"),
        Binding("f4", "export", "Exportera", id="export", key_display="F4"),
        Binding("ctrl+r", "revise", "Ändra i ett hållet möte", id="revise", key_display="^R"),
        # Not a priority: a reason field's own Esc (back to the row) and an open list's Esc
        # (close it) come first.
        Binding("escape", "back", "Till ärendet", id="guide_back", key_display="Esc"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id: int = meeting_id
        self.view: MeetingView | None = None  # the meeting as last read (or kept by a body)
        self.current: str = ""
        self.visited: set[str] = set()
        self.gaps: list[Gap] = []
        self._step_started = time.monotonic()
        self._overrun_told = False
        # A held meeting opens read-only: a signed plan never changes by a stray key.
        self.read_only = False
        self._building = asyncio.Lock()
        # Held, not queried: a query walks every widget of every step body kept.
        self._host = StepHost(id="step-host")
        self._agenda = Agenda(id="agenda")
        self._clock = StepClock(id="clock")

    @property
    def store(self):  # -> Store
        return self.lotsen.store

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="guide"):
            with Vertical(id="sidebar"):
                yield self._clock
                yield self._agenda
            with Vertical(id="content"):
                yield Static(id="step-title")
                yield Static(id="guidance")
                with VerticalScroll(id="main", can_focus=False):
                    yield self._host
        yield LotsenFooter()

    async def _read(self) -> MeetingView:
        """The meeting, read off the event loop (a heavy meeting takes some 10 ms)."""
        return await asyncio.to_thread(self.store.get_meeting, self.meeting_id)

    async def on_mount(self) -> None:
        view = await self._read()
        if view.ended_at is None:
            self.store.start_meeting(self.meeting_id)
            view = await self._read()
        if not self.is_attached:
            return
        self.case_id = view.case.id  # the case on screen (Ctrl+P, Exportera)
        self.read_only = view.ended_at is not None
        steps = [s.id for s in view.routine.steps]
        self.current = view.current_step if view.current_step in steps else steps[0]
        # Resuming: the steps the meeting spent time in were gone through (kept in the store,
        # so the marks survive a restart); an older meeting without times: those before.
        spent = [sid for sid in steps if view.seconds_in(sid) > 0 and sid != self.current]
        self.visited.update(spent or steps[: steps.index(self.current)])
        if view.step_started_at is not None and view.ended_at is None:
            # The step clock goes on from when the step began, also after a restart.
            started = (self.lotsen.clock.now() - view.step_started_at).total_seconds()
            self._step_started = time.monotonic() - max(0.0, started)
        self.title = self._title(view)
        await self.show_step(view=view)
        self._tick()
        self.set_interval(1.0, self._tick)

    def show(self, name: str) -> str:
        return self.lotsen.show(name)

    def _title(self, view: MeetingView) -> str:
        # The header shows the title literally; control characters are made visible here.
        return visible(f"{view.routine.name} – {self.show(view.case.child_name)}", one_line=True)

    # -- steps --------------------------------------------------------------------------------
    @property
    def steps(self) -> tuple[Step, ...]:
        return self.view.routine.steps if self.view is not None else ()

    @property
    def step(self) -> Step:
        assert self.view is not None
        return self.view.routine.step(self.current)

    def step_index(self) -> int:
        return [s.id for s in self.steps].index(self.current)

    async def go_to(self, step_id: str, focus: str | None = None) -> None:
        """Save what is pending, remember the step, and show it (focusing `focus` if given)."""
        if self.view is None:
            return  # still opening: the first step is on its way
        await drain_keys(self.focused)  # letters typed before F6 land in the field they were for
        self.lotsen.flush_saves()
        if step_id != self.current:
            self.visited.add(self.current)
            self.current = step_id
            self._step_started = time.monotonic()
            self.store.set_current_step(self.meeting_id, step_id)
        await self.show_step(focus)

    async def show_step(
        self, focus: str | None = None, rebuild: bool = False, view: MeetingView | None = None
    ) -> None:
        """Show the current step from one read of the meeting (or `view`, just read): the body
        left earlier as it is when nothing it shows changed, else (or when `rebuild`) anew."""
        async with self._building:
            self.lotsen.flush_saves()
            if not self._can_rebuild():
                return
            view = view or await self._read()
            if not self._can_rebuild():
                return
            self.view = view
            step = view.routine.step(self.current)
            n = self.step_index() + 1
            self.query_one("#step-title", Static).update(
                Text(visible(f"{n}/{len(self.steps)}  {step.title}"), style="bold")
            )
            # A municipality's own routine file is text too, never markup.
            self.query_one("#guidance", Static).update(plain(step.guidance))
            try:
                body, built = await self._host.show(step, view, self.store, rebuild)
            except MountError:  # the app is closing (SIGHUP/quit) while a step was rebuilt
                return
            if not self._can_rebuild():
                return
            if not built:  # as a new body would: from the top, then to the focused field
                self.query_one("#main", VerticalScroll).scroll_home(animate=False, immediate=True)
            self.refresh_agenda(view)
            self._tick()
            if self.read_only:
                self._lock_fields(body)
                return
            self.focus_field(focus or body.first_focus(), body)

    def _lock_fields(self, body: Widget) -> None:
        """A held meeting: every field shown but closed to keys until the leader chooses
        "Ändra i ett hållet möte" (Ctrl+R)."""
        for w in body.query("*"):
            if w.can_focus:
                w.disabled = True
        held = self.view.date if self.view is not None else ""
        self.query_one("#guidance", Static).update(
            Text.assemble(
                (f"Mötet hölls {held} och är låst. ", "bold"),
                "Ctrl+R: ändra i ett hållet möte (dokumenten märks då Reviderad).",
            )
        )
        self.set_focus(None)

    def action_revise(self) -> None:
        if not self.read_only:
            self.notify("Mötet är inte avslutat: allt går redan att ändra.", timeout=4)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.read_only = False
                self.notify(
                    "Ändringar sparas nu i det hållna mötet och dokumenten som skrivs "
                    "ut efter det märks Reviderad med dagens datum.",
                    timeout=8,
                )
                self._host.forget()
                self.call_later(self.show_step, None, True)

        self.app.push_screen(
            ConfirmDialog(
                "Ändra i ett hållet möte? Planen kan redan vara underskriven: ändra "
                "bara det som alla vet om.",
                yes="Ja, ändra",
            ),
            answered,
        )

    def _can_rebuild(self) -> bool:
        """False once the screen or the app is going away (everything is already saved)."""
        if not self.is_attached or is_closing(self):
            return False
        if is_exiting(self.app):
            return False
        return self._host.is_attached

    def focus_field(self, fid: str | None, body: Widget) -> None:
        target: Widget | None = None
        if fid:
            found = body.query(f"#{fid}")
            if found:
                target = found.first()
            else:  # e.g. "received_copy" -> the first "f-received_copy-…"
                target = next(
                    (w for w in body.query("*") if w.id and w.id.startswith(fid) and w.focusable),
                    None,
                )
        if target is None or not target.focusable:
            target = next((w for w in body.query("*") if w.focusable), target)
        if target is not None and target.focusable:
            # At once (not focus()'s call_later): keys typed right after F6 land in this field.
            self.set_focus(target, scroll_visible=False)
            self.set_timer(0.05, lambda: self._reveal(target))
        else:
            self.set_focus(None)

    def _reveal(self, target: Widget) -> None:
        # No animation: an animated scroll right after a rebuild could leave a stale frame.
        if not target.is_attached or not self.is_attached:
            return
        main = self.query_one("#main", VerticalScroll)
        main.scroll_to_center(target, animate=False, immediate=True)

    def refresh_agenda(self, view: MeetingView | None = None) -> None:
        view = view or self.view
        if view is None or not self.is_attached or not self._agenda.is_attached:
            return  # a late callback after the meeting was left
        self.gaps = readiness_gaps(view)
        self._agenda.show_steps(view.routine.steps, self.current, self.visited, self.gaps)

    def on_resize(self) -> None:
        if self.view is not None:
            self.call_after_refresh(self.refresh_agenda)

    # -- what the step bodies ask for (messages up) --------------------------------------------
    def on_step_body_rebuild(self, event: StepBody.Rebuild) -> None:
        # Later on the screen's own queue: the body that asked is about to be replaced.
        event.stop()
        self.call_later(self.show_step, event.focus, True)

    def on_step_body_view_changed(self, event: StepBody.ViewChanged) -> None:
        event.stop()
        if event.body is self._host.body:  # not a late word from a step left
            self.view = event.body.view
            self.refresh_agenda(self.view)

    def on_step_body_go_to(self, event: StepBody.GoTo) -> None:
        event.stop()
        self.call_later(self.go_to, event.step_id, event.focus)

    def on_step_body_export(self, event: StepBody.Export) -> None:
        event.stop()
        self.action_export()

    def on_step_body_end_meeting(self, event: StepBody.EndMeeting) -> None:
        event.stop()
        self.end_meeting()

    def gap_focus_id(self, gap: Gap) -> str:
        return field_id(gap.field)

    async def action_next_step(self) -> None:
        if not self.steps:
            return
        i = self.step_index()
        if i + 1 < len(self.steps):
            await self.go_to(self.steps[i + 1].id)
        else:
            self.notify("Det här är sista steget.", timeout=3)

    async def action_previous_step(self) -> None:
        if not self.steps:
            return
        i = self.step_index()
        if i > 0:
            await self.go_to(self.steps[i - 1].id)

    def action_pick_step(self) -> None:
        choices = [(s.id, f"{i}. {s.title}") for i, s in enumerate(self.steps, start=1)]

        async def chosen(step_id: str | None) -> None:
            if step_id:
                await self.go_to(step_id)

        self.app.push_screen(ChoiceDialog("Gå till steg", choices, self.current), chosen)

    # -- the clock ----------------------------------------------------------------------------
    def _tick(self) -> None:
        view = self.view
        if view is None or not self.is_attached or not self._clock.is_attached:
            return
        over = self._clock.show_time(
            view,
            self.step,
            time.monotonic() - self._step_started,
            self.FROZEN_CLOCK,
            now=self.lotsen.clock.now(),
        )
        if over and not self._overrun_told and view.ended_at is None:
            self._overrun_told = True
            planned = view.routine.planned_minutes
            self.notify(f"Mötet har pågått längre än planerat ({planned} min).", timeout=8)

    # -- privacy, export, ending --------------------------------------------------------------
    def refresh_privacy(self) -> None:
        if self.view is not None:
            self.title = self._title(self.view)
            self._host.forget()
            self.call_later(self.show_step, None, True)

    def action_export(self) -> None:
        """Exportera: the export dialog for this meeting (its documents chosen by the routine)."""
        from tui.dialogs.export import open_export

        self.lotsen.flush_saves()
        open_export(self.lotsen, self.meeting_id)

    def action_back(self) -> None:
        """Esc: save, then back to the meeting's case (Tillbaka)."""
        from tui.screens.meeting.commands import leave_guide

        leave_guide(self)

    def end_meeting(self) -> None:
        """End the meeting and go back to the case's meetings (not to the planning screen the
        meeting was started from)."""
        self.lotsen.flush_saves()
        self.store.end_meeting(self.meeting_id)
        self.notify("Mötet är avslutat och sparat.")
        case_id = self.view.case.id if self.view is not None else None
        self.lotsen.return_to_case(case_id, tab="meetings")
