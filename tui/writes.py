"""One write path for the whole UI: no database error ever reaches the crash handler.

The screens reach the store through `GuardedStore` (the app's `store`). Reads pass straight
through. A write that the database refuses (disk full, read-only, locked by another program,
the file moved or deleted: every `model.db.DatabaseError`) does not raise:

- a change of a value (`update_*`, `set_*`, a step change, starting or ending a meeting, …)
  is kept in the `Outbox`, keyed by what it changes, and tried again every few seconds and on
  every flush; a newer change of the same thing replaces it, so an old value never wins;
- a creation (`create_case`, `add_*`, `plan_meeting`) returns None: the screen keeps what was
  typed on screen and the leader can try again;
- either way the leader is told once, in Swedish, and the header says "Inte sparat" until
  everything is in the database again; quitting warns while anything is waiting.

Fields and form dialogs want the error themselves (to show it beside the field and keep the
dialog open): they call inside `raising()`, where errors pass through unchanged.
`InvalidInput` (bad input) always passes through: the screens show it beside the field.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from model.db import DatabaseError

# How long after a refused write the next automatic attempt waits (a locked database or a
# full disk rarely clears within a second; each attempt may wait for the busy timeout).
RETRY_SECONDS = 3.0

_raising: ContextVar[bool] = ContextVar("lotsen_raising", default=False)


@contextmanager
def raising() -> Iterator[None]:
    """Within this block the guarded store raises DatabaseError instead of queueing."""
    token = _raising.set(True)
    try:
        yield
    finally:
        _raising.reset(token)


def _first(name: str, args: tuple, kwargs: dict) -> Hashable:
    return (name, args[0] if args else None, tuple(sorted(kwargs)))


def _two(name: str, args: tuple, kwargs: dict) -> Hashable:
    return (name, *args[:2], tuple(sorted(kwargs)))


# What each write changes: the outbox keeps only the newest call per key.
_CHANGES: dict[str, Callable[[str, tuple, dict], Hashable]] = {
    "update_case": _first,
    "update_participant": _first,
    "update_consent": _first,
    "update_deviation": _first,
    "update_meeting": _first,
    "update_goal": _first,
    "update_action": _first,
    "set_attendance": _two,
    "set_account": _two,
    "set_signs": lambda n, a, k: (n, *a[:2]),  # (meeting_id, participant_id, signs)
    "set_note": lambda n, a, k: (n, a[0], a[1], k.get("field", a[3] if len(a) > 3 else "notes")),
    "set_current_step": lambda n, a, k: (n, a[0]),
    "set_invitees": lambda n, a, k: (n, a[0], bool(k.get("next", False))),
    "start_meeting": lambda n, a, k: ("meeting_state", a[0]),
    "end_meeting": lambda n, a, k: ("meeting_state", a[0]),
    "reopen_meeting": lambda n, a, k: ("meeting_state", a[0]),
    "close_case": lambda n, a, k: ("case_state", a[0]),
    "reopen_case": lambda n, a, k: ("case_state", a[0]),
    "revoke_consent": lambda n, a, k: (n, a[0]),
    "remove_participant": lambda n, a, k: (n, a[0]),
    "remove_walk_in": lambda n, a, k: (n, a[0], a[1]),
    "cancel_meeting": lambda n, a, k: ("meeting_state", a[0]),
    "move_meeting": lambda n, a, k: ("meeting_state", a[0]),
    "delete_goal": lambda n, a, k: (n, a[0]),
    "delete_action": lambda n, a, k: (n, a[0]),
    "delete_meeting": lambda n, a, k: (n, a[0]),
    "delete_case": lambda n, a, k: (n, a[0]),
}
_CREATES = frozenset(
    {
        "create_case",
        "add_participant",
        "add_guardian",
        "add_consent",
        "add_deviation",
        "add_refusal",
        "plan_meeting",
        "add_walk_in",
        "add_goal",
        "add_action",
    }
)
WRITES = frozenset(_CHANGES) | _CREATES


class Outbox:
    """Changes the database refused, newest per key, tried again in order."""

    def __init__(
        self, on_error: Callable[[DatabaseError], None], on_change: Callable[[], None]
    ) -> None:
        self._pending: dict[Hashable, Callable[[], Any]] = {}
        self._on_error = on_error
        self._on_change = on_change
        self.retry_after = 0.0
        self.last_error: DatabaseError | None = None

    def __len__(self) -> int:
        return len(self._pending)

    def failed(
        self,
        exc: DatabaseError,
        key: Hashable | None = None,
        call: Callable[[], Any] | None = None,
        *,
        notify: bool = True,
    ) -> None:
        """A write was refused; keep it (when it can be repeated) and tell the leader."""
        if key is not None and call is not None:
            self._pending.pop(key, None)
            self._pending[key] = call  # the newest change of the key goes last
        self.last_error = exc
        self.retry_after = time.monotonic() + RETRY_SECONDS
        if notify:
            self._on_error(exc)
        self._on_change()

    def superseded(self, key: Hashable) -> None:
        """A newer change of `key` reached the database: the queued one must never win."""
        if self._pending.pop(key, None) is not None:
            self._on_change()

    def succeeded(self) -> None:
        if self.last_error is not None and not self._pending:
            self.last_error = None
            self.retry_after = 0.0
            self._on_change()

    def blocked(self) -> float:
        """Seconds until the next automatic attempt, while the last refusal is recent:
        automatic saves wait instead of stalling the screen on a database that is still
        locked or full. 0.0 when writes may go ahead."""
        return max(0.0, self.retry_after - time.monotonic())

    def retry(self) -> bool:
        """Try every kept change in order; stop at the first refusal. True when empty."""
        while self._pending:
            key = next(iter(self._pending))
            call = self._pending[key]
            try:
                call()
            except DatabaseError as exc:
                self.last_error = exc
                self.retry_after = time.monotonic() + RETRY_SECONDS
                return False
            except Exception:  # noqa: BLE001 - e.g. the row was deleted meanwhile: drop it
                pass
            if self._pending.get(key) is call:
                del self._pending[key]
        self.last_error = None
        self.retry_after = 0.0
        self._on_change()
        return True


class GuardedStore:
    """The store as the screens see it: writes never raise DatabaseError (see module doc)."""

    def __init__(self, store: Any, outbox: Outbox) -> None:
        self._store = store
        self._outbox = outbox

    @property
    def raw(self) -> Any:
        return self._store

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if name not in WRITES or not callable(attr):
            return attr
        changes = _CHANGES.get(name)

        def write(*args: Any, **kwargs: Any) -> Any:
            key = changes(name, args, kwargs) if changes is not None else None
            if _raising.get():
                try:
                    result = attr(*args, **kwargs)
                except DatabaseError as exc:
                    self._outbox.failed(exc, notify=False)  # the caller shows it
                    raise
                if key is not None:
                    self._outbox.superseded(key)
                self._outbox.succeeded()
                return result
            try:
                result = attr(*args, **kwargs)
            except DatabaseError as exc:
                call = (lambda: attr(*args, **kwargs)) if key is not None else None
                self._outbox.failed(exc, key, call)
                return None
            if key is not None:
                self._outbox.superseded(key)
            self._outbox.succeeded()
            return result

        write.__name__ = name
        write.__doc__ = attr.__doc__
        return write
