"""LotsenScreen: the base of Lotsen's full screens.

It imports nothing of tui.app at run time (only for the type checker), so a screen and the app
that pushes it never import each other: attributes go down (the app reads a screen's typed
`case_id`/`meeting_id`), changes come up as reactives the screens watch (`privacy`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from tui.compat import focus_reactive

if TYPE_CHECKING:
    from tui.app import LotsenApp


class LotsenScreen(Screen[None]):
    """Base for Lotsen's screens: a help text for F1, the case and meeting it shows, and a
    privacy refresh when skyddat läge (F2) is switched."""

    HELP = ""

    # A focus move repaints the two widgets it restyles, not the whole screen (tui/compat.py).
    focused: Reactive[Widget | None] = focus_reactive()

    # The case and the meeting this screen shows (None: none, such as the list of cases).
    # The app reads them for "the case on screen" (Ctrl+P, Exportera) instead of guessing.
    case_id: int | None = None
    meeting_id: int | None = None

    def _on_mount(self, event: events.Mount) -> None:
        # The app's `privacy` reactive: every screen on the stack redraws its names.
        self.watch(self.app, "privacy", self._privacy_switched, init=False)

    def _privacy_switched(self) -> None:
        self.refresh_privacy()

    def refresh_privacy(self) -> None:
        """Re-render names after the privacy toggle."""

    # -- a screen that keeps typed work unsaved until asked (a new meeting) ------------------
    QUIT_QUESTION = ""

    def has_unsaved_draft(self) -> bool:
        """True while the screen holds work that Ctrl+Q must offer to save first."""
        return False

    def save_draft(self) -> bool:
        """Save the draft; True when it is (now) in the database."""
        return True

    def selected_case_id(self) -> int | None:
        """The case the screen points at without showing it (a row in a list); None here."""
        return None

    @property
    def lotsen(self) -> LotsenApp:
        return cast("LotsenApp", self.app)
