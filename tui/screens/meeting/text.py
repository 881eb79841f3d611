"""Steps that are just text (Västbas: problemanalys, syfte, nätverkskarta, språkrör, hemläxa)."""

from __future__ import annotations

from textual.app import ComposeResult

from tui.screens.meeting.base import StepBody


class TextStep(StepBody):
    """A step of kind "text": one field per TextField of the routine."""

    def compose(self) -> ComposeResult:
        for f in self.step.fields:
            if f.key.startswith("meeting."):
                yield self.meeting_line(f.key.removeprefix("meeting."), f.label)
            else:
                yield self.note_text(f.key, f.label)
