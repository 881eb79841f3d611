"""The light read path for the first screen: the case list in plain sqlite3, no ORM import."""

from __future__ import annotations

from dataclasses import dataclass

from model.db import Database

# One row per case: its next (or latest) meeting and the routine it follows.
_LIST_SQL = """
SELECT c.id, c.child_name, c.personnummer, c.routine_id, c.status, c.last_activity,
       (SELECT m.routine_id FROM meeting m WHERE m.case_id = c.id
         ORDER BY (m.ended_at IS NULL) DESC, m.id DESC LIMIT 1) AS meeting_routine,
       (SELECT m.planned_date FROM meeting m WHERE m.case_id = c.id AND m.ended_at IS NULL
         ORDER BY m.planned_date IS NULL, m.planned_date LIMIT 1) AS next_date,
       (SELECT group_concat(p.organisation, ' | ') FROM participant p
         WHERE p.case_id = c.id AND p.removed_on IS NULL AND p.organisation <> '') AS organisations
FROM case_ c
"""


@dataclass(frozen=True)
class CaseRow:
    """One line of the Ärenden list."""

    id: int
    child_name: str
    personnummer: str | None
    routine_id: str
    status: str
    last_activity: str
    next_routine_id: str | None
    next_date: str | None
    organisations: str

    @property
    def personnummer_display(self) -> str:
        p = self.personnummer
        return f"{p[:8]}-{p[8:]}" if p and len(p) == 12 else (p or "")


def _row(r: tuple) -> CaseRow:
    return CaseRow(r[0], r[1], r[2], r[3], r[4], str(r[5]), r[6], r[7], r[8] or "")


def _rows(db: Database, where: str, params: tuple, limit: int | None) -> list[CaseRow]:
    sql = _LIST_SQL + where + " ORDER BY c.last_activity DESC, c.id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with db.reading() as conn:
        if not db.is_initialised:
            return []
        cur = conn.execute(sql, params)
        return [_row(r) for r in cur.fetchall()]


def recent_cases(db: Database, limit: int | None = 50) -> list[CaseRow]:
    """The most recently active cases first."""
    return _rows(db, "", (), limit)


def search_cases(db: Database, text: str, limit: int | None = 200) -> list[CaseRow]:
    """Filter by the child's name, personnummer (with or without -) or an organisation."""
    text = text.strip()
    if not text:
        return recent_cases(db, limit)
    like = f"%{text}%"
    digits = text.replace("-", "").replace("+", "")
    where = """ WHERE c.child_name LIKE ? OR (? <> '' AND c.personnummer LIKE ?)
        OR EXISTS (SELECT 1 FROM participant p WHERE p.case_id = c.id AND p.removed_on IS NULL
                   AND (p.organisation LIKE ? OR p.name LIKE ?))"""
    pnr_like = f"%{digits}%" if digits.isdigit() else ""
    return _rows(db, where, (like, pnr_like, pnr_like, like, like), limit)


def count_cases(db: Database) -> int:
    with db.reading() as conn:
        if not db.is_initialised:
            return 0
        return int(conn.execute("SELECT count(*) FROM case_").fetchone()[0])
