"""Where Mötesguiden shows a step: the current step's body, and the bodies of the steps left,
kept hidden and shown again as they are while nothing they show has changed. A step change
then builds only what changed (the dialog of a heavy follow-up has 1,400 widgets)."""

from __future__ import annotations

import gc
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


class _Heap:
    """Keeps the step bodies out of Python's full garbage collections.

    A full collection walks every object the app holds; with the bodies of a heavy meeting
    kept (thousands of widgets) it took 250–330 ms, at random step changes. After a step is
    shown, what exists is moved out of the collector's reach (`gc.freeze`: cycles among those
    objects are not looked for; reference counting still frees everything). When a body is
    removed its widgets are cyclic garbage, so everything is handed back (`gc.unfreeze`) and
    frozen again only after the collector has run over it once (the garbage is gone)."""

    full_runs = 0  # full collections since the app started
    thawed_at: int | None = None  # full_runs when the heap was handed back

    @classmethod
    def counted(cls, phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info.get("generation") == 2:
            cls.full_runs += 1

    @classmethod
    def settle(cls) -> None:
        """After a step change: freeze what exists, unless garbage may still be in it."""
        if cls.thawed_at is not None and cls.full_runs == cls.thawed_at:
            return
        cls.thawed_at = None
        gc.freeze()

    @classmethod
    def thaw(cls) -> None:
        """Widgets are going away: let the collector find their cycles."""
        gc.unfreeze()
        cls.thawed_at = cls.full_runs


gc.callbacks.append(_Heap.counted)


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

    def on_unmount(self) -> None:
        _Heap.thaw()  # the meeting is left: its bodies are garbage

    def forget(self) -> None:
        """Build every step anew when it is shown next (the privacy mode changed, a held
        meeting was opened for changes)."""
        self._left.clear()

    async def show(
        self, step: Step, view: MeetingView, store: Store, rebuild: bool = False
    ) -> tuple[StepBody, bool]:
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
            _Heap.settle()
            return kept, False
        if kept is not None:
            self._left.pop(step.id, None)
            _Heap.thaw()
            await kept.remove()
        body = body_class(step.kind)(step, view, store)
        if self.children:
            await self.mount(body, before=0)
        else:
            await self.mount(body)
        _Heap.settle()
        return body, True
