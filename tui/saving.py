"""The app's saving: the store behind the one write path, the header's "Sparat …" and the
changes the database refused, tried again."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import TYPE_CHECKING

from textual.app import App
from textual.reactive import Reactive

from model.clock import Clock
from model.db import Database, DatabaseError
from tui.autosave import Autosaver, never_skipped_timer
from tui.compat import title_reactive
from tui.writes import GuardedStore, Outbox

if TYPE_CHECKING:
    from model.store import Store

# How long a write waits for another program (an antivirus scan, a backup tool) to release the
# database before Lotsen keeps the change aside and tries again: the screen stalls that long.
APP_BUSY_TIMEOUT_MS = 1500
# While the database keeps refusing (still locked), attempts wait only this long, so typing
# and moving on stay fluid; the first success brings the full wait back.
REFUSING_BUSY_TIMEOUT_MS = 50
# Notices about refused writes: the same message at most once in this many seconds.
NOTICE_QUIET_SECONDS = 10.0


class SavingApp(App[None]):
    """The saving half of LotsenApp (set up by `_init_saving` in its __init__)."""

    # "Sparat hh.mm.ss" after every save repaints the header's title, not the whole screen.
    sub_title: Reactive[str] = title_reactive()

    db: Database
    clock: Clock

    def _init_saving(self) -> None:
        self._store: Store | None = None
        self._guarded: GuardedStore | None = None
        self._store_lock = threading.Lock()
        self.outbox = Outbox(self._write_refused, self._refresh_save_status)
        self.autosaver = Autosaver(
            never_skipped_timer(self.call_next), self._saved, blocked=self.outbox.blocked
        )
        self._last_refusal: tuple[str, float] = ("", 0.0)
        self._last_saved: dt.datetime | None = None
        self._busy_timeout_ms = 0
        self._set_busy_timeout(APP_BUSY_TIMEOUT_MS)

    # -- the store is loaded after the first paint --------------------------------------------
    @property
    def store(self) -> Store:
        """The store as the screens use it: reads as they are, writes through the one write
        path (tui/writes.py) that never lets a database error crash the app. If the
        background load has not finished, load it now."""
        if self._guarded is None:
            with self._store_lock:
                if self._store is None:
                    from model.store import Store

                    self._store = Store(self.db, clock=self.clock)
                if self._guarded is None:
                    self._guarded = GuardedStore(self._store, self.outbox)
        return self._guarded  # type: ignore[return-value]  # a Store to its callers

    # -- saving -------------------------------------------------------------------------------
    def unsaved_count(self) -> int:
        """Changes that exist only on the screen because the database refused them."""
        return len(self.outbox) + len(self.autosaver.refused)

    def _saved(self, when: dt.datetime) -> None:
        self._last_saved = when
        self._refresh_save_status()

    def _set_busy_timeout(self, ms: int) -> None:
        if ms == self._busy_timeout_ms:
            return
        try:
            self.db.set_busy_timeout(ms)
            self._busy_timeout_ms = ms
        except Exception:  # noqa: BLE001 - a damaged file is reported after the first paint
            pass

    def _refresh_save_status(self) -> None:
        """The header tells the truth: "Sparat" only when nothing is waiting."""
        refusing = self.outbox.last_error is not None
        self._set_busy_timeout(REFUSING_BUSY_TIMEOUT_MS if refusing else APP_BUSY_TIMEOUT_MS)
        if self.unsaved_count():
            self.sub_title = "Inte sparat – Lotsen försöker igen"
        elif self._last_saved is not None:
            self.sub_title = f"Sparat {self._last_saved:%H.%M.%S}"

    def _write_refused(self, exc: DatabaseError) -> None:
        message = f"Kunde inte spara: {exc}"
        now = time.monotonic()
        last, when = self._last_refusal
        if message != last or now - when > NOTICE_QUIET_SECONDS:
            self._last_refusal = (message, now)
            self.notify(message, severity="error", timeout=20, markup=False)

    def _retry_writes(self) -> None:
        """Every second: changes the database refused are tried again once it may accept
        them (never more often than the back-off allows)."""
        if self.outbox.blocked() > 0 or not self.unsaved_count():
            return
        self.outbox.retry()
        self.autosaver.flush(force=False)
        self._refresh_save_status()

    def mark_saved(self) -> None:
        """For direct (not debounced) saves: checkboxes, attendance keys, a status choice."""
        self._saved(dt.datetime.now())

    def flush_saves(self) -> None:
        """Write everything pending now; changes refused earlier are tried again first."""
        if len(self.outbox):
            self.outbox.retry()
        self.autosaver.flush()

    def flush_saves_from_thread(self) -> None:
        try:
            self.call_from_thread(self.flush_saves)
        except RuntimeError:
            pass
