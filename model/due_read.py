"""Att göra in bulk: the dates of every open case in four plain sqlite3 queries (no ORM; their
text is in model.sql), for the Att göra screen and the case list's line. The rules are in
model.due.

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
from model.sql import due_queries


def queries(today: dt.date, case_ids: Iterable[int] | None = None) -> tuple[str, str, str, str]:
    """The four queries (cases, meetings, actions, consents) for every open case or these
    (model.sql.due_queries), with the consents' notice horizon and the routines that have their own dates."""
    horizon = today + dt.timedelta(days=CONSENT_NOTICE_DAYS)
    rules = [r.id for r in routines().values() if r.due]
    return due_queries(horizon, rules, case_ids)


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
    """The rows of the four queries, from one state of the file (a read transaction: the
    screen reads in a thread while the leader writes); None before the database has its
    tables."""
    sqls = queries(today, case_ids)
    with db.read_snapshot() as conn:
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


def read_case_dates(
    db: Database, today: dt.date, case_ids: Iterable[int] | None = None
) -> list[CaseDates]:
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
        )
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
