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
from textual.widgets import Footer

from tui.compat import FooterKey, footer_bindings_ready, mark_footer_bindings_ready

# Actions shown first, in this order; the rest keep Textual's order.
FIRST = {"help": 0, "next_step": 1}


class LotsenFooter(Footer):
    """A Footer whose first key is F1 Hjälp (see the module docstring)."""

    _composed: tuple[Any, ...] = ()  # the signature of the keys the last compose made

    def _signature(self) -> tuple[Any, ...]:
        """What the footer would show now, read from the screen's active bindings the way
        Textual's Footer.compose reads them (one key per action, shown ones only, then the
        palette key), without making the widgets: comparing made and threw away a footer's
        worth of FooterKeys on every focus move (a fifth of a walk's CPU time)."""
        if not self.is_attached:
            return ()
        active = self.screen.active_bindings
        shown: dict[str, tuple[Any, ...]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding.key, self.app.get_key_display(binding),
                                         binding.description, binding.action, enabled, tooltip,
                                         binding.group is not None)  # fmt: skip
        keys = sorted(shown.values(), key=lambda k: FIRST.get(k[3], len(FIRST)))
        palette: tuple[Any, ...] = ()
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            entry = active.get(self.app.COMMAND_PALETTE_BINDING)
            if entry is not None:
                _node, binding, enabled, tooltip = entry
                palette = (binding.key, binding.description, enabled, binding.tooltip)
        return (tuple(keys), palette)

    def compose(self) -> ComposeResult:
        self._composed = self._signature() if footer_bindings_ready(self) else ()
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
        wanted = self._signature()
        if not wanted[0] or wanted != self._composed:
            await self.recompose()
