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


class OneLine(App[None]):
    CSS = "LabelledLineInput { height: 1; border: none; padding: 0 1 0 14; }"  # as the guide's

    def compose(self) -> ComposeResult:
        from textual.content import Content

        from tui.screens.meeting.base import LabelledLineInput

        yield LabelledLineInput(Content("Omfattning"), "2 timmar/vecka", id="line")


async def test_a_labelled_line_drawn_before_its_label_style_is_redrawn_not_a_crash(monkeypatch):
    """The same for the guide's one-line fields that draw their own label (seen once in CI:
    KeyError 'labelled-line--label' took the hostile-text walk down)."""
    from textual.dom import DOMNode

    from tui.screens.meeting.base import LabelledLineInput

    failures = {"left": 1}
    real = DOMNode.get_component_styles

    def too_early(self, *names):  # noqa: ANN001, ANN002, ANN202
        if (
            isinstance(self, LabelledLineInput)
            and "labelled-line--label" in names
            and failures["left"]
        ):
            failures["left"] -= 1
            raise KeyError("No 'labelled-line--label' key in COMPONENT_CLASSES")
        return real(self, *names)

    monkeypatch.setattr(DOMNode, "get_component_styles", too_early)
    app = OneLine()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        await pilot.pause(0.1)
        assert failures["left"] == 0  # the KeyError was raised once
        text = screen_text(app)
        assert app.is_running and "Omfattning" in text and "2 timmar/vecka" in text
