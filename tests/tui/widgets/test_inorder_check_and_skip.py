"""InOrderKeys runs a field's own binding on arrival, but as Textual would run it: an action
that is disabled (check_action False, or None: "shown disabled") does not run, and one that
raises SkipAction counts as not handled. In both cases the key goes on to the parents'
binding for it, as it does for a plain Textual widget."""

from __future__ import annotations

import pytest
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from tui.widgets.inorder import InOrderInput


class Field(InOrderInput):
    BINDINGS = [Binding("ctrl+t", "mark", "Markera")]

    def __init__(self, mode: str) -> None:
        super().__init__("", id="field")
        self.mode = mode
        self.marked = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mark" and self.mode in ("disabled", "hidden"):
            return None if self.mode == "disabled" else False
        return True

    def action_mark(self) -> None:
        if self.mode == "skip":
            raise SkipAction()
        self.marked += 1


class PlainField(Input):
    """The same field as plain Textual runs it (no InOrderKeys): the reference behaviour."""

    BINDINGS = Field.BINDINGS
    check_action = Field.check_action
    action_mark = Field.action_mark

    def __init__(self, mode: str) -> None:
        super().__init__("", id="field")
        self.mode = mode
        self.marked = 0


class Host(App[None]):
    BINDINGS = [Binding("ctrl+t", "app_mark", "Appens")]

    def __init__(self, field: Input) -> None:
        super().__init__()
        self.field = field
        self.app_marked = 0

    def compose(self) -> ComposeResult:
        yield self.field

    def action_app_mark(self) -> None:
        self.app_marked += 1


async def _press_ctrl_t(field: Input) -> tuple[int, int, str]:
    app = Host(field)
    async with app.run_test() as pilot:
        field.focus()
        await pilot.press("a", "ctrl+t", "b")
        await pilot.pause()
        return field.marked, app.app_marked, field.value


@pytest.mark.parametrize("mode", ["disabled", "hidden", "skip"])
async def test_a_binding_that_does_not_run_lets_the_parent_binding_run(mode: str) -> None:
    marked, app_marked, value = await _press_ctrl_t(Field(mode))
    assert (marked, app_marked, value) == (0, 1, "ab")


@pytest.mark.parametrize("mode", ["disabled", "hidden", "skip", "run"])
async def test_the_same_outcome_as_a_plain_textual_field(mode: str) -> None:
    assert await _press_ctrl_t(Field(mode)) == await _press_ctrl_t(PlainField(mode))


async def test_a_binding_that_runs_is_not_run_again_by_the_parent() -> None:
    marked, app_marked, value = await _press_ctrl_t(Field("run"))
    assert (marked, app_marked, value) == (1, 0, "ab")
