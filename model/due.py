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

A closed case has nothing to do. The rules per kind (meeting_items, action_item,
consent_items) are what case_due runs for one case and model.due_read for every open case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from model.deadline import last_allowed_date
from model.routines import Routine, routines
from model.swedish_dates import short_date, swedish_date

CONSENT_NOTICE_DAYS = 30
_NOTICE = dt.timedelta(days=CONSENT_NOTICE_DAYS)
FOLLOWED_UP = ("planned", "ongoing")  # an action's statuses that are followed up


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


# On one day: the meeting before the actions followed up at it.
_KIND_ORDER = {"deadline": 0, "consent": 1, "rule": 2, "meeting": 3, "next_meeting": 4, "action": 5}
_TAB = {
    "deadline": "meetings",
    "consent": "consents",
    "rule": "meetings",
    "meeting": "meetings",
    "next_meeting": "meetings",
    "action": "plan",
}
_DEADLINE, _CONSENT, _RULE, _MEETING, _NEXT, _ACTION = (
    _KIND_ORDER[k] for k in ("deadline", "consent", "rule", "meeting", "next_meeting", "action")
)


class DueItem(NamedTuple):
    """One thing to do by a day. Items sort as tuples: by day, then the kind's rank (a meeting
    before the actions followed up at it). The sentences are made when shown, from `detail`
    (tens of thousands of items are sorted and counted; a few hundred are shown)."""

    on: dt.date
    rank: int  # _KIND_ORDER of kind
    case_id: int
    ref_id: int  # the meeting, action or consent
    kind: str  # deadline | meeting | next_meeting | action | consent | rule
    child_name: str
    # deadline: (routine name, the deadline described, planned date or None); meeting:
    # (routine name,); action: (number, what); consent: (given by, ended); rule: (text, short,
    # routine name, held on); next_meeting: ().
    detail: tuple[Any, ...] = ()

    def overdue(self, today: dt.date) -> bool:
        return self.on < today

    @property
    def tab(self) -> str:
        """The case screen's tab that shows it: meetings | plan | consents."""
        return _TAB[self.kind]

    @property
    def text(self) -> str:
        """The whole sentence, for the Att göra screen."""
        kind, d = self.kind, self.detail
        if kind == "action":
            return f"Följ upp insats {d[0]}: {d[1].strip() or '(insats utan namn)'}"
        if kind == "meeting":
            return f"Möte: {d[0]}"
        if kind == "deadline":
            when = "inget datum är satt" if d[2] is None else f"planerat {swedish_date(d[2])}"
            return f"{d[0]} ska hållas senast {swedish_date(self.on)} (rutinen: {d[1]}); {when}"
        if kind == "consent":
            if d[1]:
                return f"Samtycket från {d[0]} gick ut {swedish_date(self.on)}: be om ett nytt"
            return f"Samtycket från {d[0]} gäller till {swedish_date(self.on)}"
        if kind == "rule":
            return f"{d[0]} ({d[2]} hölls {swedish_date(d[3])})"
        return "Nästa möte enligt förra mötet (inte planerat än)"

    @property
    def short(self) -> str:
        """A few words, for the case list."""
        kind, d = self.kind, self.detail
        if kind == "action":
            return f"Följ upp insats {d[0]}"
        if kind == "meeting":
            return str(d[0])
        if kind == "deadline":
            return "Möte senast (rutinen)"
        if kind == "consent":
            return "Samtycket har gått ut" if d[1] else "Samtycket går ut"
        if kind == "rule":
            return str(d[1])
        return "Planera nästa möte"


# A DueItem from a tuple of its fields: half the cost of calling DueItem(...) (Att göra makes
# tens of thousands).
_item = DueItem._make


def _routine_name(routine: Routine | None, routine_id: str) -> str:
    return routine.name if routine is not None else routine_id


def case_due(
    case: CaseDates, today: dt.date, known: Mapping[str, Routine] | None = None
) -> list[DueItem]:
    """What is due in one case, in order (see the module's rules)."""
    return sorted(_case_items(case, today, routines() if known is None else known))


def _case_items(case: CaseDates, today: dt.date, known: Mapping[str, Routine]) -> list[DueItem]:
    if case.status != "open":
        return []
    items = meeting_items(case.id, case.child_name, case.meetings, known)
    for a in case.actions:
        item = action_item(
            case.id, case.child_name, a.id, a.number, a.what, a.follow_up_on, a.status
        )
        if item is not None:
            items.append(item)
    if case.consents:
        items += consent_items(case.id, case.child_name, case.consents, today)
    return items


def meeting_items(
    case_id: int, child_name: str, meetings: Iterable[MeetingDates], known: Mapping[str, Routine]
) -> list[DueItem]:
    """The meetings' dates in an open case: deadlines, planned meetings, the next meeting the
    last held one agreed on, and the routine's own dates after a held meeting."""
    items: list[DueItem] = []
    held: list[MeetingDates] = []
    open_meetings: list[MeetingDates] = []
    for m in meetings:
        if m.held_on is not None:
            held.append(m)
        elif not m.cancelled:
            open_meetings.append(m)
    for m in open_meetings:
        routine = known.get(m.routine_id)
        name = _routine_name(routine, m.routine_id)
        if routine is not None and routine.deadline.kind != "none":
            last = last_allowed_date(m.agreed_on, routine.deadline)
            if last is not None and (m.planned_date is None or m.planned_date > last):
                items.append(
                    _item(
                        (
                            last,
                            _DEADLINE,
                            case_id,
                            m.id,
                            "deadline",
                            child_name,
                            (name, routine.deadline.describe(), m.planned_date),
                        )
                    )
                )
        if m.planned_date is not None:
            items.append(
                _item((m.planned_date, _MEETING, case_id, m.id, "meeting", child_name, (name,)))
            )
    if not held:
        return items
    last_held = max(held, key=lambda m: m.id)  # the latest held (its next date)
    later_planned = any(m.id > last_held.id for m in open_meetings)
    if last_held.next_date is not None and not later_planned:
        items.append(
            _item(
                (last_held.next_date, _NEXT, case_id, last_held.id, "next_meeting", child_name, ())
            )
        )
    if len(held) > 1:
        held.sort(key=lambda m: (m.held_on, m.id))
    for start in held:
        routine = known.get(start.routine_id)
        for rule in routine.due if routine else ():
            on = last_allowed_date(start.held_on, rule.deadline)
            if on is None or _rule_done(rule.done_by_meeting_after_days, start, held):
                continue
            items.append(
                _item(
                    (
                        on,
                        _RULE,
                        case_id,
                        start.id,
                        "rule",
                        child_name,
                        (
                            rule.text,
                            rule.short,
                            _routine_name(routine, start.routine_id),
                            start.held_on,
                        ),
                    )
                )
            )
    return items


def action_item(
    case_id: int,
    child_name: str,
    action_id: int,
    number: int,
    what: str,
    follow_up_on: dt.date | None,
    status: str,
) -> DueItem | None:
    """An action of the current plan: due on its follow-up date while planned or ongoing."""
    if follow_up_on is None or status not in FOLLOWED_UP:
        return None
    return _item((follow_up_on, _ACTION, case_id, action_id, "action", child_name, (number, what)))


def _rule_done(after_days: int | None, start: MeetingDates, held: list[MeetingDates]) -> bool:
    if after_days is None or start.held_on is None:
        return False
    first_day = start.held_on + dt.timedelta(days=after_days)
    return any(
        m.id != start.id
        and m.held_on is not None
        and m.held_on >= first_day
        and (m.held_on, m.id) > (start.held_on, start.id)
        for m in held
    )


def consent_items(
    case_id: int, child_name: str, consents: Sequence[ConsentDates], today: dt.date
) -> list[DueItem]:
    """Consents ending within CONSENT_NOTICE_DAYS or ended, unless revoked or renewed (a later
    consent from the same person that lasts longer, or has no end)."""
    items: list[DueItem] = []
    horizon = today + _NOTICE
    for c in consents:
        if c.valid_until is None or c.revoked_on is not None or c.valid_until > horizon:
            continue
        renewed = len(consents) > 1 and any(
            o.id != c.id
            and o.revoked_on is None
            and o.given_by.strip().casefold() == c.given_by.strip().casefold()
            and (o.valid_until is None or o.valid_until > c.valid_until)
            and (o.given_on or dt.date.min, o.id) > (c.given_on or dt.date.min, c.id)
            for o in consents
        )
        if not renewed:
            who = c.given_by.strip() or "okänd"
            items.append(
                _item(
                    (
                        c.valid_until,
                        _CONSENT,
                        case_id,
                        c.id,
                        "consent",
                        child_name,
                        (who, c.valid_until < today),
                    )
                )
            )
    return items


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
        rows.append(
            MeetingDates(
                m.id,
                m.routine.id,
                m.planned_date,
                m.agreed_on,
                held_on,
                m.cancelled_on is not None,
                m.next_date,
            )
        )
    plan = next(
        (
            m
            for m in sorted(meetings, key=lambda m: -m.id)
            if m.cancelled_on is None and (m.actions or m.goals)
        ),
        None,
    )
    actions = tuple(
        ActionDates(a.id, a.number, a.what, a.follow_up_on, a.status)
        for a in (plan.actions if plan is not None else ())
    )
    consents = tuple(
        ConsentDates(c.id, c.given_by, c.given_on, c.valid_until, c.revoked_on)
        for c in case.consents
    )
    return CaseDates(case.id, case.child_name, case.status, tuple(rows), actions, consents)
