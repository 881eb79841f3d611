"""Fields that save themselves: an Input and a TextArea wired to a store call through the
app's Autosaver, showing the model's Swedish message beside the field on bad input.

A database error (disk full, a damaged file, …) never loses the text: it stays in the field,
the message is shown beside it (and once as a notification), and the save is queued again,
so it is retried on the next change and on the next flush (one attempt per flush)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static, TextArea

from model.db import DatabaseError
from model.validation import InvalidInput
from tui.mask import MaskedInput, MaskedTextArea
from tui.widgets.inorder import EndOnFocus, InOrderKeys, ShowsStart
from tui.writes import raising

Saver = Callable[[str], Any]

SAVE_FAILED_PREFIX = "Kunde inte spara: "
# The same message from several fields at once (a flush when the disk is full) is notified once.
_NOTICE_QUIET_SECONDS = 10.0


def _autosaver(widget):
    return getattr(widget.app, "autosaver", None)


class _SavesItself:
    """Mixin: `saver(value)` is called debounced; InvalidInput shows beside the field; a
    DatabaseError shows beside it too, keeps the text and queues the save again."""

    saver: Saver | None
    error_label: Static | None
    # The Field around the editor: it makes its error line when there is first an error.
    error_field: Field | None = None
    _error_notified: bool = False

    def _save_now(self, value: str) -> bool:
        if self.saver is None:
            return False
        try:
            with raising():  # the field shows a refused save itself, beside the text
                self.saver(value)
        except InvalidInput as exc:
            self._show_error(exc.message)
            return False
        except DatabaseError as exc:
            self._save_failed(value, exc)
            return False
        saver = _autosaver(self)
        if saver is not None:
            saver.refused.discard(self)
        self._error_notified = False
        self._show_error("")
        return True

    def _save_failed(self, value: str, exc: DatabaseError) -> None:
        """The text stays in the field; the leader sees why; the save is queued again after
        the flush that is running now has finished (never twice in one flush)."""
        message = f"{SAVE_FAILED_PREFIX}{exc}"
        self._show_error(message)
        try:
            app = self.app  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - not mounted: nothing to notify or queue on
            return
        autosaver = getattr(app, "autosaver", None)
        if autosaver is not None:
            autosaver.refused.add(self)  # Ctrl+Q asks before this text is lost
        if not self._error_notified:
            self._error_notified = True
            now = time.monotonic()
            last, when = autosaver.last_notice if autosaver is not None else ("", 0.0)
            if last != message or now - when > _NOTICE_QUIET_SECONDS:
                if autosaver is not None:
                    autosaver.last_notice = (message, now)
                app.notify(message, severity="error", timeout=20, markup=False)
        if autosaver is None:
            return
        key = id(self)

        def again() -> bool:
            return self._save_now(value)

        # Never queued at once: Autosaver.flush runs until nothing is pending, so a save that
        # queued itself again inside it would be retried forever. (When the app is closing the
        # call is refused; autosaver.refused still names the field.)
        app.call_later(autosaver.requeue, key, again)

    def _show_error(self, message: str) -> None:
        label = self.error_label
        home = self.error_field
        if label is None and home is not None and (message or home.has_error_line):
            label = home.error
        if label is not None:
            label.update(message)
            label.display = bool(message)
        self.set_class(bool(message), "-invalid")  # type: ignore[attr-defined]

    def _schedule(self, value: str) -> None:
        saver = _autosaver(self)
        if saver is None:
            self._save_now(value)
        else:
            saver.schedule(id(self), lambda: self._save_now(value))

    def _flush(self) -> None:
        saver = _autosaver(self)
        if saver is not None:
            saver.flush_key(id(self))


class AutosaveInput(MaskedInput, ShowsStart, _SavesItself, InOrderKeys, Input):
    """A one-line field that writes through `saver` as the user types."""

    def __init__(self, value: str = "", *, saver: Saver | None = None, **kwargs: Any) -> None:
        # Textual selects all on focus, a moment later: letters typed fast after Tab would
        # replace what is there.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value=value, **kwargs)
        self.saver = saver
        self.error_label = None
        self._loaded = value

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input is self and event.value != self._loaded:
            self._loaded = event.value
            self._schedule(event.value)

    def on_blur(self) -> None:
        self._flush()


class AutosaveTextArea(MaskedTextArea, EndOnFocus, _SavesItself, InOrderKeys, TextArea):
    """A multi-line note that writes through `saver` as the user types (paste keeps lines)."""

    def __init__(self, text: str = "", *, saver: Saver | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("tab_behavior", "focus")
        kwargs.setdefault("show_line_numbers", False)
        super().__init__(text, **kwargs)
        self.saver = saver
        self.error_label = None
        self._loaded = text

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        if event.text_area is self and self.text != self._loaded:
            self._loaded = self.text
            self._schedule(self.text)

    def on_blur(self) -> None:
        self._flush()


class Field(Vertical):
    """A label, an autosaving editor and the line where its Swedish error message appears.

    The error line is made when it is first needed (a step with 300 fields shows none of
    them, and every widget costs time each time the step is shown)."""

    DEFAULT_CSS = """
    Field { height: auto; margin: 0 0 1 0; }
    Field > .field-label { color: $text-muted; }
    Field > .field-error { color: $error; display: none; }
    Field Input.-invalid, Field TextArea.-invalid { border: tall $error; }
    Field TextArea { height: auto; min-height: 4; max-height: 12; }
    """

    def __init__(
        self, label: str, editor: AutosaveInput | AutosaveTextArea | Input, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.label_text = label
        self.editor = editor
        self._error: Static | None = None
        if isinstance(editor, _SavesItself):  # a plain Input's owner shows its own errors here
            editor.error_field = self

    @property
    def has_error_line(self) -> bool:
        return self._error is not None

    @property
    def error(self) -> Static:
        """The line under the editor for its Swedish message (hidden while empty); made and
        mounted the first time it is asked for."""
        if self._error is None:
            self._error = Static("", classes="field-error", markup=False)  # paths: literal
            self.add_class("-with-error")
            if self.is_attached:
                self.mount(self._error)
        return self._error

    def compose(self) -> ComposeResult:
        yield from self._label()
        yield self.editor
        if self._error is not None:
            yield self._error

    def _label(self) -> ComposeResult:
        yield Label(self.label_text, classes="field-label")


class LineField(Field):
    """A one-line field: the label on the left, the editor beside it. A short label is drawn
    by the field itself (one widget less per field: a step shows hundreds of them); a long
    one is a Label that wraps, as in a Field."""

    LABEL_WIDTH = 20  # the narrowest label column (21) less its padding

    def __init__(
        self, label: str, editor: AutosaveInput | AutosaveTextArea | Input, **kwargs: Any
    ) -> None:
        super().__init__(label, editor, **kwargs)
        self.add_class("line")
        text = label if isinstance(label, Content) else Content(str(label))
        self._drawn = text
        self._draws_label = "\n" not in text.plain and text.cell_length <= self.LABEL_WIDTH
        self.set_class(self._draws_label, "-drawn-label")

    def _label(self) -> ComposeResult:
        if not self._draws_label:
            yield from super()._label()

    def render(self) -> Content:
        return self._drawn if self._draws_label else Content("")
