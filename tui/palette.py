"""Textual's command palette with every word on screen in Swedish."""

from __future__ import annotations

from typing import ClassVar

from rich.align import Align
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

NO_MATCHES = "Inga träffar – prova ett annat ord"


class LotsenCommandPalette(CommandPalette):
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

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(NO_MATCHES, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )  # fmt: skip
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)
