"""Which screen is on top: the app's ways to open a case, a meeting, the planning screen and
the settings, and back to the case. Every change of screen saves what is pending first.

The screens are imported where they are opened, never at the top: a screen module imports
tui.screen (its base), not this module or tui.app, so a screen and the code that pushes it
do not import each other."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from tui.saving import SavingApp
from tui.screen import LotsenScreen

if TYPE_CHECKING:
    from model.settings import Settings
    from tui.app import LotsenApp


class NavigationApp(SavingApp):
    """The screen-changing half of LotsenApp."""

    _start_screen_open = False
    initial_meeting_id: int | None = None
    settings: Settings

    def _open_start_screen(self) -> None:
        raise NotImplementedError  # LotsenApp: the list of cases, then the meeting asked for

    def push_screen(self, *args, **kwargs):
        self.flush_saves()
        if not self._start_screen_open:  # a screen asked for before the list: the list first
            self._open_start_screen()
        return super().push_screen(*args, **kwargs)

    def pop_screen(self):
        self.flush_saves()
        return super().pop_screen()

    def switch_screen(self, screen):
        self.flush_saves()
        return super().switch_screen(screen)

    def open_meeting(self, meeting_id: int) -> None:
        """Start or resume a meeting in the meeting guide (Mötesguiden)."""
        self.flush_saves()
        try:
            meeting = self.store.get_meeting(meeting_id)
        except LookupError:
            self.notify(f"Mötet {meeting_id} finns inte.", severity="error")
            return
        if meeting.status == "cancelled":
            self.notify(
                "Mötet är inställt och kan inte startas. Planera ett nytt möte.",
                severity="warning",
                timeout=8,
            )
            return
        self._start_and_open(meeting_id, None)

    def _start_and_open(self, meeting_id: int, held_on: dt.date | None) -> None:
        from tui.screens.meeting import MeetingGuideScreen

        if self.store.get_meeting(meeting_id).status != "held":
            self.store.start_meeting(meeting_id, held_on=held_on)
        self.push_screen(MeetingGuideScreen(meeting_id))

    def return_to_case(self, case_id: int | None, tab: str | None = None) -> None:
        """Back to the case screen (closing what was opened on top of it), on `tab`."""
        from tui.screens.case import CaseScreen

        stack = self.screen_stack
        if case_id is not None and not any(
            isinstance(s, CaseScreen) and s.case_id == case_id for s in stack
        ):
            while len(self.screen_stack) > 2:
                self.pop_screen()
            self.open_case(case_id)
        else:
            while len(self.screen_stack) > 1 and not (
                isinstance(self.screen, CaseScreen) and self.screen.case_id == case_id
            ):
                self.pop_screen()
        if tab is not None:
            self.call_after_refresh(self._show_case_tab, tab)

    def _show_case_tab(self, tab: str) -> None:
        from textual.widgets import TabbedContent

        tabs = self.screen.query(TabbedContent)
        if tabs:
            tabs.first().active = tab

    def open_case(self, case_id: int) -> None:
        from tui.screens.case import CaseScreen

        self.push_screen(CaseScreen(case_id))

    def new_case(self) -> None:
        from tui.dialogs.new_case import new_case_dialog

        def created(case_id: int | None) -> None:
            if case_id is not None:
                self._saved(dt.datetime.now())
                self.open_case(case_id)

        self.push_screen(new_case_dialog(self.store), created)

    def plan_meeting(self, case_id: int, meeting_id: int | None = None) -> None:
        """Planera möte: a new meeting is written only when the leader saves it (Ctrl+S)."""
        from tui.screens.plan_meeting import PlanMeetingScreen

        if meeting_id is None and self.store.get_case(case_id).status == "closed":
            self.notify(
                "Ärendet är avslutat. Öppna det igen (fliken Avslut) innan du planerar "
                "ett nytt möte.",
                severity="warning",
                timeout=8,
            )
            return
        # The form's values are read here, before compose (a few ms).
        self.push_screen(
            PlanMeetingScreen(
                case_id,
                meeting_id,
                store=self.store,
                settings=self.settings,
                today=self.clock.today(),
            )
        )

    def open_settings(self) -> None:
        from tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def current_case_id(self) -> int | None:
        """The case the user is looking at (an open case, a plan, a meeting, or the row in
        the list)."""
        for screen in reversed(self.screen_stack):
            if not isinstance(screen, LotsenScreen):
                continue
            if screen.case_id is not None:
                return screen.case_id
            selected = screen.selected_case_id()
            if selected is not None:
                return selected
        return None

    def current_meeting_id(self) -> int | None:
        """The meeting on the screen on top (the guide, a plan), if any."""
        screen = self.screen
        return screen.meeting_id if isinstance(screen, LotsenScreen) else None

    def action_export(self) -> None:
        """Exportera: the dialog for the meeting on screen, else the case's latest meeting."""
        from tui.dialogs.export import ExportDialog, open_export

        if isinstance(self.screen, ExportDialog):
            return
        open_export(cast("LotsenApp", self), self.current_meeting_id())
