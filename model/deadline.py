"""The routine's deadline: the last allowed date for a meeting, given when it was agreed."""

from __future__ import annotations

import datetime as dt
from functools import cache

from model.routines import Deadline


@cache
def _swedish_holidays(year: int) -> frozenset[dt.date]:
    import holidays

    # Midsommarafton, julafton and nyårsafton are not public holidays in law but are
    # de facto days off in Swedish public services, so they are not working days either.
    days = holidays.country_holidays("SE", years=year)
    extra = {dt.date(year, 12, 24), dt.date(year, 12, 31)}
    june19 = dt.date(year, 6, 19)
    extra.add(june19 + dt.timedelta(days=(4 - june19.weekday()) % 7))  # Friday 19–25 June
    return frozenset(set(days) | extra)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _swedish_holidays(day.year)


def add_working_days(start: dt.date, count: int) -> dt.date:
    day = start
    while count > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def last_allowed_date(agreed_on: dt.date | None, deadline: Deadline) -> dt.date | None:
    """None when the routine sets no deadline or the agreement date is unknown."""
    if agreed_on is None or deadline.kind == "none":
        return None
    if deadline.kind == "working_days":
        return add_working_days(agreed_on, deadline.days)
    return agreed_on + dt.timedelta(days=deadline.days)
