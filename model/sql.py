"""Every SQL statement Lotsen writes by hand, in one place (the ORM builds the rest from
model.tables). A test (tests/model/test_sql_in_one_place.py) keeps it so.

- The store's hot writes (set_note, saved on every pause while typing), where an ORM Session
  would cost more than the commit: run inside `Database.transaction()`, the same BEGIN
  IMMEDIATE write transaction every ORM write of the store runs in, with datetimes written
  by SQLAlchemy's own processor for the column (`datetime_to_sql`), so a value written here
  reads back through the ORM exactly as if the ORM had written it.
- The light reads in plain sqlite3: the case list and its search (model.caselist), Att göra
  (model.due_read), the year's evaluation (model.report). They run under
  `Database.reading()`, the evaluation under `Database.read_snapshot()` (one read
  transaction, so every figure comes from the same state of the file).

Importing this module loads no SQLAlchemy: model.caselist, the first screen's light read
path, imports it. `datetime_to_sql` imports the ORM when it is called (by the store, which
has loaded it already).

Not here: model.db's own statements (PRAGMAs when a file is opened, backed up, checked or
migrated; the transaction statements of its helpers): they are infrastructure of the file,
not reads or writes of the data.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

DatetimeToSql = Callable[[dt.datetime], str]


# -- the store's writes ------------------------------------------------------------------------
def datetime_to_sql(engine: Engine) -> DatetimeToSql:
    """How the ORM stores a datetime column on this engine: SQLAlchemy's bind processor."""
    from model.tables import Meeting  # the ORM: only the store calls this

    column_type = Meeting.__table__.c.updated_at.type  # type: ignore[attr-defined]
    process = column_type.dialect_impl(engine.dialect).bind_processor(engine.dialect)
    if process is None:  # a driver that takes datetime objects as they are (not SQLite's)
        return cast(DatetimeToSql, lambda value: value)
    return cast(DatetimeToSql, process)


def stamp_schema(conn: Connection, application_id: int, version: int) -> None:
    """Mark a new file as a Lotsen database of this schema version (in the creating
    transaction)."""
    conn.exec_driver_sql(f"PRAGMA application_id={int(application_id)}")
    conn.exec_driver_sql(f"PRAGMA user_version={int(version)}")


def touch_meeting(conn: sqlite3.Connection, meeting_id: int, at: str) -> tuple[int, str] | None:
    """Stamp the meeting as changed; its (case id, routine id), or None when it is not there."""
    row = conn.execute(
        "UPDATE meeting SET updated_at = ?, "
        "revised_at = CASE WHEN ended_at IS NULL THEN revised_at ELSE ? END "
        "WHERE id = ? RETURNING case_id, routine_id",
        (at, at, meeting_id),
    ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def upsert_note(
    conn: sqlite3.Connection, meeting_id: int, step_id: str, field: str, text: str, at: str
) -> None:
    """Write the text of one field of a step's notes (a new row or the one already there)."""
    conn.execute(
        "INSERT INTO step_note (meeting_id, step_id, field, text, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (meeting_id, step_id, field) "
        "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
        (meeting_id, step_id, field, text, at),
    )


def touch_case(conn: sqlite3.Connection, case_id: int, at: str) -> None:
    """Stamp the case's last activity (the case list's order)."""
    conn.execute("UPDATE case_ SET last_activity = ? WHERE id = ?", (at, case_id))


# -- the case list (model.caselist) ------------------------------------------------------------
# One row per case: its next (or latest) meeting and the routine it follows; a cancelled
# meeting is never the next one.
_CASE_LIST = """
SELECT c.id, c.child_name, c.personnummer, c.routine_id, c.status, c.last_activity,
       (SELECT m.routine_id FROM meeting m WHERE m.case_id = c.id
         ORDER BY (m.ended_at IS NULL AND m.cancelled_on IS NULL) DESC, m.id DESC LIMIT 1)
         AS meeting_routine,
       (SELECT m.planned_date FROM meeting m WHERE m.case_id = c.id AND m.ended_at IS NULL
         AND m.cancelled_on IS NULL
         ORDER BY m.planned_date IS NULL, m.planned_date LIMIT 1) AS next_date,
       (SELECT group_concat(p.organisation, ' | ') FROM participant p
         WHERE p.case_id = c.id AND p.removed_on IS NULL AND p.organisation <> '') AS organisations
FROM case_ c
"""
COUNT_CASES = "SELECT count(*) FROM case_"


def case_list(where: str = "", limit: int | None = None) -> str:
    """The case list, most recently active first: (id, child's name, personnummer, routine,
    status, last activity, the routine of its next or latest meeting, the next meeting's
    day, its agencies joined by " | ") per case, of those `where` (case_search_where) keeps."""
    sql = _CASE_LIST + where + " ORDER BY c.last_activity DESC, c.id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return sql


def _folded_match(col: str) -> str:
    # An ASCII value is decided by LIKE alone; only values with other letters (and only
    # those the loose LIKE keeps) reach Python.
    return (
        f"({col} LIKE :x ESCAPE '\\' OR ({col} LIKE :l ESCAPE '\\' "
        f"AND {col} GLOB :na AND lotsen_has({col}, :f)))"
    )


# The WHERE of a search (model.caselist.search_cases fills in the parameters): the child's
# name or school, the personnummer (:p, '' for none), or a participant's name or
# organisation, each matched by LIKE :x (the folded query exactly), or by LIKE :l (the letters
# that may carry an accent as wildcards) on a value with non-ASCII letters (GLOB :na) that the
# SQLite function lotsen_has(column, :f) confirms. The participant match is one pass over the
# table (an IN list SQLite builds once), not a subquery per case: a search that matches
# nothing stays under 50 ms at 10,000 cases.
CASE_SEARCH_WHERE = f""" WHERE {_folded_match("c.child_name")} OR {_folded_match("c.school")}
        OR (:p <> '' AND c.personnummer LIKE :p)
        OR c.id IN (SELECT p.case_id FROM participant p WHERE p.removed_on IS NULL
                    AND ({_folded_match("p.organisation")} OR {_folded_match("p.name")}))"""


# -- Att göra (model.due_read) -----------------------------------------------------------------
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
_ENDING = (
    "substr(e.valid_until, 1, 10) <= '{horizon}' OR e.valid_until "
    "NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"
)
# Each query's rows come ordered by the day they make due (SQLite sorts text faster than Python
# sorts the items; the items' own sort then finds them nearly in order).
# Every case: one pass over each table, and lists SQLite builds once (a unary + keeps it from
# looking each open case up in the index one by one). A few cases (the list's rows): a look-up
# through the case's index instead (1 ms, not a full scan).
_ALL = {
    "ending": f"k.case_id IN (SELECT e.case_id FROM consent e WHERE {_ENDING})",
    "case_in": "+m.case_id",
    "consent_case_in": "+k.case_id",
}
_FEW = {
    "ending": f"EXISTS (SELECT 1 FROM consent e WHERE e.case_id = k.case_id AND ({_ENDING}))",
    "case_in": "m.case_id",
    "consent_case_in": "k.case_id",
}


def due_queries(
    horizon: dt.date, rule_routines: Iterable[str], case_ids: Iterable[int] | None = None
) -> tuple[str, str, str, str]:
    """Att göra's four queries for every open case, or for these: the open cases (id, child's
    name, status); the meetings that can make something due (id, case, routine, planned day,
    agreed on, day held, cancelled, next date); the current plan's open actions with a
    follow-up day (case, id, number in the plan, what, follow-up day, status); the consents of
    the cases where one ends by `horizon` (id, case, given by, given on, valid until, revoked
    on). `rule_routines`: the routines with their own dates (every held meeting counts)."""
    ids = rule_ids = ""
    if case_ids is not None:
        listed = ",".join(str(int(i)) for i in case_ids) or "NULL"
        ids, rule_ids = f"AND c.id IN ({listed})", f"AND r.case_id IN ({listed})"
    rules = ",".join(f"'{r}'" for r in rule_routines) or "NULL"
    parts = {
        k: v.replace("{horizon}", horizon.isoformat())
        for k, v in (_ALL if case_ids is None else _FEW).items()
    }
    parts.update(open=_OPEN.format(ids=ids), ids=ids, rules=rules, rule_ids=rule_ids)
    return (
        _CASES.format(ids=ids),
        _MEETINGS.format(**parts),
        _ACTIONS.format(**parts),
        _CONSENTS.format(**parts),
    )


# -- the evaluation (Utvärdering, model.report) ------------------------------------------------
# Counts over a period (:f to :t, ISO days, both included): no names, no free text but the
# agencies' names, except REPORT_HELD. A meeting's day is the one the documents use (model.views
# MeetingView.date): the day it was held, else the planned day, else the day it started.
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
# (new, closed, open at the end): new in the period, closed in the period, open when the
# period ends. A case closed and opened again keeps no date of the first closing: it is open.
REPORT_CASES = """
SELECT coalesce(sum(date(created_at) BETWEEN :f AND :t), 0),
       coalesce(sum(status = 'closed' AND closed_on BETWEEN :f AND :t), 0),
       coalesce(sum(date(created_at) <= :t
                    AND (status <> 'closed' OR coalesce(closed_on > :t, 0))), 0)
FROM case_
"""
# (YYYY-MM, cases) new per month.
REPORT_NEW_BY_MONTH = """
SELECT substr(date(created_at), 1, 7), count(*) FROM case_
WHERE date(created_at) BETWEEN :f AND :t GROUP BY 1
"""
# (meetings,) cancelled in the period.
REPORT_CANCELLED = "SELECT count(*) FROM meeting WHERE cancelled_on BETWEEN :f AND :t"
# (case, meeting, routine, day, agreed on, the child took part) of every held meeting up to the
# period's end (the earlier ones tell which meeting was a case's first): model.report counts
# them in one pass, which measured faster than three grouped scans and a window function.
REPORT_HELD = (
    _HELD
    + """
SELECT case_id, id, routine_id, day, agreed_on, child FROM held WHERE day <= :t
"""
)
# (held meetings, cases) of the cases closed in the period (a histogram).
REPORT_CLOSED_MEETINGS = """
SELECT n, count(*) FROM (
  SELECT c.id, count(m.id) AS n FROM case_ c
  LEFT JOIN meeting m ON m.case_id = c.id AND m.ended_at IS NOT NULL
                     AND m.cancelled_on IS NULL
  WHERE c.status = 'closed' AND c.closed_on BETWEEN :f AND :t GROUP BY c.id)
GROUP BY n
"""
# (principal, followed up, status, actions) of the plans of meetings held in the period: new
# ones (decided there) and those followed up there (carried over from the plan before, with
# the status given at follow-up).
REPORT_ACTIONS = (
    _HELD
    + """
SELECT a.principal, a.carried_from_id IS NOT NULL, a.status, count(*) FROM action a
WHERE a.meeting_id IN (SELECT id FROM held WHERE day BETWEEN :f AND :t) GROUP BY 1, 2, 3
"""
)
# (agency, deviations) reported in the period, by the agency responsible for the action.
REPORT_DEVIATIONS = """
SELECT coalesce(trim(a.responsible_org), ''), count(*) FROM deviation d
LEFT JOIN action a ON a.id = d.action_id
WHERE d.reported_on BETWEEN :f AND :t GROUP BY 1
"""
# (agency, decisions) of refusals decided in the period.
REPORT_REFUSALS = """
SELECT trim(agency), count(*) FROM refusal_decision
WHERE decided_on BETWEEN :f AND :t GROUP BY 1
"""
