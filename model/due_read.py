"""Att göra in bulk: the dates of every open case in four plain sqlite3 queries (no ORM), for
the Att göra screen and the case list's line. The rules are in model.due.

The queries pick the rows a rule can use (a superset: the rules decide), so that Att göra on
10,000 cases reads the few rows per case that can be due, not every meeting and consent."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from model.db import Database
from model.due import (
    CONSENT_NOTICE_DAYS,
    ActionDates,
    CaseDates,
    ConsentDates,
    DueItem,
    MeetingDates,
    action_item,
    consent_items,
    meeting_items,
)
from model.due import next_due as _next_due
from model.routines import routines

_OPEN = "SELECT c.id FROM case_ c WHERE c.status = 'open' {ids}"
_CASES = "SELECT c.id, c.child_name, c.status FROM case_ c WHERE c.status = 'open' {ids}"
# The meetings that can make something due: those not held and not cancelled; in a case where
# a meeting of a routine with its own dates ([[due]]) was held, every held meeting (a later one
# may have done what the routine asks); elsewhere the latest held meeting when it set a next
# date and nothing later is planned: the case's latest meeting that is held or still to come,
# found walking back from its latest meeting (usually the first one).
# The day a meeting was held: as recorded, else the planned day, else the day it started.
_MEETING_COLUMNS = """m.id, m.case_id, m.routine_id, m.planned_date, m.agreed_on,
       CASE WHEN m.ended_at IS NOT NULL
            THEN coalesce(m.held_on, m.planned_date, substr(m.started_at, 1, 10)) END,
       m.cancelled_on IS NOT NULL, m.next_date"""
_MEETINGS = f"""
WITH rule_case AS (
  SELECT r.case_id FROM meeting r
  WHERE r.ended_at IS NOT NULL AND r.routine_id IN ({{rules}}) {{rule_ids}})
SELECT {_MEETING_COLUMNS}
FROM meeting m
WHERE ((m.ended_at IS NULL AND m.cancelled_on IS NULL)
       OR (m.ended_at IS NOT NULL AND m.case_id IN rule_case))
  AND {{case_in}} IN ({{open}})
UNION ALL
SELECT {_MEETING_COLUMNS}
FROM case_ c JOIN meeting m ON m.id = (
  SELECT CASE WHEN h.ended_at IS NOT NULL AND h.next_date IS NOT NULL THEN h.id END
  FROM meeting h WHERE h.case_id = c.id
    AND (h.ended_at IS NOT NULL OR h.cancelled_on IS NULL)
  ORDER BY h.id DESC LIMIT 1)
WHERE c.status = 'open' {{ids}} AND c.id NOT IN rule_case
ORDER BY 4"""
# The actions of the current plan: the latest meeting of the case, not cancelled, that holds
# goals or actions (as model.store.queries.plan_meeting_row; found walking back from the case's
# latest meeting, usually the first one); numbered as in the plan.
_ACTIONS = """
WITH plan AS (
  SELECT c.id AS case_id,
         (SELECT p.id FROM meeting p WHERE p.case_id = c.id AND p.cancelled_on IS NULL
            AND (EXISTS (SELECT 1 FROM action a WHERE a.meeting_id = p.id)
                 OR EXISTS (SELECT 1 FROM goal g WHERE g.meeting_id = p.id))
          ORDER BY p.id DESC LIMIT 1) AS meeting_id
  FROM case_ c WHERE c.status = 'open' {ids})
SELECT plan.case_id, a.id,
       1 + (SELECT count(*) FROM action b WHERE b.meeting_id = a.meeting_id
            AND (b.position < a.position OR (b.position = a.position AND b.id < a.id))),
       a.what, a.follow_up_on, a.status
FROM plan JOIN action a ON a.meeting_id = plan.meeting_id
WHERE a.follow_up_on IS NOT NULL AND a.status IN ('planned', 'ongoing')
ORDER BY a.follow_up_on, plan.case_id, a.id"""
# The consents of a case where one ends by the horizon (or holds a date the rules cannot read):
# all of that case's consents, as a later one without an end renews an ending one.
_CONSENTS = """
SELECT k.id, k.case_id, k.given_by, k.given_on, k.valid_until, k.revoked_on
FROM consent k
WHERE {ending} AND {consent_case_in} IN ({open})
ORDER BY k.valid_until"""
_ENDING = ("substr(e.valid_until, 1, 10) <= '{horizon}' OR e.valid_until "
           "NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'")  # fmt: skip
# Each query's rows come ordered by the day they make due (SQLite sorts text faster than Python
# sorts the items; the items' own sort then finds them nearly in order).
# Every case: one pass over each table, and lists SQLite builds once (a unary + keeps it from
# looking each open case up in the index one by one). A few cases (the list's rows): a look-up
# through the case's index instead (1 ms, not a full scan).
_ALL = {
    "ending": f"k.case_id IN (SELECT e.case_id FROM consent e WHERE {_ENDING})",
    "case_in": "+m.case_id",
    "consent_case_in": "+k.case_id",
}  # fmt: skip
_FEW = {
    "ending": f"EXISTS (SELECT 1 FROM consent e WHERE e.case_id = k.case_id AND ({_ENDING}))",
    "case_in": "m.case_id",
    "consent_case_in": "k.case_id",
}  # fmt: skip


def queries(today: dt.date, case_ids: Iterable[int] | None = None) -> tuple[str, str, str, str]:
    """The four queries (cases, meetings, actions, consents) for every open case or these."""
    ids = rule_ids = ""
    if case_ids is not None:
        listed = ",".join(str(int(i)) for i in case_ids) or "NULL"
        ids, rule_ids = f"AND c.id IN ({listed})", f"AND r.case_id IN ({listed})"
    rules = ",".join(f"'{r.id}'" for r in routines().values() if r.due) or "NULL"
    horizon = (today + dt.timedelta(days=CONSENT_NOTICE_DAYS)).isoformat()
    parts = {k: v.replace("{horizon}", horizon)
             for k, v in (_ALL if case_ids is None else _FEW).items()}  # fmt: skip
    parts.update(open=_OPEN.format(ids=ids), ids=ids, rules=rules, rule_ids=rule_ids)
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


_Rows = tuple[list[Any], list[Any], list[Any], list[Any]]


def _read(db: Database, today: dt.date, case_ids: list[int] | None) -> _Rows | None:
    """The rows of the four queries; None before the database has its tables."""
    sqls = queries(today, case_ids)
    with db.reading() as conn:
        if not db.is_initialised:
            return None
        cases, meetings, actions, consents = (conn.execute(sql).fetchall() for sql in sqls)
    return cases, meetings, actions, consents


def _meetings(rows: list[Any]) -> dict[int, list[MeetingDates]]:
    by_case: dict[int, list[MeetingDates]] = {}
    day, new = _day, MeetingDates._make
    for mid, cid, routine, planned, agreed, held, cancelled, nxt in rows:
        m = new((mid, routine, day(planned), day(agreed), day(held), bool(cancelled), day(nxt)))
        if cid in by_case:
            by_case[cid].append(m)
        else:
            by_case[cid] = [m]
    return by_case


def _consents(rows: list[Any]) -> dict[int, list[ConsentDates]]:
    by_case: dict[int, list[ConsentDates]] = {}
    day, new = _day, ConsentDates._make
    for kid, cid, given_by, given_on, until, revoked in rows:
        k = new((kid, given_by or "", day(given_on), day(until), day(revoked)))
        if cid in by_case:
            by_case[cid].append(k)
        else:
            by_case[cid] = [k]
    return by_case


def read_case_dates(db: Database, today: dt.date,
                    case_ids: Iterable[int] | None = None) -> list[CaseDates]:  # fmt: skip
    """The open cases (all, or those of case_ids) with the dates that can be due on today."""
    rows = _read(db, today, None if case_ids is None else list(case_ids))
    if rows is None:
        return []
    cases, meeting_rows, action_rows, consent_rows = rows
    meetings, consents = _meetings(meeting_rows), _consents(consent_rows)
    actions: dict[int, list[ActionDates]] = {}
    for cid, aid, number, what, follow_up, status in action_rows:
        actions.setdefault(cid, []).append(
            ActionDates(aid, number, what or "", _day(follow_up), status)
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
    """Att göra: everything due in every open case, overdue first. The rules of
    model.due.case_due, run per kind over the rows of every open case at once."""
    known = routines()
    with _no_gc():
        rows = _read(db, today, None)
        if rows is None:
            return []
        cases, meeting_rows, action_rows, consent_rows = rows
        names = {cid: name for cid, name, _status in cases}  # the open cases
        items: list[DueItem] = []
        for cid, meetings in _meetings(meeting_rows).items():
            if (name := names.get(cid)) is not None:
                items += meeting_items(cid, name, meetings, known)
        add, day = items.append, _day
        for cid, aid, number, what, follow_up, status in action_rows:
            if (name := names.get(cid)) is not None:
                item = action_item(cid, name, aid, number, what or "", day(follow_up), status)
                if item is not None:
                    add(item)
        for cid, consents in _consents(consent_rows).items():
            if (name := names.get(cid)) is not None:
                items += consent_items(cid, name, consents, today)
        items.sort()
        return items


def next_due(db: Database, case_ids: Iterable[int], today: dt.date) -> dict[int, DueItem]:
    """The first thing due in each of these cases (for the case list)."""
    with _no_gc():
        return _next_due(read_case_dates(db, today, list(case_ids)), today)
