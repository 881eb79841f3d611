"""Debounced autosave with a ceiling: an edit is written 0.3 s after the last key, and while
keys keep coming at least every `MAX_WAIT_SECONDS` (0.5 s), so a crash or a pulled plug loses at most
about a second of steady typing. Everything pending is written at once when asked (leaving a
field, changing step or screen, quitting, SIGHUP/SIGTERM)."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import weakref
from collections.abc import Callable, Hashable
from typing import Any, Protocol

DEBOUNCE_SECONDS = 0.3
# The longest an edit waits while typing goes on: well inside the one second the leader may
# lose, leaving room for the commit itself (fsync) on a slow disk.
MAX_WAIT_SECONDS = 0.5


class _LoopTimer:
    def __init__(self, handle: asyncio.TimerHandle) -> None:
        self._handle = handle

    def stop(self) -> None:
        self._handle.cancel()


def never_skipped_timer(
    call_next: Callable[[Callable[[], None]], object],
) -> Callable[[float, Callable[[], None]], _LoopTimer]:
    """A `set_timer` whose timer always fires, however late.

    Textual's `set_timer` makes a one-shot Timer with skip=True: when the event loop was busy
    past the due time before the timer's task first ran (a commit on a slow disk, a big
    redraw, a loaded machine), the timer *never fires* (textual/timer.py, `Timer._run`). For
    the debounce with its ceiling, whose delay is often close to zero, that dropped saves
    until the next pause: 5-9 s of steady typing lost to a SIGKILL in the pty test. This one
    is asyncio's `call_later`, handing the callback to the app's message queue (`call_next`)
    so it runs in the app's context with its error handling, after keys already received."""

    def set_timer(delay: float, callback: Callable[[], None]) -> _LoopTimer:
        loop = asyncio.get_running_loop()
        return _LoopTimer(loop.call_later(max(0.0, delay), call_next, callback))

    return set_timer


class Stoppable(Protocol):
    """A timer as `set_timer` returns it (Textual's Timer, or a test's)."""

    def stop(self) -> object: ...


class Autosaver:
    """Holds at most one pending save per field; `flush` writes them all.

    `blocked()` (optional) says the database refused a write a moment ago: automatic flushes
    then wait until it has had time to clear instead of stalling the screen on every key;
    `flush(force=True)` (quitting, signals, changing screen) always tries.
    """

    def __init__(
        self,
        set_timer: Callable[[float, Callable[[], None]], Stoppable],
        on_saved: Callable[[dt.datetime], None] | None = None,
        *,
        blocked: Callable[[], float] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._set_timer = set_timer
        self._on_saved = on_saved
        self._blocked = blocked
        self._clock = clock
        self._pending: dict[Hashable, Callable[[], bool]] = {}
        self._timer: Stoppable | None = None
        self._oldest: float | None = None  # when the oldest unsaved edit was queued
        # Fields whose latest text is not in the database because their last save failed
        # (tui.widgets.fields): their text exists only on the screen until a save works.
        self.refused: weakref.WeakSet[Any] = weakref.WeakSet()
        # The last save failure told as a notification, and when (told once, not per field).
        self.last_notice: tuple[str, float] = ("", 0.0)

    @property
    def pending(self) -> int:
        return len(self._pending)

    def _arm(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._set_timer(max(0.0, delay), self._on_timer)

    def schedule(self, key: Hashable, save: Callable[[], bool]) -> None:
        """Queue `save` (returns True when it stored, False on invalid input) for `key`."""
        now = self._clock()
        if self._oldest is None:
            self._oldest = now
        self._pending[key] = save
        self._arm(min(DEBOUNCE_SECONDS, self._oldest + MAX_WAIT_SECONDS - now))

    def requeue(self, key: Hashable, save: Callable[[], bool]) -> None:
        """Queue a failed save again without arming the debounce timer, so it is retried on
        the next flush; an edit queued meanwhile is newer and wins."""
        self._pending.setdefault(key, save)
        if self._oldest is None:
            self._oldest = self._clock()

    def flush_key(self, key: Hashable) -> None:
        save = self._pending.pop(key, None)
        if not self._pending:
            self._oldest = None
        if save is not None and save() and self._on_saved:
            self._on_saved(dt.datetime.now())

    def _on_timer(self) -> None:
        self._timer = None
        wait = self._blocked() if self._blocked is not None else 0.0
        if wait > 0 and self._pending:
            self._arm(wait)  # the database said no a moment ago: try when it may have cleared
            return
        self.flush()

    def flush(self, force: bool = True) -> None:
        """Write every pending edit now (each tried once: a failed one queues itself again
        through `requeue`, after this flush)."""
        if not force and self._blocked is not None and self._blocked() > 0:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        saved = False
        while self._pending:
            key = next(iter(self._pending))
            save = self._pending.pop(key)
            saved = bool(save()) or saved
        self._oldest = None
        if saved and self._on_saved:
            self._on_saved(dt.datetime.now())
