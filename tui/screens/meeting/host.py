"""Where Mötesguiden shows a step: the current step's body, and the bodies of the steps left,
kept hidden and shown again as they are while nothing they show has changed. A step change
then builds only what changed (the dialog of a heavy follow-up has 1,400 widgets)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from textual.containers import Vertical

from model.routines import Step
from model.views import MeetingView
from tui.screens.meeting.base import StepBody

if TYPE_CHECKING:
    from model.store import Store

# kind -> "module:Class"; imported when the step is first shown.
BODIES = {
    "attendance": "attendance:AttendanceStep",
    "confidentiality": "confidentiality:ConfidentialityStep",
    "family_story": "family:FamilyStoryStep",
    "accounts": "accounts:AccountsStep",
    "questions": "notes:QuestionsStep",
    "dialog": "conversation:DialogStep",
    "summary": "summary:SummaryStep",
    "closing": "closing:ClosingStep",
    "text": "text:TextStep",
}


def body_class(kind: str) -> type[StepBody]:
    module, name = BODIES[kind].split(":")
    body: type[StepBody] = getattr(import_module(f"tui.screens.meeting.{module}"), name)
    return body


class StepHost(Vertical):
    """The step bodies; the one on screen is always the first child (so `query_one(StepBody)`
    and `children[0]` name it), the others have display: none."""

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        # step id -> what its body showed when the step was left (StepBody.shows)
        self._left: dict[str, object] = {}

    @property
    def body(self) -> StepBody | None:
        """The body on screen."""
        first = self.children[0] if self.children else None
        return first if isinstance(first, StepBody) and first.display else None

    def forget(self) -> None:
        """Build every step anew when it is shown next (the privacy mode changed, a held
        meeting was opened for changes)."""
        self._left.clear()

    async def show(self, step: Step, view: MeetingView, store: Store,
                   rebuild: bool = False) -> tuple[StepBody, bool]:  # fmt: skip
        """Show `step` as of `view` (the meeting just read); (its body, whether it was built).

        The body of a step left earlier is shown again as it is when what it shows is as it
        was when it was left; otherwise, or when `rebuild`, it is built anew."""
        current = self.body
        if current is not None and current.step.id != step.id:
            self._left[current.step.id] = current.shows(view)
            current.display = False
        kept = next((b for b in self.query_children(StepBody) if b.step.id == step.id), None)
        if (
            kept is not None
            and not rebuild
            and (kept is current or self._left.get(step.id, self) == kept.shows(view))
        ):
            kept.view = view
            if kept is not current:
                self.move_child(kept, before=0)
                kept.display = True
            return kept, False
        if kept is not None:
            self._left.pop(step.id, None)
            await kept.remove()
        body = body_class(step.kind)(step, view, store)
        if self.children:
            await self.mount(body, before=0)
        else:
            await self.mount(body)
        return body, True
