"""The routine's deadline: the last allowed date for a meeting, given when it was agreed."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import cache

from model.routines import Deadline
from model.validation import in_date_range


class _NoCalendar(Exception):
    """The holiday calendar does not cover the year (the holidays library knows Swedish public
    holidays from 1953 to 2100); a working-day count there would be silently wrong."""


@cache
def _holiday_years() -> range:
    from holidays.countries import Sweden

    return range(Sweden.start_year, Sweden.end_year + 1)


@cache
def _swedish_holidays(year: int) -> frozenset[dt.date]:
    import holidays

    if year not in _holiday_years():
        raise _NoCalendar(year)
    # Midsommarafton, julafton and nyårsafton are not public holidays in law but are
    # de facto days off in Swedish public services, so they are not working days either.
    days = holidays.country_holidays("SE", years=year)
    extra = {dt.date(year, 12, 24), dt.date(year, 12, 31)}
    june19 = dt.date(year, 6, 19)
    extra.add(june19 + dt.timedelta(days=(4 - june19.weekday()) % 7))  # Friday 19–25 June
    return frozenset(set(days) | extra)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a holiday. Raises _NoCalendar outside 1953-2100."""
    return day.weekday() < 5 and day not in _swedish_holidays(day.year)


def add_working_days(start: dt.date, count: int) -> dt.date:
    day = start
    while count > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it is shorter (31 January + 1
    month: 28 or 29 February)."""
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(start.day, last))


def last_allowed_date(agreed_on: dt.date | None, deadline: Deadline) -> dt.date | None:
    """None when the routine sets no deadline or the agreement date is unknown, or when no
    right answer can be given: a date outside the years Lotsen accepts (1900-2100; an older
    database may hold 9999-12-31 or 0001-01-01, which used to overflow), or working days
    counted through years the holiday calendar does not cover."""
    if agreed_on is None or deadline.kind == "none" or not in_date_range(agreed_on):
        return None
    try:
        if deadline.kind == "working_days":
            return add_working_days(agreed_on, deadline.days)
        if deadline.kind == "months":
            return add_months(agreed_on, deadline.days)
        return agreed_on + dt.timedelta(days=deadline.days)
    except (OverflowError, ValueError, _NoCalendar):
        return None
