"""What every agenda step's body shares: the store, the meeting, and fields that save themselves."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from model.routines import Step
from model.views import MeetingView
from tui.compat import BlankOnStyleKeyError
from tui.plain import plain
from tui.widgets.fields import AutosaveInput, AutosaveTextArea, Field, LineField

if TYPE_CHECKING:
    from model.store import Store
    from tui.app import LotsenApp


def field_id(gap_field: str) -> str:
    """The widget id for a readiness gap's field: "action:12:what" -> "f-action-12-what"."""
    return "f-" + gap_field.replace(":", "-").replace(".", "-")


class LineInput(AutosaveInput):
    """A one-line field where Enter moves on to the next field, as in a paper form."""

    BINDINGS = [Binding("enter", "next_field", show=False, priority=True)]

    def action_next_field(self) -> None:
        self._flush()
        self.screen.focus_next()


class LabelledLineInput(LineInput):
    """A one-line field that draws its short label itself, in its left padding: one widget
    per field instead of a container, a label and an input (the dialog step of a heavy
    meeting has 250 of them, and each widget costs time every time the step is shown).
    Its message on bad input appears on a line of its own under it, made when needed."""

    COMPONENT_CLASSES = {"labelled-line--label"}

    def __init__(self, label: Content, value: str = "", **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
        self.label = label

    @staticmethod
    def fits(label: Content) -> bool:
        """A label this field can draw: one short line of ordinary characters."""
        text = label.plain
        return text.isprintable() and len(text) <= 20 and cell_len(text) == len(text)

    def render_lines(self, crop: Region) -> list[Strip]:
        strips = super().render_lines(crop)
        columns = self.styles.padding.left - 1  # the label's columns; then the text's padding
        if crop.y != 0 or not strips or columns <= 0 or crop.x >= columns:
            return strips
        base, _ = self.background_colors
        try:
            muted = self.get_component_styles("labelled-line--label").color
        except KeyError:
            # Drawn before its component styles exist (Textual #6528, as BlankOnStyleKeyError
            # in tui/compat.py; seen in a step built while another was shown): this frame
            # without the label, the next one with it. Never a crash.
            self.call_after_refresh(self.refresh)
            return strips
        style = Style(color=(base + muted).rich_color, bgcolor=base.rich_color)
        label = Strip([Segment(self.label.plain.ljust(columns)[:columns], style)])
        right = strips[0].crop(columns - crop.x) if crop.right > columns else Strip([])
        strips[0] = Strip.join([label.crop(crop.x, min(columns, crop.right)), right])
        return strips

    def _show_error(self, message: str) -> None:
        parent = self.parent
        if self.error_label is None and message and isinstance(parent, Widget):
            self.error_label = Static("", classes="field-error line-error", markup=False)
            parent.mount(self.error_label, after=self)
        super()._show_error(message)


class NoteArea(BlankOnStyleKeyError, AutosaveTextArea):
    """A note that never takes the app down while a step is being rebuilt: a frame drawn
    before its styles exist is blank and redrawn (Textual #6528, see tui/compat.py)."""


class StepBody(Vertical):
    """The fields of one agenda step (steg); subclasses compose them from the meeting view.

    Attributes down, messages up: the guide hands a body the step, the meeting as read and the
    store; a body tells the guide what it needs with a message (Rebuild, ViewChanged, GoTo,
    Export, EndMeeting) and never calls it."""

    DEFAULT_CSS = """
    StepBody { height: auto; }
    """

    class Rebuild(Message):
        """Fields were added or removed (a walk-in, a goal, an action, a consent): build the
        step again from a fresh read of the meeting, focusing `focus` (a widget id)."""

        def __init__(self, focus: str | None = None) -> None:
            super().__init__()
            self.focus = focus

    class ViewChanged(Message):
        """The body wrote to the meeting and holds it as it now reads (`body.view`): the
        agenda's marks follow it, without reading the meeting again."""

        def __init__(self, body: StepBody) -> None:
            super().__init__()
            self.body = body

    class GoTo(Message):
        """Show step `step_id` and focus the field `focus` (a readiness gap's Enter)."""

        def __init__(self, step_id: str, focus: str | None = None) -> None:
            super().__init__()
            self.step_id = step_id
            self.focus = focus

    class Export(Message):
        """The step's "Exportera" button: the guide's export dialog."""

    class EndMeeting(Message):
        """The leader confirmed "Avsluta mötet"."""

    def __init__(self, step: Step, view: MeetingView, store: Store) -> None:
        super().__init__(classes="step-body")
        self.step = step
        self.view = view
        self.store = store

    @property
    def lotsen(self) -> LotsenApp:
        return cast("LotsenApp", self.app)

    @property
    def mid(self) -> int:
        return self.view.id

    def show(self, name: str) -> str:
        """A name as the screen may show it (initials in the privacy mode)."""
        return self.lotsen.show(name)

    def shows(self, view: MeetingView) -> object:
        """What of the meeting this body shows. A body left hidden is shown again as it is
        while this stays the same (nothing is built); by default the whole meeting but the
        guide's own place in it. Bodies of big steps narrow it to what they show."""
        return dataclasses.replace(view, current_step="", step_times="", step_started_at=None)

    def changed(self, view: MeetingView) -> None:
        """The body wrote `view`'s change itself: keep it and tell the guide (the agenda)."""
        self.view = view
        self.post_message(self.ViewChanged(self))

    def private(self, text: str) -> str:
        """Text that may name the family and the network (a readiness message, a consent's
        exclusions): initials instead of every name in the privacy mode."""
        case = self.view.case
        for person in (*case.guardians, *case.participants):
            text = text.replace(person.name, self.show(person.name))
        return text.replace(case.child_name, self.show(case.child_name))

    # -- field factories ----------------------------------------------------------------------
    def text_field(
        self, label: str, text: str, saver: Callable[[str], Any], fid: str, placeholder: str = ""
    ) -> Field:
        editor = NoteArea(text, saver=saver, id=fid)
        if placeholder:
            editor.placeholder = placeholder
        # Labels name the child ("Anna [/b] Berg berättar"): Content, never markup.
        return Field(plain(label), editor)  # type: ignore[arg-type]

    def line_field(
        self, label: str, value: str, saver: Callable[[str], Any], fid: str, placeholder: str = ""
    ) -> Field | LabelledLineInput:
        text = plain(label)
        if LabelledLineInput.fits(text):
            return LabelledLineInput(
                text, value, saver=saver, id=fid, placeholder=placeholder, select_on_focus=False
            )
        editor = LineInput(
            value, saver=saver, id=fid, placeholder=placeholder, select_on_focus=False
        )  # text typed right after Tab must not be replaced
        return LineField(plain(label), editor)  # type: ignore[arg-type]

    def meeting_saver(self, column: str) -> Callable[[str], None]:
        mid = self.mid
        store = self.store
        return lambda value: store.update_meeting(mid, **{column: value})

    def meeting_text(self, column: str, label: str, placeholder: str = "") -> Field:
        return self.text_field(
            label,
            getattr(self.view, column) or "",
            self.meeting_saver(column),
            field_id(column),
            placeholder,
        )

    def meeting_line(
        self, column: str, label: str, placeholder: str = ""
    ) -> Field | LabelledLineInput:
        value = getattr(self.view, column)
        text = value.isoformat() if hasattr(value, "isoformat") else (value or "")
        return self.line_field(
            label, text, self.meeting_saver(column), field_id(column), placeholder
        )

    def note_text(self, key: str, label: str, placeholder: str = "") -> Field:
        mid, sid, store = self.mid, self.step.id, self.store
        return self.text_field(
            label,
            self.view.note(sid, key),
            lambda value: store.set_note(mid, sid, value, field=key),
            field_id(f"note-{sid}-{key}"),
            placeholder,
        )

    def mark_saved(self) -> None:
        """A direct (not debounced) store call succeeded: update the header's saved mark."""
        self.lotsen.mark_saved()

    @staticmethod
    def heading(text: str) -> Static:
        return Static(plain(text), classes="section")

    @staticmethod
    def hint(text: str) -> Static:
        return Static(plain(text), classes="muted hint")

    def first_focus(self) -> str | None:
        """The id to focus when the step opens (None: the first focusable widget)."""
        return None
