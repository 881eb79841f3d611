"""The footer of every Lotsen screen: F1 (Hjälp) always first, so it is never cut off at 80×24
where the screen's own keys fill the line (the ones that do not fit are in F1 and Ctrl+P).
In the meeting guide F6 (Nästa steg) comes next: a step's own keys (n/f/a, F7/F8/F9) pushed it
off the line at 80 columns, and moving on is what the leader does in every step.

Textual rebuilds the footer on every focus move. Here it is rebuilt only when the keys it shows
change: Tab down a step's fields no longer removes and remounts every key each time, and a
picture of the screen is never taken of a footer caught empty halfway through a rebuild that
changed nothing (seen in the 80×24 step snapshots on a loaded machine)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from tui.compat import FooterKey, footer_key_disabled, mark_footer_bindings_ready

# Actions shown first, in this order; the rest keep Textual's order.
FIRST = {"help": 0, "next_step": 1}


def _shown(widget: Widget) -> tuple[Any, ...]:
    """What a footer key shows (and does): equal tuples look and act the same."""
    return (type(widget), getattr(widget, "key", None), getattr(widget, "key_display", None),
            getattr(widget, "description", None), getattr(widget, "action", None),
            footer_key_disabled(widget), tuple(sorted(widget.classes)))  # fmt: skip


class LotsenFooter(Footer):
    """A Footer whose first key is F1 Hjälp (see the module docstring)."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        footer_keys = [k for k in keys if isinstance(k, FooterKey)]
        if len(footer_keys) == len(keys):  # no binding groups in Lotsen
            footer_keys.sort(key=lambda k: FIRST.get(k.action, len(FIRST)))  # a stable sort
            keys = list(footer_keys)
        yield from keys

    def bindings_changed(self, screen: Screen) -> None:
        # Textual's own, but the rebuild only when the keys shown differ (module docstring).
        mark_footer_bindings_ready(self)
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        wanted = [_shown(k) for k in self.compose()]
        if not wanted or wanted != [_shown(k) for k in self.children]:
            await self.recompose()
