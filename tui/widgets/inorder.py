"""Editing keys that keep their order when keys arrive in a burst.

Textual runs a widget's own key bindings (Backspace, Delete, arrows, Home/End, Ctrl+W …) only
after the Key event has bubbled up through every parent's message queue to the app, while a
printable key is inserted at once. Keys that arrive together (fast typing, a moment the app was
busy, a remote session) then overtake the binding: "abc⌫de" became "abcd". A note-taker's
corrections must land where they were typed, so these fields run their own bindings at once.
"""

from __future__ import annotations

from typing import Generic

from textual import events
from textual.widgets import Checkbox, Input, OptionList, SelectionList, TextArea
from textual.widgets.selection_list import SelectionType


class InOrderKeys:
    """Mixin for an editor widget: its own bindings run when the key arrives, in order."""

    async def _on_key(self, event: events.Key) -> None:
        bindings = self._bindings.key_to_bindings.get(event.key, ())  # type: ignore[attr-defined]
        for binding in bindings:
            action = binding.action
            name = action.split("(", 1)[0]
            if self.check_action(name, ()) is False:  # type: ignore[attr-defined]
                continue
            # Stop here: neither the widget's other key handlers nor the app run it again.
            event.prevent_default()
            event.stop()
            await self.run_action(action)  # type: ignore[attr-defined]
            return


class InOrderInput(InOrderKeys, Input):
    """An Input whose editing keys keep their order."""


class InOrderTextArea(InOrderKeys, TextArea):
    """A TextArea whose editing keys keep their order."""


class InOrderCheckbox(InOrderKeys, Checkbox):
    """A Checkbox whose Space/Enter toggles this box even when Tab follows at once: a burst of
    "Space Tab Space Tab" down the signature grid ticks every box (Tab acts on arrival, so
    Space handled after bubbling would toggle the box focus had moved to)."""


class InOrderSelectionList(InOrderKeys, SelectionList[SelectionType], Generic[SelectionType]):
    """A SelectionList whose Space and arrows keep their place in a burst."""


class InOrderOptionList(InOrderKeys, OptionList):
    """An OptionList whose Enter and arrows keep their place in a burst."""
