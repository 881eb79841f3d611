"""Helpers for the app's tests: the app with fresh settings, and the screen as text."""

from __future__ import annotations

import datetime as dt
import html
import re

from model.db import Database
from model.settings import Settings

TODAY = dt.date(2026, 3, 2)
DEMO_NAMES = ["Elsa Nyström", "Maria Nyström", "Jonas Nyström", "Karin Ek", "Ahmed Hassan",
              "Lena Åkesson", "Per Öberg", "Sara Lind"]  # fmt: skip
DEMO_PNR = ["20150312-2382", "201503122382"]


def make_app(db: Database, clock=None, **settings):  # noqa: ANN001, ANN201
    from tui.app import LotsenApp

    app = LotsenApp(db, settings=Settings(**settings), clock=clock)
    return app


_TEXT = re.compile(r'<text[^>]*?y="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_text(app) -> str:  # noqa: ANN001
    """What the terminal shows, line by line (from the SVG screenshot)."""
    svg = app.export_screenshot()
    lines: dict[float, list[str]] = {}
    for y, content in _TEXT.findall(svg):
        lines.setdefault(float(y), []).append(html.unescape(re.sub(r"<[^>]+>", "", content)))
    return "\n".join("".join(parts).replace("\xa0", " ") for _, parts in sorted(lines.items()))
