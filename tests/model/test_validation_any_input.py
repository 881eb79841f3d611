"""Whatever is typed or pasted, every validator and every store converter either accepts it and
gives clean text, or refuses it with InvalidInput and a Swedish message: never another
exception (ValueError, OverflowError, IndexError ...), which would crash the dialog."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import store as store_module
from model import validation as v

# Characters that broke or could break something: controls (C0, C1), bidi overrides and
# isolates, other format characters, line separators, lone surrogates, digits that are not
# 0-9 (superscript, full-width, Arabic-Indic, Devanagari, circled, Roman), invisible "letters".
NASTY = (
    "\x00\x01\x07\x08\x0b\x0c\x0d\x1b\x7f\x80\x85\x9b\x9f\t\n"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\u200b\u200c\u200d\u00ad\ufeff\u2060\u2061\u180e\ufff9\U000e0001\U000e0041\U0001d173"
    "\u2028\u2029\ud800\udfff\ufffe\uffff\u2800\u3164\u115f\ufe0f"
    "²³¹⁰２０٠١٢٣४५①Ⅻ五½"
    "0123456789-+/.: åäöÅÄÖ😀👨‍👩‍👧[]/\\\"'<>&"
)
nasty_text = st.text(st.sampled_from(NASTY) | st.characters(codec=None), max_size=40)
# Near-valid input: numbers, dates and times with Unicode digits (hypothesis's \d takes every
# decimal digit), far-off years and odd separators.
near_valid = st.one_of(
    st.from_regex(r"\A\d{6}(\d\d)?[-+]?\d{4}\Z"),
    st.from_regex(r"\A[0-9²٣３]{6,8}[-+ ]?[0-9²٣３]{4}\Z"),
    st.from_regex(r"\A\d{4}-\d{1,2}-\d{1,2}\Z"),
    st.from_regex(r"\A[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}\Z"),
    st.from_regex(r"\A\d{1,2}[/.]\d{1,2}([ /.-]+\d{2,4})?\Z"),
    st.from_regex(r"\A[0-9]{1,2}[/.][0-9]{1,2}[ /.-]+[0-9]{4}\Z"),
    st.from_regex(r"\A\d{8}\Z"),
    st.from_regex(r"\A\d{1,4}([.:]\d{1,2})?\Z"),
    st.from_regex(r"\A[0-9]{3,4}\Z"),
)
other_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(),
)
anything = st.one_of(nasty_text, near_valid, other_values)

SWEDISH = (" måste ", " ska ", " får ", " förstås ", " kan inte ", " finns ", " innehåller ", " har ",
           " stämmer ", " är ")  # fmt: skip
KEPT_FORMAT = {"\u200c", "\u200d"}  # ZWNJ, ZWJ


def stored_clean(text: str) -> bool:
    for ch in text:
        if ch in "\t\n":
            continue
        if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in "\ufffe\uffff":
            return False
        if unicodedata.category(ch) == "Cf" and ch not in KEPT_FORMAT:
            return False
    return unicodedata.is_normalized("NFC", text) and v.clean_text(text) == text


def check(convert: Callable[[Any], Any], value: Any, field: str) -> Any:
    """The converted value, or None after checking the refusal is a Swedish InvalidInput."""
    try:
        out = convert(value)
    except v.InvalidInput as err:
        message = str(err)
        assert err.field == field, (field, err.field, message)
        assert message and message == err.message and message.endswith("."), message
        assert any(word in message for word in SWEDISH), message
        return None
    if isinstance(out, str):
        assert stored_clean(out), (field, value, out)
    if isinstance(out, dt.date):
        assert v.in_date_range(out), (field, value, out)
    return out


CHOICES = {"principals": v.PRINCIPALS, "attendance": v.ATTENDANCE,
           "action_status": v.ACTION_STATUS, "goal_kinds": v.GOAL_KINDS,
           "consent_forms": v.CONSENT_FORMS, "participant_kinds": v.PARTICIPANT_KINDS}  # fmt: skip


def _choice(allowed: dict[str, str]) -> Callable[[Any], str]:
    return lambda x: v.choice(x, allowed, "f", "Valet")


VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "clean_text": v.clean_text,
    "required_name": lambda x: v.required_name(x, "f", "Namnet"),
    "personnummer": lambda x: v.personnummer(x, "f", today=dt.date(2026, 12, 4)),
    "parse_date": lambda x: v.parse_date(x, "f", "Datumet", today=dt.date(2026, 12, 4)),
    "parse_time": lambda x: v.parse_time(x, "f", "Tiden"),
    **{f"choice {name}": _choice(allowed) for name, allowed in CHOICES.items()},
}
CONVERTERS = {
    name: getattr(store_module, name)
    for name in (
        "CASE_FIELDS",
        "PARTICIPANT_FIELDS",
        "CONSENT_FIELDS",
        "MEETING_FIELDS",
        "GOAL_FIELDS",
        "ACTION_FIELDS",
        "DEVIATION_FIELDS",
        "REFUSAL_FIELDS",
        "ACCOUNT_FIELDS",
        "ATTENDANCE_FIELDS",
    )  # fmt: skip
}


def test_every_validator_and_converter_dict_is_covered():
    import inspect

    refusing = {
        name
        for name, fn in vars(v).items()
        if inspect.isfunction(fn) and not name.startswith("_") and "raise " in inspect.getsource(fn)
    }
    assert refusing == {n.split()[0] for n in VALIDATORS} - {"clean_text"}
    found = {n for n in dir(store_module) if n.endswith("_FIELDS") and isinstance(
        getattr(store_module, n), dict)}  # fmt: skip
    assert found == set(CONVERTERS)
    assert sum(len(spec) for spec in CONVERTERS.values()) > 80


@settings(max_examples=600, deadline=None)
@given(value=anything)
def test_any_input_to_any_validator_gives_a_value_or_a_swedish_refusal(value):
    for name, convert in VALIDATORS.items():
        out = check(convert, value, "f")
        if name == "clean_text":
            assert out == v.clean_text(out)  # idempotent
        elif name == "required_name" and out is not None:
            assert v.has_letter(out) and len(out) <= 200
        elif name == "personnummer" and out is not None:
            assert len(out) == 12 and out.isascii() and out.isdigit()
        elif name == "parse_time" and out:
            assert len(out) == 5 and out.isascii() and out[2] == "."


@settings(max_examples=400, deadline=None)
@given(value=anything)
def test_any_input_to_any_store_field_gives_a_value_or_a_swedish_refusal(value):
    for spec in CONVERTERS.values():
        for field, convert in spec.items():
            check(convert, value, field)


@pytest.mark.parametrize(
    "value",
    ["²²²²²²-²²²²", "31/12 9999", "9999-12-31", "0001-01-01", "١٤٣٠", "\u202e\u202e", "\x9b",
     "\u200b\u2800\u00ad\ufeff", "99999999999999999999", "-1", "0", "00000000-0000", "+", "/",
     "1" * 100_000, dt.date(9999, 12, 31), dt.date(1, 1, 1), float("nan"), 10**100],
)  # fmt: skip
def test_the_inputs_that_broke_lotsen_are_refused_or_cleaned_everywhere(value):
    for convert in VALIDATORS.values():
        check(convert, value, "f")
    for spec in CONVERTERS.values():
        for field, convert in spec.items():
            check(convert, value, field)
