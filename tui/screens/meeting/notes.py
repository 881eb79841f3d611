"""Frågestund: free notes for the questions that clarify what was said."""

from __future__ import annotations

from textual.app import ComposeResult

from tui.screens.meeting.base import StepBody


class QuestionsStep(StepBody):
    """Frågestund."""

    def compose(self) -> ComposeResult:
        yield self.note_text("notes", "Frågor och svar")
