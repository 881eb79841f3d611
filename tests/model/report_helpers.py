"""A database of known content for the evaluation (Utvärdering), built with the Store API.

The period is the first half of 2026 (PERIOD). What it holds, and what the report must say:

case   created     meetings (held day, agreed day)                         closed
A      2025-12-15  first 2025-12-20 (before); follow-up 2026-02-10 (agreed   -
                   2026-01-20); follow-up 2026-07-01 (after the period)
B      2026-01-05  first 2026-01-01 (agreed 2025-12-22: within 10 working   -
                   days across jul and nyår); the child took part
C      2026-01-10  cancelled 2026-01-18; first 2026-02-20 (agreed           -
                   2026-01-12: too late); the child's view written; a
                   follow-up started 2026-03-01 and never ended
D      2026-03-01  first 2026-03-05 (agreed 2026-03-02)                     2026-04-01
E      2026-06-01  Västbus first 2026-06-22 (agreed 2026-06-01: day 21 of   2026-06-30
                   21 calendar days, within)
F      2026-07-01  -                                                        -

Actions: at A's first meeting one kommun and one region action; A's follow-up on 2026-02-10
finds the kommun one done and the region one not done. B's meeting decides 3 kommun actions
(Socialtjänsten); D's one enskild action.
Deviations: 3 about B's Socialtjänsten action (the last on 2026-06-30), 1 about no action,
1 on 2026-07-01 (after). Refusals: "BUP", "bup ", "BUP" in the period, one on 2025-12-31.
"""

from __future__ import annotations

import datetime as dt

from model.clock import FixedClock
from model.db import Database
from model.store import Store

PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
D = dt.date
NAMES = ["Alma Testsson", "Bo Testsson", "Cilla Testsson", "Dino Testsson", "Eir Testsson",
         "Fia Testsson"]  # fmt: skip
PNR = "201503122382"
CHILD_VIEW = "Jag vill ha en lugn plats på rasterna"


def _store(db: Database, day: dt.date) -> Store:
    return Store(db, clock=FixedClock.on(day))


def _held(store: Store, case_id: int, routine: str, held: dt.date, agreed: dt.date | None,
          **fields: object) -> int:  # fmt: skip
    mid = store.plan_meeting(case_id, routine, planned_date=held, agreed_on=agreed)
    store.start_meeting(mid, held_on=held)
    if fields:
        store.update_meeting(mid, **fields)
    store.end_meeting(mid)
    return mid


def build_known(db: Database) -> dict[str, int]:
    """The database above; returns the case ids by letter."""
    ids: dict[str, int] = {}
    created = {"A": D(2025, 12, 15), "B": D(2026, 1, 5), "C": D(2026, 1, 10),
               "D": D(2026, 3, 1), "E": D(2026, 6, 1), "F": D(2026, 7, 1)}  # fmt: skip
    for (letter, day), name in zip(created.items(), NAMES, strict=True):
        routine = "forsta_natverksmote_vastbus" if letter == "E" else "forsta_natverksmote"
        ids[letter] = _store(db, day).create_case(name, routine_id=routine, personnummer=PNR)
    s = _store(db, D(2026, 8, 1))
    a1 = _held(s, ids["A"], "forsta_natverksmote", D(2025, 12, 20), D(2025, 12, 16))
    s.add_action(a1, what="Stöd i skolan", principal="kommun", responsible_org="Skolan")
    s.add_action(a1, what="Utredning", principal="region", responsible_org="BUP")
    a2 = s.plan_meeting(ids["A"], "uppfoljande_lotsmote", planned_date=D(2026, 2, 10),
                        agreed_on=D(2026, 1, 20))  # fmt: skip
    s.start_meeting(a2, held_on=D(2026, 2, 10))
    carried = s.get_meeting(a2).actions
    for action in carried:
        s.update_action(action.id, status="done" if action.principal == "kommun" else "not_done")
    s.end_meeting(a2)
    _held(s, ids["A"], "uppfoljande_lotsmote", D(2026, 7, 1), D(2026, 6, 15))

    b1 = _held(s, ids["B"], "forsta_natverksmote", D(2026, 1, 1), D(2025, 12, 22),
               child_present=True)  # fmt: skip
    b_actions = [
        s.add_action(b1, what=f"Insats {i}", principal="kommun", responsible_org="Socialtjänsten")
        for i in range(3)
    ]

    cancelled = s.plan_meeting(ids["C"], "forsta_natverksmote", planned_date=D(2026, 1, 19),
                               agreed_on=D(2026, 1, 12))  # fmt: skip
    s.cancel_meeting(cancelled, "Sjukdom", on=D(2026, 1, 18))
    _held(s, ids["C"], "forsta_natverksmote", D(2026, 2, 20), D(2026, 1, 12),
          child_view=CHILD_VIEW)  # fmt: skip
    running = s.plan_meeting(ids["C"], "uppfoljande_lotsmote", planned_date=D(2026, 3, 1))
    s.start_meeting(running, held_on=D(2026, 3, 1))

    d1 = _held(s, ids["D"], "forsta_natverksmote", D(2026, 3, 5), D(2026, 3, 2))
    s.add_action(d1, what="Samtal", principal="enskild", responsible_org="Privat")
    s.close_case(ids["D"], "Klart", True, on=D(2026, 4, 1))

    _held(s, ids["E"], "forsta_natverksmote_vastbus", D(2026, 6, 22), D(2026, 6, 1))
    s.close_case(ids["E"], "Klart", True, on=D(2026, 6, 30))

    for day in (D(2026, 1, 15), D(2026, 3, 3), D(2026, 6, 30)):
        s.add_deviation(ids["B"], action_id=b_actions[0], reported_on=day,
                        what_went_wrong="Ingen kontakt")  # fmt: skip
    s.add_deviation(ids["C"], reported_on=D(2026, 2, 2), what_went_wrong="Fel")
    s.add_deviation(ids["B"], action_id=b_actions[1], reported_on=D(2026, 7, 1))
    for agency, day in (("BUP", D(2026, 2, 1)), ("bup ", D(2026, 3, 1)), ("BUP", D(2026, 4, 1)),
                        ("Habiliteringen", D(2025, 12, 31))):  # fmt: skip
        s.add_refusal(ids["C"], agency, decided_on=day, reasons="Hemligt skäl")
    return ids
