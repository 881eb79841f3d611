"""A table whose columns share the width it has: at 80 columns the widest columns are narrowed
and their cells wrap onto more lines, so no column (Kontakt, Verksamheter, Plats …) is cut
off at the right edge or hidden behind a horizontal scroll."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

# The vertical scrollbar's columns, kept free so a long table does not push the last column.
SCROLLBAR = 2
MIN_WIDTH = 6


def fit_widths(natural: list[int], floors: list[int], room: int) -> list[int]:
    """Column widths within `room`: the widest column is narrowed first, one cell at a time,
    never below its floor (its label) or MIN_WIDTH."""
    widths = list(natural)
    floors = [min(n, max(f, MIN_WIDTH)) for n, f in zip(natural, floors, strict=True)]
    while sum(widths) > room:
        narrowable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not narrowable:
            break
        widest = max(narrowable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def _width(text: Text) -> int:
    return max((cell_len(line) for line in text.plain.split("\n")), default=0)


class FitTable(DataTable):
    """A DataTable filled with `show_rows`; refitted when its width changes."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown: list[tuple[list[Text], str]] = []
        self._fitted_to = 0

    def show_rows(self, rows: list[tuple[list[Text], str]]) -> None:
        """Replace the rows (cells, key), keeping the cursor on the same row number."""
        self._shown = rows
        self._fill()

    def _fill(self) -> None:
        cursor = self.cursor_row
        self.clear()
        width = self.size.width or self.app.size.width
        self._fitted_to = width
        widths = self._fit(width)
        wrapped = [w < n for w, n in zip(widths, self._natural(), strict=True)]
        for cells, key in self._shown:
            shown = [
                Text(c.plain, style=c.style, end="", overflow="fold") if wrap else c
                for c, wrap in zip(cells, wrapped, strict=False)
            ]
            self.add_row(*shown, key=key, height=None if any(wrapped) else 1)
        if self._shown:
            self.move_cursor(row=min(cursor, len(self._shown) - 1))

    def _natural(self) -> list[int]:
        columns = self.ordered_columns
        natural = [cell_len(c.label.plain) for c in columns]
        for cells, _ in self._shown:
            for i, c in enumerate(cells[: len(columns)]):
                natural[i] = max(natural[i], _width(c))
        return natural

    def _fit(self, width: int) -> list[int]:
        columns = self.ordered_columns
        room = width - SCROLLBAR - 2 * self.cell_padding * len(columns)
        natural = self._natural()
        labels = [cell_len(c.label.plain) for c in columns]
        # Words whole where the room allows ("Socialsekreterare", an e-mail address); only
        # when it does not, a long word is folded.
        words = list(labels)
        for cells, _ in self._shown:
            for i, c in enumerate(cells[: len(columns)]):
                words[i] = max([words[i], *(cell_len(w) for w in c.plain.split())])
        widths = fit_widths(natural, words, room)
        while sum(widths) > room and words != labels:
            # The column with the longest word (an e-mail address) gives in first.
            longest = max(range(len(words)), key=lambda i: words[i] - labels[i])
            words[longest] = labels[longest]
            widths = fit_widths(natural, words, room)
        for column, w in zip(columns, widths, strict=True):
            column.width = w
            column.auto_width = False
        return widths

    def on_resize(self, event: events.Resize) -> None:
        if self._shown and event.size.width != self._fitted_to:
            self.call_after_refresh(self._fill)
