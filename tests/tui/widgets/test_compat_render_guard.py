"""Textual #6528: a TextArea drawn before its component styles exist raised KeyError
'text-area--gutter' in render_lines and took the app down. A note (BlankOnStyleKeyError)
draws a blank frame instead and is drawn again once the styles are there."""

from __future__ import annotations

from shell_helpers import screen_text
from textual.app import App, ComposeResult
from textual.widgets import TextArea

from tui.compat import BlankOnStyleKeyError


class Note(BlankOnStyleKeyError, TextArea):
    pass


class OneNote(App[None]):
    def compose(self) -> ComposeResult:
        yield Note("Morgnarna är svåra", id="note")


async def test_a_note_drawn_too_early_is_redrawn_not_a_crash(monkeypatch):
    failures = {"left": 1}
    real = TextArea.render_lines

    def too_early(self, crop):  # noqa: ANN001, ANN202
        if failures["left"]:
            failures["left"] -= 1
            raise KeyError("No 'text-area--gutter' key in COMPONENT_CLASSES")
        return real(self, crop)

    monkeypatch.setattr(TextArea, "render_lines", too_early)
    app = OneNote()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        await pilot.pause(0.1)
        assert failures["left"] == 0  # the KeyError was raised once
        assert app.is_running and "Morgnarna är svåra" in screen_text(app)
