"""Text is text: what the leader typed is shown exactly as typed.

Textual parses a plain `str` given to Static, Label, notify, DataTable cells, Option and
Selection prompts and command palette hits as content markup: "Eva [/] Holm" crashed the
screen (MarkupError) and "Maria [mamma] Nyström" lost a word. Stored text is therefore always
handed to widgets as a Content or rich Text object (never parsed), through the helpers here.

Control characters are made visible for display as well: neither Rich nor Textual removes ESC,
the C1 controls (U+0080–U+009F, U+009B is CSI) or the bidi overrides, so they would reach the
terminal as control sequences. The stored text is not changed.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

REPLACEMENT = "\ufffd"


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        if chr(code) not in "\n\t":
            table[code] = chr(0x2400 + code)  # ␀ … ␟ (control pictures), ␛ for ESC
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):  # C1 controls: U+009B is CSI, U+0085 NEL
        table[code] = REPLACEMENT
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):  # bidi overrides, isolates
        table[code] = REPLACEMENT
    for code in range(0xD800, 0xE000):  # lone surrogates cannot even be encoded for output
        table[code] = REPLACEMENT
    return table


_VISIBLE = _table()
_ONE_LINE = {**_VISIBLE, ord("\n"): " ", ord("\t"): " "}


def visible(text: object, *, one_line: bool = False) -> str:
    """The text with every control character replaced by one visible character (so offsets
    stay the same); newlines and tabs kept unless `one_line`."""
    return str(text if text is not None else "").translate(_ONE_LINE if one_line else _VISIBLE)


def plain(text: object, *, one_line: bool = False) -> Content:
    """Content for Static, Label, Option, Selection, a Field's label: shown literally."""
    return Content(visible(text, one_line=one_line))


def cell(text: object) -> Text:
    """A DataTable cell or a Select prompt: literal, on one line, never wrapped."""
    return Text(visible(text, one_line=True), no_wrap=True, end="")
