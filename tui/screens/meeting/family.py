"""Familjens berättelse: the child's words and the guardians' words, kept apart."""

from __future__ import annotations

from textual.app import ComposeResult

from tui.screens.meeting.base import StepBody


class FamilyStoryStep(StepBody):
    """Familjens berättelse (nulägesbeskrivning)."""

    def compose(self) -> ComposeResult:
        child = self.show(self.view.case.child_name)
        yield self.meeting_text("family_story_child", f"{child} berättar (med barnets egna ord)")
        yield self.meeting_text("family_story_guardians", "Vårdnadshavarna berättar")
