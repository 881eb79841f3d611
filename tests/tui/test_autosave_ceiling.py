"""The autosave's ceiling: while keys keep coming (never a 0.6 s pause), an edit still reaches
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
    gaps = [rng.uniform(0.05, 0.3) for _ in range(200)]  # never a pause long enough to debounce
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
