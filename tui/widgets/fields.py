"""Fields that save themselves: an Input and a TextArea wired to a store call through the
app's Autosaver, showing the model's Swedish message beside the field on bad input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static, TextArea

from model.validation import InvalidInput

Saver = Callable[[str], Any]


def _autosaver(widget):
    return getattr(widget.app, "autosaver", None)


class _SavesItself:
    """Mixin: `saver(value)` is called debounced; InvalidInput shows beside the field."""

    saver: Saver | None
    error_label: Static | None

    def _save_now(self, value: str) -> bool:
        if self.saver is None:
            return False
        try:
            self.saver(value)
        except InvalidInput as exc:
            self._show_error(exc.message)
            return False
        self._show_error("")
        return True

    def _show_error(self, message: str) -> None:
        label = self.error_label
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


class AutosaveInput(_SavesItself, Input):
    """A one-line field that writes through `saver` as the user types."""

    def __init__(self, value: str = "", *, saver: Saver | None = None, **kwargs: Any) -> None:
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


class AutosaveTextArea(_SavesItself, TextArea):
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
    """A label, an autosaving editor and the line where its Swedish error message appears."""

    DEFAULT_CSS = """
    Field { height: auto; margin: 0 0 1 0; }
    Field > .field-label { color: $text-muted; }
    Field > .field-error { color: $error; display: none; }
    Field Input.-invalid, Field TextArea.-invalid { border: tall $error; }
    Field TextArea { height: auto; min-height: 4; max-height: 12; }
    """

    def __init__(self, label: str, editor: AutosaveInput | AutosaveTextArea, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.label_text = label
        self.editor = editor
        self.error = Static("", classes="field-error")
        editor.error_label = self.error

    def compose(self) -> ComposeResult:
        yield Label(self.label_text, classes="field-label")
        yield self.editor
        yield self.error
