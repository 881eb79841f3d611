"""A small typed form in a dialog: new case, a participant, a consent, a deviation, closing.

Two modes. Create mode: the values are handed to `on_submit` when the user presses Enter or
"Spara"; the model's InvalidInput message appears beside the field it names and every typed
value stays. Live mode (`on_change`): each field is stored as the user types, like any other
field in Lotsen; "Klar" only closes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from model.db import DatabaseError
from model.validation import InvalidInput
from tui.plain import cell, plain
from tui.widgets.fields import AutosaveInput, AutosaveTextArea
from tui.widgets.inorder import InOrderCheckbox, InOrderInput, InOrderTextArea
from tui.widgets.page import Page
from tui.widgets.select import LotsenSelect
from tui.writes import raising


@dataclass
class FormField:
    """One field: kind is input | text | select | check."""

    key: str
    label: str
    kind: str = "input"
    value: Any = ""
    options: Sequence[tuple[str | Text, Any]] = field(default_factory=tuple)
    placeholder: str = ""


class FormDialog(ModalScreen[Any]):
    """A dialog of fields; see the module docstring for the two modes."""

    HELP = """# Formulär

Fyll i fälten, Tab flyttar till nästa. Enter i ett fält eller knappen Spara sparar.
Esc eller Avbryt stänger utan att spara, och frågar först om du har ändrat något (i ett formulär
som sparar medan du skriver är allt redan sparat).
Ett felaktigt värde får ett meddelande under fältet; det du skrivit finns kvar.
"""
    BINDINGS = [
        Binding("escape", "cancel", "Stäng", id="form_cancel"),
        Binding("ctrl+s", "submit", "Spara", id="form_submit"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        *,
        on_submit: Callable[[dict[str, Any]], Any] | None = None,
        on_change: Callable[[str, Any], Any] | None = None,
        submit_label: str = "Spara",
        intro: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.on_submit = on_submit
        self.on_change = on_change
        self.submit_label = submit_label if on_change is None else "Klar"
        self.intro = intro
        self._last: dict[str, Any] = {f.key: f.value for f in self.fields}

    # -- building -----------------------------------------------------------------------------
    def _editor(self, f: FormField):  # noqa: ANN202
        wid = f"f-{f.key}"
        live = self.on_change is not None
        if f.kind == "select":
            options = [
                (cell(label) if isinstance(label, str) else label, value)
                for label, value in f.options
            ]
            return LotsenSelect(
                options,
                value=f.value if f.value is not None else Select.NULL,
                allow_blank=False,
                id=wid,
            )
        if f.kind == "check":
            return InOrderCheckbox(plain(f.label), value=bool(f.value), id=wid)
        if f.kind == "text":
            if live:
                return AutosaveTextArea(str(f.value or ""), saver=self._saver(f.key), id=wid)
            return InOrderTextArea(str(f.value or ""), soft_wrap=True, tab_behavior="focus", id=wid)
        if live:
            return AutosaveInput(
                str(f.value or ""), saver=self._saver(f.key), placeholder=f.placeholder, id=wid
            )
        return InOrderInput(str(f.value or ""), placeholder=f.placeholder, id=wid)

    def _saver(self, key: str) -> Callable[[str], Any]:
        assert self.on_change is not None
        change = self.on_change
        return lambda value: change(key, value)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(plain(self.title_text), classes="dialog-title")
            if self.intro:
                yield Static(plain(self.intro), classes="muted dialog-intro")
            with Page(classes="form-fields"):
                for f in self.fields:
                    with Vertical(classes=f"form-row form-{f.kind}", id=f"row-{f.key}"):
                        if f.kind != "check":
                            yield Label(plain(f.label), classes="field-label")
                        editor = self._editor(f)
                        error = Static("", classes="field-error", id=f"err-{f.key}", markup=False)
                        if isinstance(editor, AutosaveInput | AutosaveTextArea):
                            editor.error_label = error
                        yield editor
                        yield error
            yield Static("", classes="field-error", id="err-form", markup=False)
            with Horizontal(classes="dialog-buttons"):
                # "Avbryt" left, the action right (as in every dialog). Avbryt is not in the
                # Tab chain: Tab from the last field reaches the action, Esc is Avbryt.
                if self.on_change is None:
                    yield Button("Avbryt", id="cancel")
                yield Button(self.submit_label, id="submit", variant="primary")

    def on_mount(self) -> None:
        cancel = self.query("#cancel")
        if cancel:
            cancel.first().can_focus = False
        self._initial = self.values()
        first = self.query(
            ".form-row > Input, .form-row > Select, .form-row > TextArea, .form-row > Checkbox"
        )
        if first:
            # Without scrolling: the first field's label stays in view at 80×24.
            first.first().focus(scroll_visible=False)
        for page in self.query(Page):
            self.call_after_refresh(page.scroll_home, animate=False)

    # -- values -------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            w = self.query_one(f"#f-{f.key}")
            if isinstance(w, Input):
                out[f.key] = w.value
            elif isinstance(w, TextArea):
                out[f.key] = w.text
            elif isinstance(w, Select):
                out[f.key] = None if w.value is Select.NULL else w.value
            elif isinstance(w, Checkbox):
                out[f.key] = w.value
        return out

    def show_error(self, key: str, message: str) -> None:
        for label in self.query(".field-error"):
            assert isinstance(label, Static)
            label.update("")
            label.display = False
        targets = self.query(f"#err-{key}")
        label = targets.first() if targets else self.query_one("#err-form", Static)
        assert isinstance(label, Static)
        label.update(plain(message))
        label.display = True
        editors = self.query(f"#f-{key}")
        if editors:
            editors.first().focus(scroll_visible=False)
            # The whole row (label, field and its message) in view, also at 80×24.
            self.call_after_refresh(self.query_one(f"#row-{key}").scroll_visible, animate=False)
        else:
            self.call_after_refresh(label.scroll_visible, animate=False)

    # -- actions ------------------------------------------------------------------------------
    def action_submit(self) -> None:
        if self.on_change is not None:
            self._close(True)
            return
        assert self.on_submit is not None
        try:
            with raising():  # a refused write keeps the dialog open with what was typed
                result = self.on_submit(self.values())
        except InvalidInput as exc:
            self.show_error(exc.field, exc.message)
            return
        except DatabaseError as exc:
            self.show_error(
                "", f"Kunde inte spara: {exc} Det du skrev finns kvar; försök igen med Spara."
            )
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        if self.on_change is not None:
            self._close(True)  # live: everything is already stored
            return
        if self.values() == getattr(self, "_initial", self.values()):
            self._close(None)
            return
        from tui.dialogs.confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                self._close(None)

        self.app.push_screen(ConfirmDialog.discard(), answered)

    def _close(self, result: Any) -> None:
        flush = getattr(self.app, "flush_saves", None)
        if flush is not None:
            flush()
        self.dismiss(result)

    @on(Button.Pressed, "#submit")
    def _submit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        wid = event.select.id or ""
        value = None if event.value is Select.NULL else event.value
        # Enter chooses and stays on the drop-down (the same everywhere); Tab moves on.
        self._live(wid, value)

    @on(Checkbox.Changed)
    def _check_changed(self, event: Checkbox.Changed) -> None:
        self._live(event.checkbox.id, event.value)

    def _live(self, wid: str | None, value: Any) -> None:
        if self.on_change is None or not wid or not wid.startswith("f-"):
            return
        key = wid[2:]
        if self._last.get(key) == value:
            return  # Select and Checkbox announce their first value too
        self._last[key] = value
        try:
            self.on_change(key, value)
        except InvalidInput as exc:
            self.show_error(key, exc.message)
            return
        mark_saved = getattr(self.app, "mark_saved", None)
        if mark_saved is not None:
            mark_saved()
