"""Debounced autosave: every pending edit is written within a second of the last key,
and at once when asked (leaving a field, changing step or screen, quitting, SIGHUP/SIGTERM)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable

DEBOUNCE_SECONDS = 0.6


class Autosaver:
    """Holds at most one pending save per field; `flush` writes them all."""

    def __init__(self, set_timer: Callable[[float, Callable[[], None]], object],
                 on_saved: Callable[[dt.datetime], None] | None = None) -> None:  # fmt: skip
        self._set_timer = set_timer
        self._on_saved = on_saved
        self._pending: dict[Hashable, Callable[[], bool]] = {}
        self._timer: object | None = None

    @property
    def pending(self) -> int:
        return len(self._pending)

    def schedule(self, key: Hashable, save: Callable[[], bool]) -> None:
        """Queue `save` (returns True when it stored, False on invalid input) for `key`."""
        self._pending[key] = save
        if self._timer is not None:
            self._timer.stop()  # type: ignore[attr-defined]
        self._timer = self._set_timer(DEBOUNCE_SECONDS, self.flush)

    def requeue(self, key: Hashable, save: Callable[[], bool]) -> None:
        """Queue a failed save again without arming the debounce timer, so it is retried on
        the next flush; an edit queued meanwhile is newer and wins."""
        self._pending.setdefault(key, save)

    def flush_key(self, key: Hashable) -> None:
        save = self._pending.pop(key, None)
        if save is not None and save() and self._on_saved:
            self._on_saved(dt.datetime.now())

    def flush(self) -> None:
        if self._timer is not None:
            self._timer.stop()  # type: ignore[attr-defined]
            self._timer = None
        saved = False
        while self._pending:
            key = next(iter(self._pending))
            save = self._pending.pop(key)
            saved = bool(save()) or saved
        if saved and self._on_saved:
            self._on_saved(dt.datetime.now())
