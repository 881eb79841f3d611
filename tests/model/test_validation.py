"""Input at the model's edge: Swedish messages naming the field; text stored clean."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import luhn

from model.validation import (
    InvalidInput,
    clean_text,
    format_personnummer,
    parse_date,
    parse_time,
    personnummer,
    required_name,
)

TODAY = dt.date.today()


def _with_check(nine: str) -> str:
    return nine + luhn.calc_check_digit(nine)


@st.composite
def numbers(draw):
    """(as typed, the 12 digits it must become) for any valid personnummer/samordningsnummer."""
    born = draw(st.dates(min_value=dt.date(1905, 1, 1), max_value=TODAY))
    coordination = draw(st.booleans())
    serial = draw(st.integers(0, 999))
    day = born.day + (60 if coordination else 0)
    ten = _with_check(f"{born.year % 100:02d}{born.month:02d}{day:02d}{serial:03d}")
    twelve = f"{born.year // 100:02d}{ten}"
    hundred = (TODAY.year - born.year, TODAY.month, TODAY.day) >= (100, born.month, born.day)
    forms = [twelve, f"{twelve[:8]}-{twelve[8:]}", f" {twelve[:8]} - {twelve[8:]} "]
    forms.append(f"{ten[:6]}+{ten[6:]}" if hundred else f"{ten[:6]}-{ten[6:]}")
    if not hundred:
        forms.append(ten)
    return draw(st.sampled_from(forms)), twelve


@given(numbers())
def test_any_valid_number_round_trips_to_twelve_digits(case):
    typed, twelve = case
    assert personnummer(typed) == twelve
    assert format_personnummer(twelve) == f"{twelve[:8]}-{twelve[8:]}"


def test_known_numbers():
    assert personnummer("20150312-2382") == "201503122382"
    assert personnummer("150312-2382") == "201503122382"
    assert personnummer("121212+1212") == "191212121212"  # + : a hundred years or more
    assert personnummer("121212-1212") == "201212121212"
    assert personnummer("701063-2391") == "197010632391"  # samordningsnummer: day 3 + 60
    assert personnummer("") is None and personnummer(None) is None


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("20150312-2383", "kontrollsiffran"),
        ("20151312-2386", "giltigt datum"),
        ("150231-2386", "giltigt datum"),
        ("701093-2391", "Samordningsnumret innehåller inget giltigt datum"),
        ("20150312238", "10 eller 12 siffror"),
        ("2015-03122382", "10 eller 12 siffror"),
        ("150312--2382", "10 eller 12 siffror"),
        ("15O312-2382", "10 eller 12 siffror"),
        ("20991231-0000", "framtiden"),
    ],
)
def test_bad_numbers_say_why_and_name_the_field(typed, words):
    with pytest.raises(InvalidInput) as err:
        personnummer(typed, "child_pnr")
    assert err.value.field == "child_pnr" and words in str(err.value)


def test_bad_personnummer_through_the_store_names_the_field(store):
    with pytest.raises(InvalidInput) as err:
        store.create_case("Elsa", personnummer="20150312-2383")
    assert err.value.field == "personnummer"


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-11-23", dt.date(2026, 11, 23)),
        ("2026-1-5", dt.date(2026, 1, 5)),
        ("23/11 2026", dt.date(2026, 11, 23)),
        ("23/11-26", dt.date(2026, 11, 23)),
        ("23.11.2026", dt.date(2026, 11, 23)),
        ("20261123", dt.date(2026, 11, 23)),
        ("23/11", dt.date(TODAY.year, 11, 23)),
        ("  1/2 ", dt.date(TODAY.year, 2, 1)),
        (dt.date(2026, 1, 2), dt.date(2026, 1, 2)),
        (dt.datetime(2026, 1, 2, 9, 30), dt.date(2026, 1, 2)),
        ("", None),
    ],
)
def test_dates_as_swedes_type_them(typed, day):
    assert parse_date(typed) == day


@pytest.mark.parametrize(("typed", "words"), [("31/2 2026", "finns inte i kalendern"),
                                              ("igår", "förstås inte"), ("2026-13-01", "kalendern")])  # fmt: skip
def test_bad_dates_name_the_field(store, typed, words):
    cid = store.create_case("Elsa")
    with pytest.raises(InvalidInput) as err:
        store.plan_meeting(cid, "forsta_natverksmote", planned_date=typed)
    assert err.value.field == "planned_date" and words in str(err.value)
    assert "Mötesdatum" in str(err.value)


@pytest.mark.parametrize(("typed", "out"), [("14.30", "14.30"), ("14:30", "14.30"),
                                            ("1430", "14.30"), ("930", "09.30"), ("9", "09.00"),
                                            ("", "")])  # fmt: skip
def test_times(typed, out):
    assert parse_time(typed) == out


@pytest.mark.parametrize("typed", ["24.00", "14.60", "halv tre", "14.3"])
def test_bad_times(typed):
    with pytest.raises(InvalidInput) as err:
        parse_time(typed, "planned_time")
    assert err.value.field == "planned_time"


@pytest.mark.parametrize("name", ["", "   ", "\x00\x01", None])
def test_required_names_are_not_empty(store, name):
    with pytest.raises(InvalidInput) as err:
        store.create_case(name)
    assert err.value.field == "child_name" and "måste fyllas i" in str(err.value)
    cid = store.create_case("Elsa")
    with pytest.raises(InvalidInput) as err:
        store.add_participant(cid, name)
    assert err.value.field == "name"
    with pytest.raises(InvalidInput) as err:
        store.add_consent(cid, name, "2026-01-01")
    assert err.value.field == "given_by"


def test_too_long_name():
    with pytest.raises(InvalidInput, match="för långt"):
        required_name("x" * 201, "name", "Namnet")


def test_clean_text_keeps_swedish_newlines_and_emoji_and_drops_control_characters():
    assert (
        clean_text("Åsa och Örjan äter 🍎\nrad två\ttabb") == "Åsa och Örjan äter 🍎\nrad två\ttabb"
    )
    assert clean_text("a\r\nb\rc") == "a\nb\nc"
    assert clean_text("bell\x07 nul\x00 esc\x1b del\x7f") == "bell nul esc del"
    assert clean_text("lone \ud800 surrogate \udfff") == "lone  surrogate "
    assert clean_text("A\u030a") == "Å"  # decomposed Å stored composed
    assert clean_text(None) == ""


@given(st.text())
def test_clean_text_is_idempotent(text):
    assert clean_text(clean_text(text)) == clean_text(text)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=st.characters(codec=None), max_size=300))
def test_any_text_survives_set_note(store, text):
    mid = _meeting(store)
    store.set_note(mid, "dialog", text)
    assert store.get_meeting(mid).note("dialog") == clean_text(text)


def _meeting(store) -> int:
    if not hasattr(store, "_test_mid"):
        store._test_mid = store.plan_meeting(store.create_case("Elsa"), "forsta_natverksmote")
    return store._test_mid


def test_one_megabyte_note_is_accepted(store):
    mid = _meeting(store)
    big = ("Familjen berättar om hösten, åäö 😀.\n" * 40000)[: 1024 * 1024]
    store.set_note(mid, "familjen", big)
    assert store.get_meeting(mid).note("familjen") == big
    assert len(big.encode()) > 1_000_000
