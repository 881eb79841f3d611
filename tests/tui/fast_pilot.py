"""`pilot.pause()` and `pilot.press()` without waking every widget (tests only).

Textual's `Pilot._wait_for_screen` (run by every `pause()` and `press()`) posts a callback to
the app and to *every* node of the screen and waits until each has run it: a widget runs it
only after the messages queued before it, so when all have run, everything pending at the call
has been handled. On a meeting step (~1,000 nodes) each pause then wakes 1,000 message loops,
each dispatching the callback and an Idle event: measured, more than half the CPU of
test_change_and_back's walk (21.5 s of CPU, 9.9 s with this) and a quarter of a routine walk's.

A node that is blocked waiting for its first message on an empty queue has nothing pending and
is handling nothing, so waiting for it proves nothing: this version skips exactly those nodes
(the app and the screen are always waited for, as before). A node with a queued message, or in
the middle of handling one (its loop is not waiting), gets the callback as before. A widget
whose refresh is due is never skipped: `Widget.refresh()` and the other ways of asking for a
repaint, layout, scroll or style update all post a Prompt to an empty queue (`check_idle`).

To know that a loop is blocked on its empty queue, `textual._queue.Queue.get` marks the queue
`waiting` while it waits (the same code, plus the flag). Both replaced functions are checked
against the source they replace: on any other Textual version nothing is replaced (the tests
are slower, never wrong)."""

from __future__ import annotations

import asyncio
import hashlib
import inspect

from textual import _queue
from textual.pilot import Pilot, WaitForScreenTimeout

# sha256 (first 16 hex digits) of the replaced functions' source in Textual 8.2.8
_REPLACED = {"get": "14f47515ca1e71ad", "_wait_for_screen": "abd78ecad5040ed1"}


def _digest(function: object) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]  # type: ignore[arg-type]


async def _get(self):  # noqa: ANN001, ANN202 - textual._queue.Queue.get, marking the wait
    if not self.ready_event.is_set():
        self.waiting = True
        try:
            await self.ready_event.wait()
        finally:
            self.waiting = False
    value = self.values.popleft()
    if not self.values:
        self.ready_event.clear()
    return value


def _idle(node, app, screen) -> bool:  # noqa: ANN001
    """Blocked on an empty queue: nothing pending, nothing being handled."""
    if node is app or node is screen:
        return False
    queue = node._message_queue
    return getattr(queue, "waiting", False) and not queue.values


async def _wait_for_screen(self: Pilot, timeout: float = 30.0) -> bool:
    """Pilot._wait_for_screen, skipping idle nodes (see the module's docstring)."""
    try:
        screen = self.app.screen
    except Exception:  # noqa: BLE001 - as Textual's
        return False
    children = [self.app, *screen.walk_children(with_self=True)]
    count = 0
    count_zero_event = asyncio.Event()

    def decrement_counter() -> None:
        nonlocal count
        count -= 1
        if count == 0:
            count_zero_event.set()

    for child in children:
        if _idle(child, self.app, screen):
            continue
        if child.call_later(decrement_counter):
            count += 1

    if count:
        wait_for = [
            asyncio.create_task(count_zero_event.wait()),
            asyncio.create_task(self.app._exception_event.wait()),
        ]
        _, pending = await asyncio.wait(wait_for, timeout=timeout,
                                        return_when=asyncio.FIRST_COMPLETED)  # fmt: skip
        for task in pending:
            task.cancel()
        if len(wait_for) == len(pending):
            raise WaitForScreenTimeout(
                "Timed out while waiting for widgets to process pending messages."
            )
        if count > 0:
            return False
    return True


def install() -> bool:
    """Replace the two functions if they are the ones this was written against."""
    if _queue.Queue.get is _get:
        return True
    if (_digest(_queue.Queue.get), _digest(Pilot._wait_for_screen)) != (
        _REPLACED["get"],
        _REPLACED["_wait_for_screen"],
    ):
        return False
    _queue.Queue.get = _get  # type: ignore[method-assign]
    Pilot._wait_for_screen = _wait_for_screen  # type: ignore[method-assign]
    return True
