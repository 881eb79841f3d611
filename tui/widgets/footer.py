"""The footer of every Lotsen screen: F1 (Hjälp) always first, so it is never cut off at 80×24
where the screen's own keys fill the line (the ones that do not fit are in F1 and Ctrl+P).
In the meeting guide F6 (Nästa steg) comes next: a step's own keys (n/f/a, F7/F8/F9) pushed it
off the line at 80 columns, and moving on is what the leader does in every step."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Actions shown first, in this order; the rest keep Textual's order.
FIRST = {"help": 0, "next_step": 1}


class LotsenFooter(Footer):
    """A Footer whose first key is F1 Hjälp (see the module docstring)."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        if all(isinstance(k, FooterKey) for k in keys):  # no binding groups in Lotsen
            keys.sort(key=lambda k: FIRST.get(k.action, len(FIRST)))  # a stable sort
        yield from keys
