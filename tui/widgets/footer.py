"""The footer of every Lotsen screen: F1 (Hjälp) always first, so it is never cut off at 80×24
where the screen's own keys fill the line (the ones that do not fit are in F1 and Ctrl+P)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class LotsenFooter(Footer):
    """A Footer whose first key is F1 Hjälp (see the module docstring)."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        if all(isinstance(k, FooterKey) for k in keys):  # no binding groups in Lotsen
            keys.sort(key=lambda k: 0 if k.action == "help" else 1)  # a stable sort
        yield from keys
