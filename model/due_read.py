"""Att göra in bulk: the dates of every open case in four plain sqlite3 queries (no ORM), for
the Att göra screen and the case list's line. The rules are in model.due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from model.db import Database
from model.due import ActionDates, CaseDates, ConsentDates, DueItem, MeetingDates, due_list
from model.due import next_due as _next_due

_CASES = "SELECT c.id, c.child_name, c.status FROM case_ c WHERE c.status = 'open'"
# The day a meeting was held: as recorded, else the planned day, else the day it started.
_MEETINGS = """
SELECT m.id, m.case_id, m.routine_id, m.planned_date, m.agreed_on,
       CASE WHEN m.ended_at IS NOT NULL
            THEN coalesce(m.held_on, m.planned_date, substr(m.started_at, 1, 10)) END,
       m.cancelled_on IS NOT NULL, m.next_date
FROM meeting m JOIN case_ c ON c.id = m.case_id
WHERE c.status = 'open'"""
# The actions of the current plan: the latest meeting of the case, not cancelled, that holds
# goals or actions (as model.store.queries.plan_meeting_row); numbered as in the plan.
_ACTIONS = """
WITH plan AS (
  SELECT m.case_id, max(m.id) AS meeting_id FROM meeting m JOIN case_ c ON c.id = m.case_id
  WHERE c.status = 'open' {ids} AND m.cancelled_on IS NULL
    AND (EXISTS (SELECT 1 FROM action a WHERE a.meeting_id = m.id)
         OR EXISTS (SELECT 1 FROM goal g WHERE g.meeting_id = m.id))
  GROUP BY m.case_id)
SELECT * FROM (
  SELECT plan.case_id, a.id,
         row_number() OVER (PARTITION BY a.meeting_id ORDER BY a.position, a.id),
         a.what, a.follow_up_on, a.status
  FROM plan JOIN action a ON a.meeting_id = plan.meeting_id)
WHERE follow_up_on IS NOT NULL AND status IN ('planned', 'ongoing')"""
_CONSENTS = """
SELECT k.id, k.case_id, k.given_by, k.given_on, k.valid_until, k.revoked_on
FROM consent k JOIN case_ c ON c.id = k.case_id
WHERE c.status = 'open' AND k.valid_until IS NOT NULL"""


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:  # a damaged value: no date rather than no list
        return None


def read_case_dates(db: Database, case_ids: Iterable[int] | None = None) -> list[CaseDates]:
    """The open cases (all, or those of case_ids) with their dates."""
    ids = ""
    if case_ids is not None:
        ids = f"AND c.id IN ({','.join(str(int(i)) for i in case_ids) or 'NULL'})"
    meetings: dict[int, list[MeetingDates]] = {}
    actions: dict[int, list[ActionDates]] = {}
    consents: dict[int, list[ConsentDates]] = {}
    with db.reading() as conn:
        if not db.is_initialised:
            return []
        cases = conn.execute(f"{_CASES} {ids}").fetchall()
        for mid, cid, routine, planned, agreed, held, cancelled, nxt in conn.execute(
            f"{_MEETINGS} {ids}"
        ):
            meetings.setdefault(cid, []).append(MeetingDates(
                mid, routine, _day(planned), _day(agreed), _day(held), bool(cancelled), _day(nxt)
            ))  # fmt: skip
        for cid, aid, number, what, follow_up, status in conn.execute(_ACTIONS.format(ids=ids)):
            actions.setdefault(cid, []).append(
                ActionDates(aid, number, what or "", _day(follow_up), status)
            )
        for kid, cid, given_by, given_on, until, revoked in conn.execute(f"{_CONSENTS} {ids}"):
            consents.setdefault(cid, []).append(
                ConsentDates(kid, given_by or "", _day(given_on), _day(until), _day(revoked))
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


def due_items(db: Database, today: dt.date) -> list[DueItem]:
    """Att göra: everything due in every open case, overdue first."""
    return due_list(read_case_dates(db), today)


def next_due(db: Database, case_ids: Iterable[int], today: dt.date) -> dict[int, DueItem]:
    """The first thing due in each of these cases (for the case list)."""
    return _next_due(read_case_dates(db, list(case_ids)), today)
