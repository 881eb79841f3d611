"""The header line: "title — subtitle" where the subtitle ("Sparat 18.59.01", "Inte sparat …")
is never the part cut off at 80 columns; a long title is shortened instead."""

from __future__ import annotations

from textual.app import App
from textual.content import Content
from textual.widgets import Header

from tui.compat import HeaderTitle

# Textual's Header: the icon (8 columns) on the left, the clock space (10) on the right.
HEADER_SIDES = 18
SEPARATOR = " — "


def fit_title(title: str, sub_title: str, width: int) -> Content:
    """Title and subtitle for a header `width` columns wide: the whole subtitle kept, the
    title shortened with "…" when both do not fit."""
    if not sub_title:
        return Content(title)
    room = width - HEADER_SIDES - len(SEPARATOR) - len(sub_title)
    if width > 0 and len(title) > room:
        title = title[: max(room - 1, 1)].rstrip() + "…"
    return Content.assemble(Content(title), (SEPARATOR, "dim"), Content(sub_title).stylize("dim"))


def refit_headers(app: App) -> None:
    """After a resize: the shown header re-fitted to the new width."""
    try:
        headers = list(app.screen.query(Header))
    except Exception:  # noqa: BLE001 - no screen yet, or the app is closing
        return
    for header in headers:
        for title in header.query(HeaderTitle):
            title.update(header.format_title())
