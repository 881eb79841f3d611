"""What "today" and "now" are: one clock for the store, its views and the readiness checks.

The store takes a Clock (`Store(db, clock=...)`) and stamps every row and every view with it, so
a test or a demo freezes the date for all of them at once, without environment variables.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

# LOTSEN_FROZEN_CLOCK=1 (snapshots, demos) stops the meeting guide's minute counter; set to a
# date or a date and time ("2026-11-23", "2026-11-23T14:00") it also freezes the default clock.
FROZEN_ENV = "LOTSEN_FROZEN_CLOCK"


class Clock:
    """The system's local time, in whole seconds (as the database stores it)."""

    def now(self) -> dt.datetime:
        return dt.datetime.now().replace(microsecond=0)

    def today(self) -> dt.date:
        return self.now().date()


@dataclass(frozen=True)
class FixedClock(Clock):
    """A clock that always says the same time (tests, demos, snapshots)."""

    at: dt.datetime

    @classmethod
    def on(cls, day: dt.date, hour: int = 12) -> FixedClock:
        return cls(dt.datetime(day.year, day.month, day.day, hour))

    def now(self) -> dt.datetime:
        return self.at.replace(microsecond=0)


SYSTEM = Clock()


def default_clock() -> Clock:
    """The system clock, or the time LOTSEN_FROZEN_CLOCK names (a bare "1" only freezes the
    guide's minute counter, so it leaves this clock running)."""
    value = os.environ.get(FROZEN_ENV, "").strip()
    if len(value) >= 10:
        try:
            return FixedClock(dt.datetime.fromisoformat(value))
        except ValueError:
            pass
    return SYSTEM
