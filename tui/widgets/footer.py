"""The footer of every Lotsen screen: F1 (Hjälp) always first, so it is never cut off at 80×24
where the screen's own keys fill the line (the ones that do not fit are in F1 and Ctrl+P).
In the meeting guide F6 (Nästa steg) comes next: a step's own keys (n/f/a, F7/F8/F9) pushed it
off the line at 80 columns, and moving on is what the leader does in every step.

Textual rebuilds the footer on every focus move. Here it is rebuilt only when the keys it shows
change: Tab down a step's fields no longer removes and remounts every key each time, and a
picture of the screen is never taken of a footer caught empty halfway through a rebuild that
changed nothing (seen in the 80×24 step snapshots on a loaded machine). Nor while keys are
waiting to be handled: a burst that moves the focus away and back builds nothing.

SETTLE: a widget whose class sets FOOTER_SETTLE (seconds) has the footer wait that long for
the focus to settle before comparing. The roll call's keys move the focus between a person's
row and the reason field (different keys) at every n/f and Enter; typed quickly, or arriving
together from the terminal, the footer built for the one left a moment later held up the
frame that shows the next mark by a rebuild and a layout of the whole roster."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer

from tui.compat import (
    FooterKey,
    footer_bindings_ready,
    has_pending_messages,
    mark_footer_bindings_ready,
)

# Actions shown first, in this order; the rest keep Textual's order.
FIRST = {"help": 0, "next_step": 1}


class LotsenFooter(Footer):
    """A Footer whose first key is F1 Hjälp (see the module docstring)."""

    _composed: tuple[Any, ...] = ()  # the signature of the keys the last compose made
    _settle: Timer | None = None

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
                shown[binding.action] = (
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    enabled,
                    tooltip,
                    binding.group is not None,
                )
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
            settle = getattr(screen.focused, "FOOTER_SETTLE", 0.0)
            if self._settle is not None:
                self._settle.stop()
                self._settle = None
            if settle:  # see SETTLE in the module docstring
                self._settle = self.set_timer(settle, self._recompose_if_changed)
            else:
                self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        if has_pending_messages(self.app):
            # Keys are waiting (Enter then f in the roll call, arriving together): they go
            # first, and the footer is compared with where the focus is after them. Between
            # a roll-call row and its reason field it is the same again, so nothing is built
            # while the mark waits for its frame.
            self.call_after_refresh(self._recompose_if_changed)
            return
        wanted = self._signature()
        if not wanted[0] or wanted != self._composed:
            await self.recompose()
