"""Att göra in bulk: the dates of every open case in four plain sqlite3 queries (no ORM), for
the Att göra screen and the case list's line. The rules are in model.due."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from model.db import Database
from model.due import ActionDates, CaseDates, ConsentDates, DueItem, MeetingDates, due_list
from model.due import next_due as _next_due
from model.routines import routines

_OPEN = "SELECT c.id FROM case_ c WHERE c.status = 'open' {ids}"
_CASES = "SELECT c.id, c.child_name, c.status FROM case_ c WHERE c.status = 'open' {ids}"
# The meetings that can make something due: those not held and not cancelled; the latest held
# one when it set a next date; and in a case where a meeting of a routine with its own dates
# ([[due]]) was held, every held meeting (a later one may have done what the routine asks).
# The day a meeting was held: as recorded, else the planned day, else the day it started.
_MEETINGS = """
SELECT m.id, m.case_id, m.routine_id, m.planned_date, m.agreed_on,
       CASE WHEN m.ended_at IS NOT NULL
            THEN coalesce(m.held_on, m.planned_date, substr(m.started_at, 1, 10)) END,
       m.cancelled_on IS NOT NULL, m.next_date
FROM meeting m
WHERE m.case_id IN ({open}) AND (
  (m.ended_at IS NULL AND m.cancelled_on IS NULL)
  OR (m.ended_at IS NOT NULL AND m.next_date IS NOT NULL AND {latest_held})
  OR (m.ended_at IS NOT NULL AND {rule_case}))"""
# The actions of the current plan: the latest meeting of the case, not cancelled, that holds
# goals or actions (as model.store.queries.plan_meeting_row); numbered as in the plan.
_ACTIONS = """
WITH plan AS (
  SELECT m.case_id, max(m.id) AS meeting_id FROM meeting m
  WHERE m.cancelled_on IS NULL AND m.case_id IN ({open}) AND {has_plan}
  GROUP BY m.case_id)
SELECT plan.case_id, a.id,
       1 + (SELECT count(*) FROM action b WHERE b.meeting_id = a.meeting_id
            AND (b.position < a.position OR (b.position = a.position AND b.id < a.id))),
       a.what, a.follow_up_on, a.status
FROM plan JOIN action a ON a.meeting_id = plan.meeting_id
WHERE a.follow_up_on IS NOT NULL AND a.status IN ('planned', 'ongoing')"""
_CONSENTS = """
SELECT k.id, k.case_id, k.given_by, k.given_on, k.valid_until, k.revoked_on
FROM consent k
WHERE k.case_id IN ({open})"""  # all: a consent without an end renews an ending one
# Every case: one pass over the table and a list SQLite builds once. A few cases (the list's
# rows): a look-up through the case's index per meeting instead (1 ms, not a full scan).
_ALL = {
    "latest_held": "m.id IN (SELECT max(h.id) FROM meeting h WHERE h.ended_at IS NOT NULL "
                   "GROUP BY h.case_id)",
    "rule_case": "m.case_id IN (SELECT r.case_id FROM meeting r WHERE r.ended_at IS NOT NULL "
                 "AND r.routine_id IN ({rules}))",
    "has_plan": "m.id IN (SELECT a.meeting_id FROM action a UNION SELECT g.meeting_id FROM goal g)",
}  # fmt: skip
_FEW = {
    "latest_held": "m.id = (SELECT max(h.id) FROM meeting h WHERE h.case_id = m.case_id "
                   "AND h.ended_at IS NOT NULL)",
    "rule_case": "EXISTS (SELECT 1 FROM meeting r WHERE r.case_id = m.case_id "
                 "AND r.ended_at IS NOT NULL AND r.routine_id IN ({rules}))",
    "has_plan": "(EXISTS (SELECT 1 FROM action a WHERE a.meeting_id = m.id) "
                "OR EXISTS (SELECT 1 FROM goal g WHERE g.meeting_id = m.id))",
}  # fmt: skip


def queries(case_ids: Iterable[int] | None = None) -> tuple[str, str, str, str]:
    """The four queries (cases, meetings, actions, consents) for every open case or these."""
    ids = ""
    if case_ids is not None:
        ids = f"AND c.id IN ({','.join(str(int(i)) for i in case_ids) or 'NULL'})"
    rules = ",".join(f"'{r.id}'" for r in routines().values() if r.due) or "NULL"
    parts = {k: v.replace("{rules}", rules)
             for k, v in (_ALL if case_ids is None else _FEW).items()}  # fmt: skip
    parts["open"] = _OPEN.format(ids=ids)
    return (
        _CASES.format(ids=ids),
        _MEETINGS.format(**parts),
        _ACTIONS.format(**parts),
        _CONSENTS.format(**parts),
    )


@lru_cache(maxsize=4096)
def _day(value: str | None) -> dt.date | None:
    """A stored date; None for none, or a damaged value (no date rather than no list)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def read_case_dates(db: Database, case_ids: Iterable[int] | None = None) -> list[CaseDates]:
    """The open cases (all, or those of case_ids) with their dates."""
    sql_cases, sql_meetings, sql_actions, sql_consents = queries(
        None if case_ids is None else list(case_ids)
    )
    sql_cases, sql_meetings, sql_actions, sql_consents = queries(
        None if case_ids is None else list(case_ids)
    )
    meetings: dict[int, list[MeetingDates]] = {}
    actions: dict[int, list[ActionDates]] = {}
    consents: dict[int, list[ConsentDates]] = {}
    day = _day
    with db.reading() as conn:
        if not db.is_initialised:
            return []
        cases = conn.execute(sql_cases).fetchall()
        for mid, cid, routine, planned, agreed, held, cancelled, nxt in conn.execute(sql_meetings):
            meetings.setdefault(cid, []).append(MeetingDates(
                mid, routine, day(planned), day(agreed), day(held), bool(cancelled), day(nxt)
            ))  # fmt: skip
        for cid, aid, number, what, follow_up, status in conn.execute(sql_actions):
            actions.setdefault(cid, []).append(
                ActionDates(aid, number, what or "", day(follow_up), status)
            )
        for kid, cid, given_by, given_on, until, revoked in conn.execute(sql_consents):
            consents.setdefault(cid, []).append(
                ConsentDates(kid, given_by or "", day(given_on), day(until), day(revoked))
            )
    return [
        CaseDates(
            cid,
            name,
            status,
            tuple(meetings.get(cid, ())),
            tuple(actions.get(cid, ())),
            tuple(consents.get(cid, ())),
        )  # fmt: skip
        for cid, name, status in cases
    ]


@contextmanager
def _no_gc() -> Iterator[None]:
    """Tens of thousands of small objects that live on: without the cyclic collector running
    over and over while they are made (they hold no cycles; it runs again afterwards)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def due_items(db: Database, today: dt.date) -> list[DueItem]:
    """Att göra: everything due in every open case, overdue first."""
    with _no_gc():
        return due_list(read_case_dates(db), today)


def next_due(db: Database, case_ids: Iterable[int], today: dt.date) -> dict[int, DueItem]:
    """The first thing due in each of these cases (for the case list)."""
    with _no_gc():
        return _next_due(read_case_dates(db, list(case_ids)), today)
