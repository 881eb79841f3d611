"""Editing keys that keep their order when keys arrive in a burst.

Textual runs a widget's own key bindings (Backspace, Delete, arrows, Home/End, Ctrl+W …) only
after the Key event has bubbled up through every parent's message queue to the app, while a
printable key is inserted at once. Keys that arrive together (fast typing, a moment the app was
busy, a remote session) then overtake the binding: "abc⌫de" became "abcd". A note-taker's
corrections must land where they were typed, so these fields run their own bindings at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic

from textual import events
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Checkbox, Input, OptionList, SelectionList, TextArea
from textual.widgets.selection_list import SelectionType

from tui.compat import bindings_for_key

# Mixins are typed as the widget they extend but are plain classes at run time: Textual takes a
# widget's CSS type names (its default styles, `query(Input)`) from the *first* widget class in
# its bases, so a mixin listed first must not be one.
if TYPE_CHECKING:
    _Widget = Widget
    _Input = Input
    _TextArea = TextArea
else:
    _Widget = _Input = _TextArea = object


class InOrderKeys(_Widget):
    """Mixin for an editor widget: its own bindings run when the key arrives, in order.

    As Textual runs a binding: an action whose `check_action` says False or None (None: shown
    disabled) does not run, and an action that raises SkipAction counts as not handled. Then
    the key goes on as Textual would send it (the widget's other key handlers, then up to the
    parents' bindings); only a binding that ran stops it (Textual #6605, see tui/compat.py)."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in bindings_for_key(self, event.key):
            # The app's run_action: checks the action (only True runs it, as for any binding)
            # and reports False when it was not run or raised SkipAction.
            if await self.app.run_action(binding.action, self):
                # Neither the widget's other key handlers nor the app run it again.
                event.prevent_default()
                event.stop()
                return


class ShowsStart(_Input):
    """Mixin for a one-line field (before Input in the bases).

    Resting, the field shows the *start* of its text (Textual leaves the cursor at the end, so
    a long name showed only its tail); entered, the cursor goes to the end, so words typed are
    added after what is there. Nothing is ever selected on focus (see InOrderInput)."""

    def on_mount(self) -> None:
        self.call_after_refresh(self._rest_at_start)

    def _rest_at_start(self) -> None:
        if not self.has_focus:
            self.cursor_position = 0

    def _on_focus(self, event: events.Focus) -> None:
        if not event.from_app_focus:
            self.cursor_position = len(self.value)

    def _on_blur(self, event: events.Blur) -> None:
        self.cursor_position = 0


class EndOnFocus(_TextArea):
    """Mixin for a note (before TextArea in the bases): re-entering it puts the cursor at the
    end of the text, so new words follow the old ones instead of landing in front of them."""

    def _on_focus(self, event: events.Focus) -> None:
        if not event.from_app_focus:
            self.move_cursor(self.document.end)


class InOrderInput(ShowsStart, InOrderKeys, Input):
    """An Input whose editing keys keep their order; it never selects all on focus (Backspace
    after Tab wiped a prefilled field), in dialogs and on screens alike."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)


class InOrderTextArea(EndOnFocus, InOrderKeys, TextArea):
    """A TextArea whose editing keys keep their order."""


class InOrderCheckbox(InOrderKeys, Checkbox, inherit_bindings=False):
    """A Checkbox whose Space toggles this box even when Tab follows at once: a burst of
    "Space Tab Space Tab" down the signature grid ticks every box (Tab acts on arrival, so
    Space handled after bubbling would toggle the box focus had moved to).

    Space ticks, Enter never does: the readiness list's Enter pressed twice jumped to
    "Skrivit under" *and* ticked it (the second Enter landed on the box the first one had
    jumped to). One key for one thing, whatever the timing."""

    BINDINGS = [Binding("space", "toggle_button", "Kryssa i eller ur", show=False)]


class InOrderSelectionList(InOrderKeys, SelectionList[SelectionType], Generic[SelectionType]):
    """A SelectionList whose Space, Enter and arrows keep their place in a burst.

    Space and Enter post OptionSelected for the highlighted row; SelectionList toggled the row
    highlighted when the message was *handled*, so in "Space Down Space" the arrow (run on
    arrival) had moved on and the second row was toggled twice, the first never. The row
    toggled is the one the key was pressed on."""

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        event.prevent_default()  # not SelectionList's handler: it toggles the highlight now
        if 0 <= event.option_index < self.option_count:
            self.toggle(self.get_option_at_index(event.option_index))


class InOrderOptionList(InOrderKeys, OptionList):
    """An OptionList whose Enter and arrows keep their place in a burst."""
