"""The light read path for the first screen: the case list in plain sqlite3 (the statements are
in model.sql), no ORM import."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from model.db import Database
from model.labels import CaseStatus
from model.sql import CASE_SEARCH_WHERE, COUNT_CASES, case_list

if TYPE_CHECKING:
    from model.due import DueItem


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
    due: DueItem | None = None  # the first thing to do (see with_due)

    @property
    def personnummer_display(self) -> str:
        p = self.personnummer
        return f"{p[:8]}-{p[8:]}" if p and len(p) == 12 else (p or "")


def _row(r: tuple) -> CaseRow:
    return CaseRow(r[0], r[1], r[2], r[3], r[4], str(r[5]), r[6], r[7], r[8] or "")


def _rows(db: Database, where: str, params: tuple | dict, limit: int | None) -> list[CaseRow]:
    sql = case_list(where, limit)
    with db.reading() as conn:
        if not db.is_initialised:
            return []
        # Per connection and cheap to repeat (no schema change: nothing is stored).
        conn.create_function("lotsen_has", 2, _contains_folded, deterministic=True)
        cur = conn.execute(sql, params)
        return [_row(r) for r in cur.fetchall()]


def with_due(db: Database, rows: list[CaseRow], today: dt.date) -> list[CaseRow]:
    """The rows with the first thing due in each (Att göra, model.due), in one read."""
    from model.db.errors import CorruptDatabase
    from model.due_read import next_due

    try:
        found = next_due(db, [r.id for r in rows if r.status == CaseStatus.OPEN], today)
    except CorruptDatabase:
        # A damaged page among the dates: the list still shows (without what is due), and the
        # app's check after the first paint names the damage and the backup to restore.
        return rows
    return [replace(r, due=found.get(r.id)) for r in rows]


def recent_cases(db: Database, limit: int | None = 50) -> list[CaseRow]:
    """The most recently active cases first."""
    return _rows(db, "", (), limit)


# Letters a name may carry with an accent (Öberg, Åkesson, Hernández, Šarić, Nuñez, Çelik):
# in the cheap LIKE pre-filter they stand for any one character; the fold decides.
_ACCENTED = set("aeiouycn")
# Letters that are not a base letter plus an accent in Unicode, folded by hand.
_FOLD_EXTRA = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe"})


def fold(text: str | None) -> str:
    """Lower case without accents: "Åkesson Öberg" -> "akesson oberg" (ß -> ss, ø -> o)."""
    if not text:
        return ""
    lowered = text.casefold()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_FOLD_EXTRA)


def _contains_folded(value: str | None, folded_query: str) -> int:
    """SQLite function lotsen_has(column, folded query): the query in the folded column."""
    if not value:
        return 0
    if value.isascii():
        return int(folded_query in value.lower())
    return int(folded_query in fold(value))


def _like(folded: str) -> str:
    """%…% for LIKE as a pre-filter (LIKE folds ASCII case only): a letter that may carry an
    accent in the row, and any non-ASCII character, is `_` (any one character)."""
    out = []
    for ch in folded:
        if ch in "%_\\":
            out.append("\\" + ch)
        elif ch in _ACCENTED or not ch.isascii():
            out.append("_")
        else:
            out.append(ch)
    return "%" + "".join(out) + "%"


def search_cases(db: Database, text: str, limit: int | None = 200) -> list[CaseRow]:
    """Filter by the child's name, personnummer (with or without -), the school, or a
    participant's name or organisation; ignoring case and accents ("oberg" finds Öberg,
    "akesson" finds Åkesson); the most recently active first.

    No index is needed (no schema change): a LIKE on the folded query with accent-prone letters
    as wildcards keeps the rows that could match, and the SQLite function lotsen_has (the
    column folded in Python) decides on those only."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if not text:
        return recent_cases(db, limit)
    folded = fold(text)

    digits = text.replace("-", "").replace("+", "").replace(" ", "")
    exact = "%" + "".join("\\" + ch if ch in "%_\\" else ch for ch in folded) + "%"
    params = {
        "l": _like(folded),
        "x": exact,
        "f": folded,
        "na": "*[^\x01-\x7f]*",
        "p": f"%{digits}%" if digits.isdigit() else "",
    }
    return _rows(db, CASE_SEARCH_WHERE, params, limit)


def count_cases(db: Database) -> int:
    with db.reading() as conn:
        if not db.is_initialised:
            return 0
        return int(conn.execute(COUNT_CASES).fetchone()[0])
