"""The faster `pilot.pause()` (tests/tui/fast_pilot.py) still waits for every widget that has
something pending, and is installed on this Textual."""

from __future__ import annotations

import asyncio

import fast_pilot
from textual.app import App, ComposeResult
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Static


class Slow(Message):
    pass


class Worker(Static):
    handled = 0

    async def on_slow(self, message: Slow) -> None:
        await asyncio.sleep(0.05)  # a handler that takes a while (and yields meanwhile)
        self.handled += 1


class Many(App):
    def compose(self) -> ComposeResult:
        for i in range(50):
            yield Worker(f"w{i}", id=f"w{i}")


def test_installed_on_this_textual():
    assert fast_pilot.install()
    assert Pilot._wait_for_screen is fast_pilot._wait_for_screen


async def test_pause_waits_for_queued_and_running_messages_of_any_widget():
    app = Many()
    async with app.run_test() as pilot:
        await pilot.pause()
        workers = list(app.query(Worker))
        idle = [w for w in workers if fast_pilot._idle(w, app, app.screen)]
        assert len(idle) == len(workers)  # all blocked on an empty queue: skipped
        for w in workers[::7]:
            w.post_message(Slow())
            w.post_message(Slow())  # one handled while the other waits in the queue
        await pilot.pause()
        assert [w.handled for w in workers[::7]] == [2] * len(workers[::7])
        workers[3].post_message(Slow())
        await asyncio.sleep(0.01)  # handling it now, its queue empty: not idle
        assert not fast_pilot._idle(workers[3], app, app.screen)
        await pilot.pause()
        assert workers[3].handled == 1


async def test_a_refresh_asked_from_outside_a_handler_is_painted_after_pause():
    app = Many()
    async with app.run_test() as pilot:
        await pilot.pause()
        w = app.query_one("#w5", Worker)
        w.update("ändrad")  # from the test, not from a message: Widget.refresh -> check_idle
        assert not fast_pilot._idle(w, app, app.screen)
        await pilot.pause()
        assert "ändrad" in app.export_screenshot()
