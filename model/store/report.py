"""The evaluation's rows (Utvärdering, model.report): the counts of model.sql's REPORT_*
statements over a period, read in one read transaction (Database.read_snapshot) so every
figure comes from the same state of the file.

The statements return counts (no names, no free text but the agencies' names), except
REPORT_HELD: the held meetings as (ids, routine, dates, a flag) for model.report to count in
one pass. Dates are ISO text ("2026-03-02").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from model import sql
from model.db import Database


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


EMPTY = ReportRows((0, 0, 0), [], 0, [], [], [], [], [])


def report_rows(db: Database, start: dt.date, end: dt.date) -> ReportRows:
    """Run every statement for the period (both days included) in one read transaction;
    EMPTY before the database has its tables."""
    p = {"f": start.isoformat(), "t": end.isoformat()}
    with db.read_snapshot() as conn:
        if not db.is_initialised:
            return EMPTY

        def rows(statement: str) -> list:
            return [tuple(r) for r in conn.execute(statement, p).fetchall()]

        new, closed, open_ = conn.execute(sql.REPORT_CASES, p).fetchone()
        return ReportRows(
            cases=(int(new), int(closed), int(open_)),
            new_by_month=rows(sql.REPORT_NEW_BY_MONTH),
            cancelled=int(conn.execute(sql.REPORT_CANCELLED, p).fetchone()[0]),
            held=rows(sql.REPORT_HELD),
            closed_meetings=rows(sql.REPORT_CLOSED_MEETINGS),
            actions=rows(sql.REPORT_ACTIONS),
            deviations=rows(sql.REPORT_DEVIATIONS),
            refusals=rows(sql.REPORT_REFUSALS),
        )
