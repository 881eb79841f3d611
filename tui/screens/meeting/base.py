"""What every agenda step's body shares: the store, the meeting, and fields that save themselves."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from model.routines import Step
from model.views import MeetingView
from tui.compat import BlankOnStyleKeyError
from tui.plain import plain
from tui.widgets.fields import AutosaveInput, AutosaveTextArea, Field

if TYPE_CHECKING:
    from model.store import Store
    from tui.screens.meeting.guide import MeetingGuideScreen


def field_id(gap_field: str) -> str:
    """The widget id for a readiness gap's field: "action:12:what" -> "f-action-12-what"."""
    return "f-" + gap_field.replace(":", "-").replace(".", "-")


class LineInput(AutosaveInput):
    """A one-line field where Enter moves on to the next field, as in a paper form."""

    BINDINGS = [Binding("enter", "next_field", show=False, priority=True)]

    def action_next_field(self) -> None:
        self._flush()
        self.screen.focus_next()


class NoteArea(BlankOnStyleKeyError, AutosaveTextArea):
    """A note that never takes the app down while a step is being rebuilt: a frame drawn
    before its styles exist is blank and redrawn (Textual #6528, see tui/compat.py)."""


class StepBody(Vertical):
    """The fields of one agenda step (steg); subclasses compose them from the meeting view."""

    DEFAULT_CSS = """
    StepBody { height: auto; }
    """

    def __init__(self, guide: MeetingGuideScreen, step: Step, view: MeetingView) -> None:
        super().__init__(classes="step-body")
        self.guide = guide
        self.step = step
        self.view = view

    @property
    def store(self) -> Store:
        return self.guide.store

    @property
    def mid(self) -> int:
        return self.view.id

    def show(self, name: str) -> str:
        return self.guide.show(name)

    def private(self, text: str) -> str:
        """Text that may name the family and the network (a readiness message, a consent's
        exclusions): initials instead of every name in the privacy mode."""
        case = self.view.case
        for person in (*case.guardians, *case.participants):
            text = text.replace(person.name, self.show(person.name))
        return text.replace(case.child_name, self.show(case.child_name))

    # -- field factories ----------------------------------------------------------------------
    def text_field(self, label: str, text: str, saver: Callable[[str], Any], fid: str,
                   placeholder: str = "") -> Field:  # fmt: skip
        editor = NoteArea(text, saver=saver, id=fid)
        if placeholder:
            editor.placeholder = placeholder
        # Labels name the child ("Anna [/b] Berg berättar"): Content, never markup.
        return Field(plain(label), editor)  # type: ignore[arg-type]

    def line_field(self, label: str, value: str, saver: Callable[[str], Any], fid: str,
                   placeholder: str = "") -> Field:  # fmt: skip
        editor = LineInput(
            value, saver=saver, id=fid, placeholder=placeholder, select_on_focus=False
        )  # text typed right after Tab must not be replaced
        return Field(plain(label), editor, classes="line")  # type: ignore[arg-type]

    def meeting_saver(self, column: str) -> Callable[[str], None]:
        mid = self.mid
        store = self.store
        return lambda value: store.update_meeting(mid, **{column: value})

    def meeting_text(self, column: str, label: str, placeholder: str = "") -> Field:
        return self.text_field(label, getattr(self.view, column) or "",
                               self.meeting_saver(column), field_id(column), placeholder)  # fmt: skip

    def meeting_line(self, column: str, label: str, placeholder: str = "") -> Field:
        value = getattr(self.view, column)
        text = value.isoformat() if hasattr(value, "isoformat") else (value or "")
        return self.line_field(label, text, self.meeting_saver(column), field_id(column),
                               placeholder)  # fmt: skip

    def note_text(self, key: str, label: str, placeholder: str = "") -> Field:
        mid, sid, store = self.mid, self.step.id, self.store
        return self.text_field(label, self.view.note(sid, key),
                               lambda value: store.set_note(mid, sid, value, field=key),
                               field_id(f"note-{sid}-{key}"), placeholder)  # fmt: skip

    def mark_saved(self) -> None:
        """A direct (not debounced) store call succeeded: update the header's saved mark."""
        self.guide.lotsen.mark_saved()

    @staticmethod
    def heading(text: str) -> Static:
        return Static(plain(text), classes="section")

    @staticmethod
    def hint(text: str) -> Static:
        return Static(plain(text), classes="muted hint")

    def first_focus(self) -> str | None:
        """The id to focus when the step opens (None: the first focusable widget)."""
        return None
