"""Textual's command palette with every word on screen in Swedish."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from tui.compat import NoMatchesText

NO_MATCHES = "Inga träffar – prova ett annat ord"


class LotsenCommandPalette(NoMatchesText):
    """Ctrl+P: Swedish footer keys and "Inga träffar" instead of "No matches found"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+end, shift+end", "command_list('last')", "Sist", show=False),
        Binding("ctrl+home, shift+home", "command_list('first')", "Först", show=False),
        Binding("down", "cursor_down", "Nästa", show=False),
        Binding("escape", "escape", "Stäng", key_display="Esc"),
        Binding("pagedown", "command_list('page_down')", "Nästa sida", show=False),
        Binding("pageup", "command_list('page_up')", "Förra sidan", show=False),
        Binding("up", "command_list('cursor_up')", "Förra", show=False),
    ]
    NO_MATCHES_TEXT = NO_MATCHES
