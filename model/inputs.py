"""Input schemas: for each entity, the fields a caller may write and the Swedish rule for each.

One declaration per entity (`CASE`, `PARTICIPANT`, ...). A rule is called with the value and
the field's name, so a refusal (`validation.InvalidInput`) names the field it is about; the
rules only call `model.validation`, which holds the checks and their wording.

A `DatedRule` (a date, a personnummer) also needs the day the input is checked on: a date
typed without a year is in that year, a personnummer's birth day must not be after it.
`Spec.convert(values, today=...)` passes it on: the store gives its clock's day, the app its
own (the same clock).
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from model import validation as v
from model.routines import RoutineError, get_routine

Converter = Callable[[Any], Any]


class Rule(Protocol):
    def __call__(self, value: Any, field: str) -> Any: ...


class DatedRule(ABC):
    """A rule whose answer depends on the day the input is checked on (see the module)."""

    @abstractmethod
    def __call__(self, value: Any, field: str, *, today: dt.date) -> Any: ...


# -- the rules ----------------------------------------------------------------------------------
def text(value: Any, field: str) -> str:
    """Free text, newlines kept."""
    return v.clean_text(value)


def line(value: Any, field: str) -> str:
    """One line of text, trimmed."""
    return v.clean_text(value).strip()


def flag(value: Any, field: str) -> bool:
    return bool(value)


def maybe_flag(value: Any, field: str) -> bool | None:
    """Yes, no, or not yet known (None)."""
    return None if value is None else bool(value)


def routine(value: Any, field: str) -> str:
    try:
        return get_routine(v.clean_text(value).strip()).id
    except RoutineError as exc:
        raise v.InvalidInput(field, str(exc)) from None


def agencies(value: Any, field: str) -> str:
    """Verksamheter, one per line: from a list, or from text split at commas and newlines."""
    if isinstance(value, list | tuple):
        items = [v.clean_text(x).strip() for x in value]
    else:
        items = [x.strip() for x in v.clean_text(value).replace(",", "\n").splitlines()]
    return "\n".join(x for x in items if x)


@dataclass(frozen=True)
class Name:
    """A name that must be filled in."""

    label: str

    def __call__(self, value: Any, field: str) -> str:
        return v.required_name(value, field, self.label)


@dataclass(frozen=True)
class Personnummer(DatedRule):
    """A personnummer or samordningsnummer: its century and birth day checked on `today`."""

    def __call__(self, value: Any, field: str, *, today: dt.date) -> str | None:
        return v.personnummer(value, field, today=today)


@dataclass(frozen=True)
class Date(DatedRule):
    label: str
    required: bool = False

    def __call__(self, value: Any, field: str, *, today: dt.date) -> Any:
        day = v.parse_date(value, field, self.label, today=today)
        if day is None and self.required:
            raise v.InvalidInput(field, f"{self.label} måste fyllas i.")
        return day


@dataclass(frozen=True)
class Time:
    label: str

    def __call__(self, value: Any, field: str) -> str:
        return v.parse_time(value, field, self.label)


@dataclass(frozen=True)
class Choice:
    """One of `allowed` (code -> Swedish word); `fold` first trims and lower-cases the value."""

    allowed: dict[str, str]
    label: str
    fold: bool = False

    def __call__(self, value: Any, field: str) -> str:
        if self.fold:
            value = str(value or "").strip().lower()
        return v.choice(value, self.allowed, field, self.label)


# -- the schema of an entity --------------------------------------------------------------------
class Spec:
    """The writable fields of one entity, each with its rule: `Spec(name=Name("Namnet"), ...)`."""

    def __init__(self, **fields: Rule | DatedRule) -> None:
        self.fields: Mapping[str, Rule | DatedRule] = fields

    def __iter__(self) -> Iterator[str]:
        return iter(self.fields)

    def convert(self, values: Mapping[str, Any], *, today: dt.date) -> dict[str, Any]:
        """Every value as it will be stored, checked on the day `today`; an unknown field is
        refused in Swedish."""
        out = {}
        for key, value in values.items():
            rule = self.fields.get(key)
            if rule is None:
                raise v.InvalidInput(key, f"Fältet '{key}' finns inte.")
            out[key] = convert(rule, value, key, today)
        return out

    def converters(self, today: Callable[[], dt.date]) -> dict[str, Converter]:
        """field -> one-argument converter (the form older callers and tests use); a dated
        rule asks `today()` for the day each time it converts."""
        return {key: _one_argument(rule, key, today) for key, rule in self.fields.items()}


def convert(rule: Rule | DatedRule, value: Any, field: str, today: dt.date) -> Any:
    """One value through its rule, on the day `today`."""
    if isinstance(rule, DatedRule):
        return rule(value, field, today=today)
    return rule(value, field)


def _one_argument(rule: Rule | DatedRule, field: str, today: Callable[[], dt.date]) -> Converter:
    if isinstance(rule, DatedRule):
        return lambda value: rule(value, field, today=today())
    return partial(rule, field=field)


CASE = Spec(
    child_name=Name("Barnets namn"),
    personnummer=Personnummer(),
    school=line,
    school_class=line,
    interpreter_needed=flag,
    interpreter_language=line,
    routine_id=routine,
    closing_reason=text,
    family_told_if_worse=flag,
    if_worse_plan=text,
    coordinator_1=line,
    coordinator_2=line,
    contact_person=line,
    spokesperson=line,
    spokesperson_relation=line,
)
PARTICIPANT = Spec(
    name=Name("Namnet"),
    kind=Choice(v.PARTICIPANT_KINDS, "Typ"),
    organisation=line,
    role=line,
    principal=Choice(v.PRINCIPALS, "Huvudman", fold=True),
    phone=line,
    email=line,
    address=text,
)
CONSENT = Spec(
    given_by=Name("Vem som gav samtycket"),
    given_on=Date("Datum för samtycket", required=True),
    form=Choice(v.CONSENT_FORMS, "Form"),
    agencies=agencies,
    information_kinds=text,
    exclusions=text,
    valid_until=Date("Giltigt till"),
    revoked_on=Date("Återkallat den"),
)
MEETING = Spec(
    routine_id=routine,
    planned_date=Date("Mötesdatum"),
    planned_time=Time("Tiden"),
    place=line,
    question=text,
    agreed_on=Date("Datum då mötet bestämdes"),
    current_step=line,
    leader=line,
    note_taker=line,
    convener=line,
    confidentiality_covered=flag,
    child_present=maybe_flag,
    child_absence_reason=text,
    child_signed=flag,
    family_story_child=text,
    family_story_guardians=text,
    family_contribution=text,
    child_contribution=text,
    child_view=text,
    guardians_view=text,
    lead_organisation=line,
    coordinator=line,
    contact_person=line,
    childs_voice=line,
    next_date=Date("Datum för nästa möte"),
    next_time=Time("Tiden för nästa möte"),
    next_place=line,
    next_convener=line,
    held_on=Date("Datum då mötet hölls"),
    lead_principal=Choice(v.LEAD_PRINCIPALS, "Huvudansvar för planen", fold=True),
    coordinator_phone=line,
    coordinator_email=line,
)
GOAL = Spec(
    kind=Choice(v.GOAL_KINDS, "Typ av mål"),
    text=text,
    progress=text,
)
ACTION = Spec(
    what=text,
    need=text,
    responsible_org=line,
    responsible_person=line,
    scope=text,
    how=text,
    start=line,
    frequency=line,
    follow_up_on=Date("Datum för uppföljning"),
    status=Choice(v.ACTION_STATUS, "Status"),
    result=text,
    principal=Choice(v.ACTION_PRINCIPALS, "Huvudman", fold=True),
    follow_up_how=text,
    child_words=text,
)
DEVIATION = Spec(
    action_text=text,
    what_went_wrong=text,
    reported_to=line,
    reported_by=line,
    reported_on=Date("Datum för rapporten"),
)
REFUSAL = Spec(
    agency=Name("Verksamheten"),
    decision=text,
    reasons=text,
    decided_on=Date("Datum för beslutet"),
)
ACCOUNT = Spec(
    assessments=text,
    interventions=text,
    written=flag,
)
ATTENDANCE = Spec(
    status=Choice(v.ATTENDANCE, "Närvaro"),
    reason=text,
    signed=flag,
    received_copy=flag,
    signs=maybe_flag,
)
