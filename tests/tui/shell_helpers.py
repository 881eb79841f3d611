"""Helpers for the app's tests: the app with fresh settings, the screen as text, and waiting
for a condition (or typed text) instead of sleeping a fixed time."""

from __future__ import annotations

import datetime as dt
import html
import re
import time
import unicodedata
from collections.abc import Callable

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


async def until(pilot, ready: Callable[[], object], what: str = "", timeout: float = 30.0) -> None:  # noqa: ANN001
    """Let the app run until `ready()` holds; fail naming `what` after `timeout` seconds.
    Instead of a fixed `pilot.pause(x)`: as short as the app allows, as long as a loaded
    machine needs."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what or ready}")
        await pilot.pause(0.01)


def key_events(*keys: str) -> list:
    """The Key events `pilot.press(*keys)` sends (textual.app.App._press_keys), e.g.
    key_events(*"Hej!", "enter")."""
    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    out = []
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        original = REPLACED_KEYS.get(key, key)
        try:
            char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
        except KeyError:
            char = key if len(key) == 1 else None
        out.append(events.Key(key, char))
    return out


async def settle(pilot) -> None:  # noqa: ANN001
    """Until every message queue of the app and its screen is empty (keys forwarded to a
    widget handled by it, and what those posted in turn), then until the app is idle."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause()
        nodes = [app, *app.screen.walk_children(with_self=True)]
        if all(node._message_queue.empty() for node in nodes):
            return
    raise AssertionError("the app never stood still")


async def burst(pilot, *keys: str) -> None:  # noqa: ANN001
    """Press `keys` as one burst, as a terminal read delivers fast typing: every key reaches
    the app as a key event, in order, exactly as `pilot.press(*keys)` sends it, but with one
    wait after the last key instead of two idle waits (>= 40 ms each) after every key. For
    typing text where the test is not about what happens between two keys."""
    app = pilot.app
    for event in key_events(*keys):
        event.set_sender(app)
        app.post_message(event)
    await settle(pilot)
