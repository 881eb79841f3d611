"""A scrolling page that is not itself a Tab stop: focus goes straight to its fields."""

from __future__ import annotations

from textual.containers import VerticalScroll


class Page(VerticalScroll, can_focus=False):
    """VerticalScroll without the extra Tab stop (fields scroll into view when focused)."""
