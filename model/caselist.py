"""The light read path for the first screen: the case list in plain sqlite3, no ORM import."""

from __future__ import annotations

import unicodedata
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


def _rows(db: Database, where: str, params: tuple | dict, limit: int | None) -> list[CaseRow]:
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


def _like(text: str) -> str:
    """%text% for LIKE (which folds ASCII only); other cased letters (å, ä, ö, é) become _
    and are checked by _glob."""
    out = []
    for ch in text:
        if ch in "%_\\":
            out.append("\\" + ch)
        elif not ch.isascii() and ch.lower() != ch.upper():
            out.append("_")
        else:
            out.append(ch)
    return "%" + "".join(out) + "%"


def _glob(text: str) -> str:
    """A case-insensitive GLOB pattern for text anywhere, Swedish letters included."""
    parts = []
    for ch in text:
        lo, up = ch.lower(), ch.upper()
        if lo != up and len(lo) == 1 and len(up) == 1:
            parts.append(f"[{lo}{up}]")
        elif ch in "*?[]":
            parts.append(f"[{ch}]")
        else:
            parts.append(ch)
    return "*" + "".join(parts) + "*"


def _non_ascii_letters(text: str) -> list[tuple[str, str]]:
    """(lower, upper) of each distinct non-ASCII cased letter, as _glob matches them."""
    out: dict[str, str] = {}
    for ch in text:
        lo, up = ch.lower(), ch.upper()
        if not ch.isascii() and lo != up and len(lo) == 1 and len(up) == 1:
            out.setdefault(lo, up)
    return list(out.items())


def search_cases(db: Database, text: str, limit: int | None = 200) -> list[CaseRow]:
    """Filter by the child's name, personnummer (with or without -) or a participant's name
    or organisation; case-insensitive, å/ä/ö included; the most recently active first."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if not text:
        return recent_cases(db, limit)
    ascii_only = all(ch.isascii() or ch.lower() == ch.upper() for ch in text)
    like = _like(text)
    # LIKE sees å/ä/ö only as _. With nothing else to go on ("ÖÖÖ") it would pass every row
    # to the slower GLOB; then instr() (a plain byte search) first keeps the rows that hold
    # each such letter in some case. The GLOB implies them, so the result is the same.
    narrow = any(ch not in "%_ " for ch in like.replace("\\_", "x").replace("\\%", "x"))
    letters = [] if narrow else _non_ascii_letters(text)

    def match(col: str) -> str:
        # LIKE first: cheap, and it narrows the rows the slower GLOB has to look at.
        first = [f"{col} LIKE :l ESCAPE '\\'"] if narrow else []
        first += [f"(instr({col}, :lo{i}) > 0 OR instr({col}, :up{i}) > 0)"
                  for i in range(len(letters))]  # fmt: skip
        return " AND ".join(first + ([] if ascii_only else [f"{col} GLOB :g"]))

    digits = text.replace("-", "").replace("+", "").replace(" ", "")
    # The participant match is one pass over the table (an IN list SQLite builds once), not
    # a subquery per case: a search that matches nothing stays under 50 ms at 10,000 cases.
    where = f""" WHERE ({match("c.child_name")})
        OR (:p <> '' AND c.personnummer LIKE :p)
        OR c.id IN (SELECT p.case_id FROM participant p WHERE p.removed_on IS NULL
                    AND (({match("p.organisation")}) OR ({match("p.name")})))"""
    params = {"l": like, "g": _glob(text), "p": f"%{digits}%" if digits.isdigit() else ""}
    for i, (lo, up) in enumerate(letters):
        params[f"lo{i}"], params[f"up{i}"] = lo, up
    return _rows(db, where, params, limit)


def count_cases(db: Database) -> int:
    with db.reading() as conn:
        if not db.is_initialised:
            return 0
        return int(conn.execute("SELECT count(*) FROM case_").fetchone()[0])
