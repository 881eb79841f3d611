"""The last allowed date for a meeting: 3 weeks (Västbus) or 10 Swedish working days (Norrbus)."""

from __future__ import annotations

import datetime as dt

import pytest

from model.deadline import add_working_days, is_working_day, last_allowed_date
from model.routines import Deadline, get_routine

D = dt.date
TEN = Deadline("working_days", 10)


def test_routines_carry_the_two_rules():
    assert get_routine("forsta_natverksmote").deadline == TEN
    assert get_routine("forsta_natverksmote_vastbus").deadline == Deadline("calendar_days", 21)
    assert get_routine("uppfoljande_lotsmote").deadline.kind == "none"


def test_three_weeks_is_calendar_days_even_over_christmas():
    vastbus = get_routine("forsta_natverksmote_vastbus").deadline
    assert last_allowed_date(D(2026, 12, 15), vastbus) == D(2027, 1, 5)
    assert last_allowed_date(D(2026, 3, 2), vastbus) == D(2026, 3, 23)


@pytest.mark.parametrize(
    ("agreed", "last"),
    [
        (D(2026, 3, 2), D(2026, 3, 16)),  # an ordinary fortnight
        (D(2026, 3, 6), D(2026, 3, 20)),  # agreed on a Friday
        # Christmas/New Year 2026: 24 (julafton), 25, 31 (nyårsafton), 1 Jan, 6 Jan off.
        (D(2026, 12, 17), D(2027, 1, 7)),
        # Easter 2026: Långfredag 3 April and Annandag påsk 6 April off.
        (D(2026, 3, 27), D(2026, 4, 14)),
        # Midsommar 2026: midsommarafton Friday 19 June off (midsommardagen is a Saturday).
        (D(2026, 6, 12), D(2026, 6, 29)),
        # Kristi himmelsfärd (Thursday 14 May 2026) and 1 May.
        (D(2026, 4, 30), D(2026, 5, 18)),
        # Nationaldagen 6 June 2025 is a Friday.
        (D(2025, 6, 2), D(2025, 6, 17)),
    ],
)
def test_ten_working_days(agreed, last):
    assert last_allowed_date(agreed, TEN) == last


def test_non_working_days_named_in_the_rule():
    for day in (D(2026, 12, 24), D(2026, 12, 25), D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 6),
                D(2026, 4, 3), D(2026, 4, 6), D(2026, 6, 19), D(2026, 5, 1), D(2026, 5, 14),
                D(2025, 6, 6), D(2025, 6, 20), D(2026, 3, 7), D(2026, 3, 8)):  # fmt: skip
        assert not is_working_day(day), day
    for day in (D(2026, 12, 23), D(2026, 12, 28), D(2026, 4, 2), D(2026, 4, 7), D(2026, 6, 18),
                D(2026, 6, 22), D(2027, 1, 7)):  # fmt: skip
        assert is_working_day(day), day


def test_no_rule_or_no_agreement_date_gives_none():
    assert last_allowed_date(None, TEN) is None
    assert last_allowed_date(D(2026, 1, 1), Deadline()) is None
    assert add_working_days(D(2026, 3, 2), 0) == D(2026, 3, 2)


@pytest.mark.parametrize(
    "rule", [TEN, Deadline("calendar_days", 21), Deadline("working_days", 1000)]
)
@pytest.mark.parametrize("agreed", [D(9999, 12, 31), D(9999, 12, 20), D(1, 1, 1), D(1899, 12, 31),
                                    D(2101, 1, 1)])  # fmt: skip
def test_a_stored_date_outside_1900_to_2100_gives_no_deadline_instead_of_a_crash(agreed, rule):
    # An older database may hold "Mötet bestämdes den" 31/12 9999 (it used to be accepted and
    # then crashed the planning screen on every open: the date arithmetic overflowed).
    assert last_allowed_date(agreed, rule) is None


def test_the_edges_of_the_accepted_years_give_a_deadline_only_where_it_can_be_right():
    # Calendar days need no calendar: any accepted year works.
    assert last_allowed_date(D(1900, 1, 1), Deadline("calendar_days", 21)) == D(1900, 1, 22)
    assert last_allowed_date(D(2100, 12, 31), Deadline("calendar_days", 21)) == D(2101, 1, 21)
    # Working days need the holiday calendar, which covers 1953-2100: no guessed deadline
    # that would count trettondedag jul 2101 as a working day.
    assert last_allowed_date(D(2100, 12, 1), TEN) == D(2100, 12, 15)
    assert last_allowed_date(D(2100, 12, 31), TEN) is None
    assert last_allowed_date(D(1930, 5, 5), TEN) is None
