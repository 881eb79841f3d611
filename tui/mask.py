"""Skyddat läge (F2) inside free text: the names of the case's people in notes, accounts and
other typed text are shown masked on screen — "Maria: Morgnarna…" as "M••••: Morgnarna…".

Only the picture changes: the stored text and the field's value are untouched (an autosave
never writes a masked name). The mask keeps every name's length, so the cursor, the selection
and line wrapping in an editor are exactly where they are in the real text; that is why an
editor being typed in is masked too (nothing fights the cursor), and the leader in skyddat läge
sees "M••••" as soon as a known name is complete."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import TextArea

from tui.compat import RenderedInputValue, clear_line_cache

if TYPE_CHECKING:  # a mixin: typed as a TextArea, a plain class at run time (see compat)
    _TextArea = TextArea
else:
    _TextArea = object

MASK = "•"
_CACHE_SECONDS = 2.0


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """Whole names and each part of them (two letters or more), longest first, as words."""
    parts: set[str] = set()
    for name in names:
        name = " ".join((name or "").split())
        if not name:
            continue
        parts.add(name)
        parts.update(p for p in re.split(r"[\s\-]+", name) if len(p) >= 2)
    if not parts:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def mask_text(text: str, pattern: re.Pattern[str] | None) -> str:
    """Each name as its first letter and one MASK per further character (same length)."""
    if pattern is None or not text:
        return text
    return pattern.sub(
        lambda m: m[0][0] + "".join(" " if c == " " else MASK for c in m[0][1:]), text
    )


def case_names(app: Any) -> re.Pattern[str] | None:
    """The pattern for the case on screen (the top-most screen that shows one), or None when
    skyddat läge is off. Kept for a moment: it is asked for every line drawn."""
    settings = getattr(app, "settings", None)
    if settings is None or not getattr(settings, "privacy", False):
        return None
    case = None
    for screen in reversed(getattr(app, "screen_stack", [])):
        view = getattr(screen, "view", None)
        case = getattr(view, "case", None) or (view if hasattr(view, "guardians") else None)
        if case is not None:
            break
    if case is None:
        return None
    key = (id(app), getattr(case, "id", None))
    cached = _cache.get(key)
    now = time.monotonic()
    if cached is not None and now - cached[0] < _CACHE_SECONDS:
        return cached[1]
    names = [case.child_name]
    names += [p.name for p in getattr(case, "guardians", ())]
    names += [p.name for p in getattr(case, "participants", ())]
    pattern = name_pattern(names)
    _cache[key] = (now, pattern)
    return pattern


_cache: dict[tuple[int, Any], tuple[float, re.Pattern[str] | None]] = {}


def forget_names() -> None:
    """After the privacy toggle or a change of people: build the pattern again."""
    _cache.clear()


class MaskedTextArea(_TextArea):
    """Mixin for a TextArea (before it in the bases): names masked in the picture only."""

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        pattern = case_names(self.app)
        if pattern is None:
            return line
        masked = mask_text(line.plain, pattern)
        if masked == line.plain:
            return line
        out = Text(masked, end="", no_wrap=True)
        out.spans = list(line.spans)
        return out


class MaskedInput(RenderedInputValue):
    """Mixin for an Input (before it in the bases): names masked in the picture only."""

    def rendered_value(self, text: Text) -> Text:
        pattern = case_names(self.app)
        if pattern is None or self.password:
            return text
        masked = mask_text(text.plain, pattern)
        if masked == text.plain:
            return text
        out = Text(masked, no_wrap=True, overflow="ignore", end="")
        out.spans = list(text.spans)
        return out


def refresh_masks(app: Any) -> None:
    """Redraw every editor after the privacy toggle (a TextArea caches its drawn lines)."""
    forget_names()
    for screen in getattr(app, "screen_stack", []):
        for widget in screen.query("*"):
            if isinstance(widget, MaskedTextArea | MaskedInput):
                clear_line_cache(widget)
                widget.refresh()
