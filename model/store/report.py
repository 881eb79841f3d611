"""The raw SQL of the evaluation (Utvärdering, model.report): counts over a period, read in one
read transaction so every figure comes from the same state of the file.

The statements return counts (no names, no free text but the agencies' names), except HELD:
the held meetings as (ids, routine, dates, a flag) for model.report to count in one pass,
which measured faster than three grouped scans and a window function. Dates are
ISO text ("2026-03-02"); a meeting's day is the one the documents use (model.views
MeetingView.date): the day it was held, else the planned day, else the day it started.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

# A held meeting: ended (the guide's "Avsluta mötet") and never cancelled. `child`: the child
# took part, or the child's own words (berättelse or syn) were written down.
_HELD = """
WITH held AS (
  SELECT m.id, m.case_id, m.routine_id, m.agreed_on,
         coalesce(m.held_on, m.planned_date, date(m.started_at), date(m.ended_at)) AS day,
         (coalesce(m.child_present, 0) = 1 OR trim(m.child_view) <> ''
          OR trim(m.family_story_child) <> '') AS child
  FROM meeting m
  WHERE m.ended_at IS NOT NULL AND m.cancelled_on IS NULL
)
"""

# New in the period, closed in the period, open when the period ends. A case closed and
# opened again keeps no date of the first closing: it counts as open.
CASES = """
SELECT coalesce(sum(date(created_at) BETWEEN :f AND :t), 0),
       coalesce(sum(status = 'closed' AND closed_on BETWEEN :f AND :t), 0),
       coalesce(sum(date(created_at) <= :t
                    AND (status <> 'closed' OR coalesce(closed_on > :t, 0))), 0)
FROM case_
"""
NEW_BY_MONTH = """
SELECT substr(date(created_at), 1, 7), count(*) FROM case_
WHERE date(created_at) BETWEEN :f AND :t GROUP BY 1
"""
CANCELLED = "SELECT count(*) FROM meeting WHERE cancelled_on BETWEEN :f AND :t"
# Every held meeting up to the period's end (the earlier ones tell which meeting was a case's
# first): model.report counts them in one pass, cheaper than three grouped scans and a window.
HELD = (_HELD + """
SELECT case_id, id, routine_id, day, agreed_on, child FROM held WHERE day <= :t
""")  # fmt: skip
# Held meetings per case closed in the period (a histogram: meetings -> cases).
CLOSED_MEETINGS = """
SELECT n, count(*) FROM (
  SELECT c.id, count(m.id) AS n FROM case_ c
  LEFT JOIN meeting m ON m.case_id = c.id AND m.ended_at IS NOT NULL
                     AND m.cancelled_on IS NULL
  WHERE c.status = 'closed' AND c.closed_on BETWEEN :f AND :t GROUP BY c.id)
GROUP BY n
"""
# Actions of the plans of meetings held in the period: new ones (decided there) and those
# followed up there (carried over from the plan before, with the status given at follow-up).
ACTIONS = (_HELD + """
SELECT a.principal, a.carried_from_id IS NOT NULL, a.status, count(*) FROM action a
WHERE a.meeting_id IN (SELECT id FROM held WHERE day BETWEEN :f AND :t) GROUP BY 1, 2, 3
""")  # fmt: skip
# Deviations reported in the period, by the agency responsible for the action they concern.
DEVIATIONS = """
SELECT coalesce(trim(a.responsible_org), ''), count(*) FROM deviation d
LEFT JOIN action a ON a.id = d.action_id
WHERE d.reported_on BETWEEN :f AND :t GROUP BY 1
"""
REFUSALS = """
SELECT trim(agency), count(*) FROM refusal_decision
WHERE decided_on BETWEEN :f AND :t GROUP BY 1
"""


@dataclass(frozen=True)
class ReportRows:
    """What the statements return, as plain tuples (model.report makes figures of them)."""

    cases: tuple[int, int, int]  # new, closed, open at the end
    new_by_month: list[tuple[str, int]]
    cancelled: int
    # case, meeting, routine, day, agreed on, the child took part: every held meeting until
    # the period's end
    held: list[tuple[int, int, str, str, str | None, int]]
    closed_meetings: list[tuple[int, int]]  # meetings, cases
    actions: list[tuple[str, int, str, int]]  # principal, followed up, status, actions
    deviations: list[tuple[str, int]]  # agency, deviations
    refusals: list[tuple[str, int]]  # agency, decisions


def report_rows(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> ReportRows:
    """Run every statement for the period (both days included) in one read transaction."""
    p = {"f": start.isoformat(), "t": end.isoformat()}

    def rows(sql: str) -> list:
        return [tuple(r) for r in conn.execute(sql, p).fetchall()]

    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")  # one snapshot for every figure (WAL: writers are not blocked)
    try:
        new, closed, open_ = conn.execute(CASES, p).fetchone()
        return ReportRows(
            cases=(int(new), int(closed), int(open_)),
            new_by_month=rows(NEW_BY_MONTH),
            cancelled=int(conn.execute(CANCELLED, p).fetchone()[0]),
            held=rows(HELD),
            closed_meetings=rows(CLOSED_MEETINGS),
            actions=rows(ACTIONS),
            deviations=rows(DEVIATIONS),
            refusals=rows(REFUSALS),
        )
    finally:
        if began:
            conn.execute("COMMIT")
