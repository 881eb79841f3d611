"""The one drop-down of Lotsen: Enter chooses and stays, Tab moves on — everywhere.

Textual's Select refocuses itself when a choice arrives. In a burst ("Enter Tab text") the
choice message is handled after Tab has already moved on, so focus jumped back to the select
and the typed text was lost (or reopened the menu as a search). Here a choice only takes
focus back if focus is still inside the drop-down. A letter typed on a closed drop-down is
not a command: it is swallowed with a hint, never passed on to the screen's keys, and Space no
longer opens the menu (Enter, Up and Down do), so a sentence typed into the wrong place can
never pick something.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.binding import Binding
from textual.widgets import Select

from tui.compat import SelectOverlay, select_option_value, select_type_to_search
from tui.widgets.inorder import InOrderKeys


class LotsenSelectOverlay(InOrderKeys, SelectOverlay):
    """The open list of a drop-down, with its footer key in Swedish. Its keys (Enter, arrows)
    act as they arrive: in "Enter Tab text" the choice is made before Tab moves on (Tab acts
    on arrival; an Enter handled after bubbling found focus gone and the choice was lost)."""

    BINDINGS = [Binding("escape", "dismiss", "Stäng listan", key_display="Esc")]


class LotsenSelect(InOrderKeys, Select[Any]):
    """A Select that keeps the Lotsen rule for choices (see the module docstring)."""

    BINDINGS = [Binding("enter,down,up", "show_overlay", "Öppna listan", show=False)]

    def compose(self):  # noqa: ANN201
        for child in super().compose():
            if type(child) is SelectOverlay:
                yield LotsenSelectOverlay(type_to_search=select_type_to_search(self)).data_bind(
                    compact=Select.compact
                )
            else:
                yield child

    def _inside(self) -> bool:
        focused = self.screen.focused if self.is_attached else None
        return (
            focused is None
            or focused is self
            or any(focused is o for o in self.query(SelectOverlay))
        )

    @on(SelectOverlay.UpdateSelection)
    def _update_selection(self, event: SelectOverlay.UpdateSelection) -> None:
        event.stop()
        # Textual's own handler (Select._update_selection) would run after this one and
        # focus the select unconditionally (deferred): pulling focus back from the field Tab
        # had reached in "Enter Tab text". Ours replaces it.
        event.prevent_default()
        value = select_option_value(self, event.option_index)
        if value != self.value:
            self.value = value
        inside = self._inside()
        self.expanded = False
        if inside:
            self._take_focus()

    @on(SelectOverlay.Dismiss)
    def _select_overlay_dismiss(self, event: SelectOverlay.Dismiss) -> None:
        event.stop()
        event.prevent_default()  # replaces Select's own handler (see _update_selection)
        inside = not event.lost_focus and self._inside()
        self.expanded = False
        if inside:
            self._take_focus()

    def _take_focus(self) -> None:
        """Focus back on the select at once. `Widget.focus()` defers it to after the messages
        already queued: in the burst "Enter Tab text" the choice could be handled (by this
        widget's own message pump) before the app ran Tab, and the deferred focus then pulled
        focus back from the field Tab had reached, so the text typed next was lost."""
        if self.is_attached:
            self.screen.set_focus(self, scroll_visible=False)

    async def _on_key(self, event: events.Key) -> None:
        if self.expanded or not self.has_focus:
            return
        if event.is_printable and event.character is not None:
            # Text typed on a closed drop-down: nothing to write into, and never a command.
            event.stop()
            event.prevent_default()
            if not getattr(self, "_hinted", False):
                self._hinted = True
                self.notify(
                    "Det här är en lista: Enter öppnar den, Tab går till nästa fält.", timeout=4
                )

    def _on_blur(self, event: events.Blur) -> None:
        self._hinted = False
