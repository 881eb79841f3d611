"""Att göra: everything in an open case that has a date, overdue first.

Pure: plain rows (CaseDates, built from views by `from_views` or read in bulk by
model.due_read) and a day in, DueItems out. The rules:

- a meeting agreed but not yet held, whose routine sets a deadline ([deadline] in the routine
  file): held by the last allowed day (shown when the meeting has no date yet, or is planned
  after that day);
- a planned meeting (not held, not cancelled): its date;
- the next meeting the last held meeting agreed on, while no later meeting is planned;
- an action of the current plan, planned or ongoing, with a follow-up date;
- a consent that ends within CONSENT_NOTICE_DAYS, or has ended (not revoked, and not renewed
  by a later consent from the same person);
- the routine's own dates after one of its meetings was held ([[due]] in the routine file,
  e.g. Västbas: lift to the elevhälsoteam within 2 months, evaluation at 6 months).

A closed case has nothing to do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from model.deadline import last_allowed_date
from model.routines import Routine, routines

CONSENT_NOTICE_DAYS = 30
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")  # fmt: skip
SHORT_MONTHS = ("jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov",
                "dec")  # fmt: skip


class MeetingDates(NamedTuple):
    id: int
    routine_id: str
    planned_date: dt.date | None = None
    agreed_on: dt.date | None = None
    held_on: dt.date | None = None  # the day it was held (None: not held)
    cancelled: bool = False
    next_date: dt.date | None = None


class ActionDates(NamedTuple):
    """An action of the case's current plan."""

    id: int
    number: int
    what: str
    follow_up_on: dt.date | None
    status: str


class ConsentDates(NamedTuple):
    id: int
    given_by: str
    given_on: dt.date | None
    valid_until: dt.date | None
    revoked_on: dt.date | None


class CaseDates(NamedTuple):
    id: int
    child_name: str
    status: str
    meetings: tuple[MeetingDates, ...] = ()
    actions: tuple[ActionDates, ...] = ()
    consents: tuple[ConsentDates, ...] = ()


class DueItem(NamedTuple):
    """One thing to do by a day. `tab` is the case screen's tab that shows it. Items sort as
    tuples: by day, then the kind's rank (a meeting before the actions followed up at it)."""

    on: dt.date
    rank: int  # _KIND_ORDER of kind
    case_id: int
    ref_id: int  # the meeting, action or consent
    kind: str  # deadline | meeting | next_meeting | action | consent | rule
    text: str  # the whole sentence, for the Att göra screen
    short: str  # a few words, for the case list
    tab: str  # meetings | plan | consents
    child_name: str

    def overdue(self, today: dt.date) -> bool:
        return self.on < today


# On one day: the meeting before the actions followed up at it.
_KIND_ORDER = {"deadline": 0, "consent": 1, "rule": 2, "meeting": 3, "next_meeting": 4,
               "action": 5}  # fmt: skip


def swedish_date(day: dt.date) -> str:
    """2026-12-04 -> "4 december 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date, today: dt.date) -> str:
    """ "4 dec" this year, "4 dec 2027" another year."""
    text = f"{day.day} {SHORT_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def _routine_name(routine: Routine | None, routine_id: str) -> str:
    return routine.name if routine is not None else routine_id


def case_due(case: CaseDates, today: dt.date,
             known: Mapping[str, Routine] | None = None) -> list[DueItem]:  # fmt: skip
    """What is due in one case, in order (see the module's rules)."""
    return sorted(_case_items(case, today, known))


def _case_items(case: CaseDates, today: dt.date,
                known: Mapping[str, Routine] | None = None) -> list[DueItem]:  # fmt: skip
    if case.status != "open":
        return []
    known = routines() if known is None else known
    items: list[DueItem] = []

    def add(on: dt.date, kind: str, text: str, short: str, tab: str, ref: int) -> None:
        items.append(DueItem(on, _KIND_ORDER[kind], case.id, ref, kind, text, short, tab,
                             case.child_name))  # fmt: skip

    held = [m for m in case.meetings if m.held_on is not None]
    if len(held) > 1:
        held.sort(key=lambda m: (m.held_on, m.id))
    open_meetings = [m for m in case.meetings if m.held_on is None and not m.cancelled]
    for m in open_meetings:
        routine = known.get(m.routine_id)
        name = _routine_name(routine, m.routine_id)
        last = last_allowed_date(m.agreed_on, routine.deadline) if routine else None
        if last is not None and (m.planned_date is None or m.planned_date > last):
            when = "inget datum är satt" if m.planned_date is None else (
                f"planerat {swedish_date(m.planned_date)}")  # fmt: skip
            add(last, "deadline",
                f"{name} ska hållas senast {swedish_date(last)} (rutinen: "
                f"{routine.deadline.describe()}); {when}",  # type: ignore[union-attr]
                "Möte senast (rutinen)", "meetings", m.id)  # fmt: skip
        if m.planned_date is not None:
            add(m.planned_date, "meeting", f"Möte: {name}", name, "meetings", m.id)
    if held:
        last_held = max(held, key=lambda m: m.id)  # the latest held (its next date)
        later_planned = any(m.id > last_held.id for m in open_meetings)
        if last_held.next_date is not None and not later_planned:
            add(last_held.next_date, "next_meeting",
                "Nästa möte enligt förra mötet (inte planerat än)",
                "Planera nästa möte", "meetings", last_held.id)  # fmt: skip
    rank = _KIND_ORDER["action"]
    for a in case.actions:  # the most numerous: made here without add()
        if a.follow_up_on is not None and a.status in ("planned", "ongoing"):
            what = a.what.strip() or "(insats utan namn)"
            items.append(DueItem(a.follow_up_on, rank, case.id, a.id, "action",
                                 f"Följ upp insats {a.number}: {what}",
                                 f"Följ upp insats {a.number}", "plan", case.child_name))  # fmt: skip
    if case.consents:
        _consents(case, today, add)
    for start in held:
        routine = known.get(start.routine_id)
        for rule in routine.due if routine else ():
            on = last_allowed_date(start.held_on, rule.deadline)
            if on is None or _rule_done(rule.done_by_meeting_after_days, start, held):
                continue
            add(on, "rule", f"{rule.text} ({_routine_name(routine, start.routine_id)} hölls "
                f"{swedish_date(start.held_on)})", rule.short, "meetings", start.id)  # type: ignore[arg-type]  # fmt: skip
    return items


def _rule_done(after_days: int | None, start: MeetingDates,
               held: list[MeetingDates]) -> bool:  # fmt: skip
    if after_days is None or start.held_on is None:
        return False
    first_day = start.held_on + dt.timedelta(days=after_days)
    return any(
        m.id != start.id and m.held_on is not None and m.held_on >= first_day
        and (m.held_on, m.id) > (start.held_on, start.id)
        for m in held
    )  # fmt: skip


def _consents(case: CaseDates, today: dt.date, add) -> None:  # noqa: ANN001 - case_due's add
    horizon = today + dt.timedelta(days=CONSENT_NOTICE_DAYS)
    for c in case.consents:
        if c.valid_until is None or c.revoked_on is not None or c.valid_until > horizon:
            continue
        renewed = len(case.consents) > 1 and any(
            o.id != c.id and o.revoked_on is None
            and o.given_by.strip().casefold() == c.given_by.strip().casefold()
            and (o.valid_until is None or o.valid_until > c.valid_until)
            and (o.given_on or dt.date.min, o.id) > (c.given_on or dt.date.min, c.id)
            for o in case.consents
        )  # fmt: skip
        if renewed:
            continue
        who = c.given_by.strip() or "okänd"
        if c.valid_until < today:
            add(c.valid_until, "consent",
                f"Samtycket från {who} gick ut {swedish_date(c.valid_until)}: be om ett nytt",
                "Samtycket har gått ut", "consents", c.id)  # fmt: skip
        else:
            add(c.valid_until, "consent",
                f"Samtycket från {who} gäller till {swedish_date(c.valid_until)}",
                "Samtycket går ut", "consents", c.id)  # fmt: skip


def due_list(cases: Iterable[CaseDates], today: dt.date) -> list[DueItem]:
    """Everything due in every open case: overdue first (the oldest first), then by date."""
    known = routines()
    items = [i for c in cases for i in _case_items(c, today, known)]
    items.sort()
    return items


def next_due(cases: Iterable[CaseDates], today: dt.date) -> dict[int, DueItem]:
    """The first thing due per case (an overdue one before anything coming)."""
    known = routines()
    found: dict[int, DueItem] = {}
    for c in cases:
        items = _case_items(c, today, known)
        if items:
            found[c.id] = min(items)
    return found


def list_line(item: DueItem, today: dt.date) -> str:
    """The case list's short line: "! 1 dec Följ upp insats 2" (overdue), "4 dec Kallelse"."""
    mark = "! " if item.overdue(today) else ""
    return f"{mark}{short_date(item.on, today)} {item.short}"


def from_views(case, meetings) -> CaseDates:  # noqa: ANN001 - a CaseView and its MeetingViews
    """CaseDates of a case read through the store (a CaseView and Store.case_meetings)."""
    rows = []
    for m in meetings:
        held_on = m.date if m.status == "held" else None
        rows.append(MeetingDates(m.id, m.routine.id, m.planned_date, m.agreed_on, held_on,
                                 m.cancelled_on is not None, m.next_date))  # fmt: skip
    plan = next((m for m in sorted(meetings, key=lambda m: -m.id)
                 if m.cancelled_on is None and (m.actions or m.goals)), None)  # fmt: skip
    actions = tuple(
        ActionDates(a.id, a.number, a.what, a.follow_up_on, a.status)
        for a in (plan.actions if plan is not None else ())
    )
    consents = tuple(ConsentDates(c.id, c.given_by, c.given_on, c.valid_until, c.revoked_on)
                     for c in case.consents)  # fmt: skip
    return CaseDates(case.id, case.child_name, case.status, tuple(rows), actions, consents)
