"""Rows to views, in one place: every view is built by keyword from the row's same-named
columns (so a field is listed in its table and its view, never again here)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, TypeVar, cast

from sqlmodel import SQLModel

from model.case_page import MeetingSummary
from model.routines import get_routine
from model.tables import (
    Account,
    Action,
    Attendance,
    Case,
    Consent,
    Deviation,
    Goal,
    Invitation,
    Meeting,
    Participant,
    RefusalDecision,
    StepNote,
)
from model.views import (
    AccountView,
    ActionView,
    AttendanceView,
    CaseView,
    ConsentView,
    DeviationView,
    GoalView,
    MeetingView,
    PersonView,
    RefusalView,
)

V = TypeVar("V")


@cache
def _copied(table: type[SQLModel], view: type, given: frozenset[str]) -> tuple[str, ...]:
    """The view's fields taken from the row's same-named columns. Every other field of the
    view must be given: a view field without a column of that name is a mistake, caught here
    rather than left at its default."""
    names = [f.name for f in dataclasses.fields(view) if f.name not in given]
    missing = [n for n in names if n not in table.model_fields]
    if missing:
        raise TypeError(f"{view.__name__}: {table.__name__} has no column {missing}")
    return tuple(names)


def build(view: type[V], row: SQLModel, **given: Any) -> V:
    """`view` from `row`'s columns of the same names, with `given` for the others."""
    names = _copied(type(row), cast(type, view), frozenset(given))
    return view(**{n: getattr(row, n) for n in names}, **given)


def person(p: Participant) -> PersonView:
    return build(PersonView, p, id=p.id or 0)


def consent(c: Consent) -> ConsentView:
    agencies = tuple(a for a in c.agencies.splitlines() if a.strip())
    return build(ConsentView, c, id=c.id or 0, agencies=agencies)


def deviation(d: Deviation) -> DeviationView:
    return build(DeviationView, d, id=d.id or 0)


def refusal(r: RefusalDecision) -> RefusalView:
    return build(RefusalView, r, id=r.id or 0)


def case_view(
    case: Case,
    people: Iterable[Participant],
    consents: Iterable[Consent],
    deviations: Iterable[Deviation],
    refusals: Iterable[RefusalDecision],
) -> CaseView:
    """The case with its active network (guardians apart), consents, deviations, refusals."""
    active = [person(p) for p in people if p.removed_on is None]
    return build(
        CaseView,
        case,
        id=case.id or 0,
        guardians=tuple(p for p in active if p.kind == "guardian"),
        participants=tuple(p for p in active if p.kind != "guardian"),
        consents=tuple(consent(c) for c in consents),
        deviations=tuple(deviation(d) for d in deviations),
        refusals=tuple(refusal(r) for r in refusals),
    )


def meeting_summary(m: Meeting) -> MeetingSummary:
    return build(MeetingSummary, m, id=m.id or 0, routine=get_routine(m.routine_id))


def meeting_view(
    m: Meeting,
    case: CaseView,
    *,
    people: Iterable[Participant],
    invitations: Sequence[Invitation],
    attendance: Iterable[Attendance],
    accounts: Iterable[Account],
    goals: Iterable[Goal],
    actions: Iterable[Action],
    notes: Iterable[StepNote],
    today: dt.date,
    previous_date: dt.date | None = None,
    later_meeting_held: bool = False,
) -> MeetingView:
    """The meeting with everything recorded in it; `today` is the store clock's day when it
    was read (what the view and the readiness checks take as today)."""
    who = {p.id: person(p) for p in people}
    return build(
        MeetingView,
        m,
        id=m.id or 0,
        case=case,
        routine=get_routine(m.routine_id),
        invitees=tuple(who[i.participant_id] for i in invitations if not i.next),
        next_invitees=tuple(who[i.participant_id] for i in invitations if i.next),
        attendance=tuple(
            build(AttendanceView, a, participant=who[a.participant_id]) for a in attendance
        ),
        accounts=tuple(build(AccountView, a, participant=who[a.participant_id]) for a in accounts),
        goals=tuple(build(GoalView, g, id=g.id or 0) for g in goals),
        actions=tuple(
            build(ActionView, a, id=a.id or 0, number=n) for n, a in enumerate(actions, start=1)
        ),
        notes={(n.step_id, n.field): n.text for n in notes},
        today=today,
        previous_date=previous_date,
        later_meeting_held=later_meeting_held,
    )
