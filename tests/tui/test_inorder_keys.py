"""Keys that arrive in one burst keep their order in every field Lotsen types into.

Textual runs a widget's editing bindings (Backspace, arrows …) only after the key has bubbled
to the app, so in a burst a later letter overtook them ("abc⌫de" became "abcd"). The keys are
posted to the app's queue all at once, as the terminal driver does when they arrive together.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App, ComposeResult

from tui.widgets.fields import AutosaveInput, AutosaveTextArea
from tui.widgets.inorder import InOrderInput, InOrderTextArea

BURST = [("a", "a"), ("b", "b"), ("c", "c"), ("backspace", None), ("d", "d"), ("e", "e"),
         ("left", None), ("left", None), ("x", "x"), ("end", None), ("f", "f")]  # fmt: skip


class OneField(App[None]):
    def __init__(self, editor) -> None:  # noqa: ANN001
        super().__init__()
        self.editor = editor

    def compose(self) -> ComposeResult:
        yield self.editor


def _text(editor) -> str:  # noqa: ANN001
    return editor.text if hasattr(editor, "text") else editor.value


@pytest.mark.parametrize(
    "make",
    [
        lambda: AutosaveTextArea("", saver=lambda t: None),
        lambda: AutosaveInput("", saver=lambda t: None),
        lambda: InOrderInput(""),
        lambda: InOrderTextArea(""),
    ],
    ids=["note", "line", "form-line", "form-text"],
)
async def test_a_burst_of_keys_lands_as_typed(make):
    app = OneField(make())
    async with app.run_test() as pilot:
        app.editor.focus()
        await pilot.pause()
        for key, char in BURST:
            app.post_message(events.Key(key, char))
        await pilot.pause(0.3)
        assert _text(app.editor) == "abxdef"
