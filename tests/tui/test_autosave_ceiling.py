"""The autosave's ceiling: while keys keep coming (never a 0.3 s pause), an edit still reaches
the database within MAX_WAIT_SECONDS, so a crash loses at most about a second of typing."""

from __future__ import annotations

import random

from tui.autosave import DEBOUNCE_SECONDS, MAX_WAIT_SECONDS, Autosaver


class FakeTimers:
    """set_timer on a clock the test moves forward."""

    def __init__(self) -> None:
        self.now = 0.0
        self.timers: list[list] = []  # [due, callback, live]

    def set_timer(self, delay, callback):  # noqa: ANN001, ANN201
        timer = [self.now + delay, callback, True]
        self.timers.append(timer)

        class Handle:
            def stop(self_inner) -> None:  # noqa: N805
                timer[2] = False

        return Handle()

    def advance(self, to: float) -> None:
        while True:
            due = [t for t in self.timers if t[2] and t[0] <= to]
            if not due:
                break
            first = min(due, key=lambda t: t[0])
            first[2] = False
            self.now = first[0]
            first[1]()
        self.now = to


def _typing(gaps: list[float], blocked=None) -> tuple[list[float], list[tuple[float, str]]]:
    """Type one character after each gap; returns the key times and (time, text) saves."""
    clock = FakeTimers()
    saves: list[tuple[float, str]] = []
    saver = Autosaver(clock.set_timer, blocked=blocked, clock=lambda: clock.now)
    text, keys, t = "", [], 0.0
    for gap in gaps:
        t += gap
        clock.advance(t)
        text += "x"
        keys.append(t)
        value = text
        saver.schedule("note", lambda value=value: saves.append((clock.now, value)) or True)
    clock.advance(t + 5)
    return keys, saves


def test_steady_typing_is_saved_at_least_every_max_wait():
    rng = random.Random(3)
    gaps = [rng.uniform(0.05, 0.25) for _ in range(200)]  # never a pause long enough to debounce
    keys, saves = _typing(gaps)
    assert saves[-1][1] == "x" * len(keys)  # the last key is saved too
    # For every key: the first save holding it came at most MAX_WAIT_SECONDS later.
    for i, typed_at in enumerate(keys, start=1):
        first = next(at for at, text in saves if len(text) >= i)
        assert first - typed_at <= MAX_WAIT_SECONDS + 1e-9, (i, typed_at, first)
    assert len(saves) < len(keys) / 2  # still debounced: not one write per key


def test_a_pause_saves_after_the_debounce_as_before():
    keys, saves = _typing([0.1])
    assert saves == [(keys[0] + DEBOUNCE_SECONDS, "x")]
    keys, saves = _typing([0.1, 0.1, 0.1])  # a burst: the ceiling comes before the debounce
    assert saves == [(min(keys[-1] + DEBOUNCE_SECONDS, keys[0] + MAX_WAIT_SECONDS), "xxx")]


def test_a_refused_write_a_moment_ago_makes_the_timer_wait_instead_of_stalling():
    waits = [2.0, 0.0]  # the database said no: wait 2 s once, then go ahead
    keys, saves = _typing([0.1], blocked=lambda: waits.pop(0) if waits else 0.0)
    assert saves == [(keys[0] + DEBOUNCE_SECONDS + 2.0, "x")]


async def test_a_save_that_is_already_due_still_happens_in_the_app():
    """Once the ceiling has passed, the next key arms a timer of 0 s. Textual's set_timer
    drops a one-shot timer that is late when its task starts (skip=True), which lost up to
    9 s of steady typing; the app's timer fires however late it is."""
    from textual.app import App

    from tui.autosave import never_skipped_timer

    app = App()
    async with app.run_test() as pilot:
        saves: list[str] = []
        clock = [0.0]
        saver = Autosaver(never_skipped_timer(app.call_next), clock=lambda: clock[0])
        saver.schedule("note", lambda: saves.append("a") is None)
        clock[0] = 10.0  # the loop was busy: the ceiling passed before the timer ran
        saver.schedule("note", lambda: saves.append("ab") is None)
        await pilot.pause(0.3)
        assert saves == ["ab"]
