"""The case file's content: one case as versioned JSON, and back into a database.

Export reads every row of the case's tables (model.transfer.tables: derived from the SQLModel
metadata, so new columns travel at once) and numbers the rows of each table 1, 2, … in id
order; a foreign key holds the target's number. Import checks the whole file first, every
value through the same converters as typing it in the app (model.store's *_FIELDS, or
model.validation by the column's type), then inserts it as a new case in one transaction,
with fresh ids and every link pointing to the new rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError

from model import validation as v
from model.labels import CaseStatus
from model.routines import RoutineError, get_routine
from model.transfer.docs import FORMAT_NAME, FORMAT_VERSION, table_label
from model.transfer.tables import ROOT, TableSpec, case_tables, column_kind, default

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from model.store import Store

Converter = Callable[[Any], Any]
MAX_ERRORS = 20  # problems listed in one message; the rest are counted
MAX_ROWS = 100_000  # per table; a real case has hundreds
MAX_POSITION = 1_000_000


class CaseFileError(Exception):
    """A file that cannot be imported; str() is Swedish and nothing was changed."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class NewerFormat(CaseFileError):
    pass


class DuplicatePersonnummer(CaseFileError):
    def __init__(self, message: str, case_ids: list[int]) -> None:
        super().__init__(message)
        self.case_ids = case_ids


# -- migrations --------------------------------------------------------------------------------
# Upgrades of the parsed JSON from version n to n+1 (key n). Version 1 is the first format, so
# there are none yet; a test runs the hook with a fake older version.
Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}


def migrate(
    data: dict[str, Any],
    migrations: dict[int, Migration] | None = None,
    current: int = FORMAT_VERSION,
) -> dict[str, Any]:
    """The file's content at the current version, or CaseFileError/NewerFormat in Swedish."""
    steps = MIGRATIONS if migrations is None else migrations
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise CaseFileError("Filen är ingen ärendefil från Lotsen.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise CaseFileError("Ärendefilen saknar giltig version.")
    if version > current:
        raise NewerFormat(
            f"Ärendefilen är skriven av en nyare Lotsen (format {version}; den här versionen "
            f"läser format {current} och äldre). Uppdatera Lotsen och försök igen. "
            "Inget har lagts till."
        )
    while version < current:
        if version not in steps:
            raise CaseFileError(
                f"Ärendefilen har ett gammalt format ({version}) som den här Lotsen inte kan "
                "läsa. Inget har lagts till."
            )
        data = steps[version](data)
        version += 1
        data["version"] = version
    return data


# -- export ------------------------------------------------------------------------------------
def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@contextmanager
def _errors(store: Store) -> Iterator[None]:
    from model.db import translate_error

    try:
        yield
    except DBAPIError as exc:
        mapped = translate_error(exc.orig, store.db.path) if exc.orig is not None else None
        if mapped is None:
            raise
        raise mapped from exc


def case_document(store: Store, case_id: int, now: dt.datetime | None = None) -> dict[str, Any]:
    """The case as a JSON-ready dict (format FORMAT_VERSION). Raises NotFound-like LookupError."""
    import model

    tables: dict[str, list[dict[str, Any]]] = {}
    with store.db.lock, _errors(store), store.engine.connect() as conn:
        try:
            numbers: dict[str, dict[int, int]] = {}
            for s in case_tables():
                rows = _case_rows(conn, s, case_id, numbers)
                if s.name == ROOT and not rows:
                    raise LookupError(f"Ärendet finns inte (id {case_id}).")
                numbers[s.name] = {r["id"]: n for n, r in enumerate(rows, start=1)}
                tables[s.name] = rows
            for s in case_tables():
                for row in tables[s.name]:
                    for link in s.links:
                        if row[link.column] is not None:
                            # A link out of the case (never made by Lotsen) is dropped.
                            row[link.column] = numbers[link.target].get(row[link.column])
                    row["id"] = numbers[s.name][row["id"]]
                    for key, value in row.items():
                        row[key] = _json_value(value)
        finally:
            conn.rollback()
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": (now or dt.datetime.now()).replace(microsecond=0).isoformat(),
        "exported_by": f"Lotsen {model.__version__}",
        "tables": tables,
    }


def _case_rows(
    conn: Connection, s: TableSpec, case_id: int, numbers: dict[str, dict[int, int]]
) -> list[dict[str, Any]]:
    table = s.table
    query = select(table).order_by(table.c.id)
    if s.name == ROOT:
        query = query.where(table.c.id == case_id)
    else:
        owner = s.owner
        assert owner is not None
        ids = list(numbers[owner.target])
        if not ids:
            return []
        query = query.where(table.c[owner.column].in_(ids))
    return [dict(r._mapping) for r in conn.execute(query)]


def dumps(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def loads(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise CaseFileError(
            "Filen är ingen läsbar ärendefil (inte giltig JSON). Den kan vara avkortad eller "
            "skadad. Inget har lagts till."
        ) from None
    if not isinstance(data, dict):
        raise CaseFileError("Filen är ingen ärendefil från Lotsen.")
    return data


# -- import: checking every value ----------------------------------------------------------------
def _store_fields() -> dict[str, dict[str, Converter]]:
    """The converters the app uses when the values are typed in (model.store)."""
    from model import store as st

    return {
        "case_": st.CASE_FIELDS,
        "participant": st.PARTICIPANT_FIELDS,
        "consent": st.CONSENT_FIELDS,
        "meeting": st.MEETING_FIELDS,
        "goal": st.GOAL_FIELDS,
        "action": st.ACTION_FIELDS,
        "deviation": st.DEVIATION_FIELDS,
        "refusal_decision": st.REFUSAL_FIELDS,
        "account": st.ACCOUNT_FIELDS,
        "attendance": st.ATTENDANCE_FIELDS,
    }


CASE_STATUS = CaseStatus.labels()


def _special(table: str, column: str) -> Converter | None:
    """Columns the app sets itself (not typed), checked here like the store would set them."""
    if (table, column) == ("case_", "status"):
        return lambda x: v.choice(x, CASE_STATUS, "status", "Status")
    if (table, column) in (("step_note", "step_id"), ("step_note", "field")):
        return lambda x: _nonempty_line(x, column)
    return None


def _nonempty_line(value: Any, field: str) -> str:
    text = v.clean_text(value).strip()
    if not text:
        raise v.InvalidInput(field, "Fältet får inte vara tomt.")
    if len(text) > 200:
        raise v.InvalidInput(field, "Fältet är för långt (högst 200 tecken).")
    return text


def _datetime(value: Any, field: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise v.InvalidInput(
            field, f"Tidpunkten kan inte läsas ({value[:40]}): skriv ÅÅÅÅ-MM-DDTHH:MM:SS."
        ) from None
    if parsed.tzinfo is not None:
        raise v.InvalidInput(field, "Tidpunkten ska vara lokal tid utan tidszon.")
    if not v.in_date_range(parsed.date()):
        raise v.InvalidInput(
            field, f"Tidpunkten måste ligga mellan år {v.FIRST_YEAR} och {v.LAST_YEAR}."
        )
    return parsed


_TYPE_NAMES = {"text": "text", "bool": "true eller false", "int": "ett heltal",
               "date": "ett datum (ÅÅÅÅ-MM-DD)", "datetime": "en tidpunkt",
               "ref": "ett radnummer"}  # fmt: skip


def _check_type(kind: str, value: Any, nullable: bool, field: str) -> None:
    if value is None:
        if nullable:
            return
        raise v.InvalidInput(field, "Värdet saknas (null är inte tillåtet här).")
    ok = {
        "text": isinstance(value, str),
        "date": isinstance(value, str),
        "datetime": isinstance(value, str),
        "bool": isinstance(value, bool),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "ref": isinstance(value, int) and not isinstance(value, bool),
    }[kind]
    if not ok:
        raise v.InvalidInput(field, f"Värdet ska vara {_TYPE_NAMES[kind]}.")


def _convert_value(s: TableSpec, column: Any, value: Any, fields: dict[str, Converter]) -> Any:
    name = column.name
    kind = column_kind(column)
    _check_type(kind, value, bool(column.nullable) and not column.primary_key, name)
    if value is None:
        return None
    if kind == "ref":
        if value < 1:
            raise v.InvalidInput(name, "Radnumret måste vara 1 eller större.")
        return value
    special = _special(s.name, name)
    if special is not None:
        return special(value)
    if name in fields:
        return fields[name](value)
    if kind == "text":
        return v.clean_text(value)
    if kind == "date":
        return v.parse_date(value, name, "Datumet")
    if kind == "datetime":
        return _datetime(value, name)
    if kind == "int":
        if not 0 <= value <= MAX_POSITION:
            raise v.InvalidInput(name, f"Talet måste ligga mellan 0 och {MAX_POSITION}.")
        return value
    return bool(value)


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, field: str | None, message: str) -> None:
        at = f"{where}, fältet '{field}'" if field else where
        self.items.append(f"{at}: {message}")

    def raise_if_any(self) -> None:
        if not self.items:
            return
        shown = self.items[:MAX_ERRORS]
        more = len(self.items) - len(shown)
        lines = "\n".join(f"  – {p}" for p in shown)
        extra = f"\n  … och {more} fel till." if more else ""
        raise CaseFileError(
            f"Ärendefilen kan inte tas emot. Inget har lagts till.\n{lines}{extra}", self.items
        )


def check_document(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every row converted as if typed in, or CaseFileError listing each problem (Swedish,
    naming the table, row and field). Returns table -> rows (file numbers kept)."""
    data = migrate(data)
    problems = _Problems()
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise CaseFileError("Ärendefilen saknar tabellerna (fältet 'tables').")
    known = {s.name for s in case_tables()}
    for name in tables:
        if name not in known:
            problems.add(f"Tabellen '{str(name)[:40]}'", None, "finns inte i Lotsen.")
    store_fields = _store_fields()
    out: dict[str, list[dict[str, Any]]] = {}
    numbers: dict[str, set[int]] = {}
    for s in case_tables():
        label = table_label(s.name)
        rows = tables.get(s.name, [])
        if not isinstance(rows, list):
            problems.add(label, None, "ska vara en lista av rader.")
            rows = []
        if len(rows) > MAX_ROWS:
            problems.add(label, None, f"har fler än {MAX_ROWS} rader.")
            rows = []
        fields = store_fields.get(s.name, {})
        columns = {c.name: c for c in s.columns}
        converted: list[dict[str, Any]] = []
        for n, raw in enumerate(rows, start=1):
            where = label if s.name == ROOT else f"{label} {n}"
            if not isinstance(raw, dict):
                problems.add(where, None, "raden ska vara ett objekt.")
                continue
            row: dict[str, Any] = {}
            for key in raw:
                if key not in columns:
                    problems.add(where, str(key)[:40], "fältet finns inte i Lotsen.")
            for name, col in columns.items():
                if name not in raw:
                    has, value = default(s, name)
                    if col.primary_key or not has:
                        problems.add(where, name, "fältet saknas.")
                        continue
                    row[name] = value
                    continue
                try:
                    row[name] = _convert_value(s, col, raw[name], fields)
                except v.InvalidInput as exc:
                    problems.add(where, name, exc.message)
            converted.append(row)
        ids = [r.get("id") for r in converted]
        if len(set(ids)) != len(ids):
            problems.add(label, "id", "samma radnummer finns flera gånger.")
        numbers[s.name] = {i for i in ids if isinstance(i, int)}
        out[s.name] = converted
    if len(out.get(ROOT, [])) != 1:
        problems.add(table_label(ROOT), None, "filen ska innehålla exakt ett ärende.")
    problems.raise_if_any()
    # Links: every number must name a row of the target table in this file.
    for s in case_tables():
        label = table_label(s.name)
        for n, row in enumerate(out[s.name], start=1):
            for link in s.links:
                ref = row.get(link.column)
                if ref is not None and ref not in numbers[link.target]:
                    problems.add(f"{label} {n}", link.column,
                                 f"{table_label(link.target)} {ref} finns inte i filen.")  # fmt: skip
    problems.raise_if_any()
    _check_unique(out, problems)
    _check_steps(out, problems)
    problems.raise_if_any()
    return out


def _check_unique(out: dict[str, list[dict[str, Any]]], problems: _Problems) -> None:
    """The tables' unique constraints (one attendance per person and meeting, ...), checked
    before writing so the message can name the rows and fields."""
    from sqlalchemy import UniqueConstraint

    for s in case_tables():
        label = table_label(s.name)
        for constraint in s.table.constraints:
            if not isinstance(constraint, UniqueConstraint):
                continue
            names = [c.name for c in constraint.columns]
            seen: dict[tuple[Any, ...], int] = {}
            for n, row in enumerate(out[s.name], start=1):
                key = tuple(row.get(c) for c in names)
                if key in seen:
                    fields = ", ".join(f"'{c}'" for c in names)
                    problems.add(f"{label} {n}", None,
                                 f"fälten {fields} är desamma som i {label} {seen[key]}; "
                                 "samma uppgift får bara finnas en gång.")  # fmt: skip
                else:
                    seen[key] = n


def _check_steps(out: dict[str, list[dict[str, Any]]], problems: _Problems) -> None:
    """Agenda steps must exist in the meeting's routine (as when the app sets them)."""
    meetings = {m["id"]: m for m in out.get("meeting", [])}
    for n, m in enumerate(out.get("meeting", []), start=1):
        step = m.get("current_step")
        if step and not _has_step(m.get("routine_id", ""), step):
            problems.add(f"{table_label('meeting')} {n}", "current_step",
                         f"Steget '{step[:40]}' finns inte i mötets rutin.")  # fmt: skip
    for n, note in enumerate(out.get("step_note", []), start=1):
        owner = meetings.get(note.get("meeting_id"))
        if owner is not None and not _has_step(
            owner.get("routine_id", ""), note.get("step_id", "")
        ):
            problems.add(f"{table_label('step_note')} {n}", "step_id",
                         f"Steget '{note.get('step_id', '')[:40]}' finns inte i mötets rutin.")  # fmt: skip


def _has_step(routine_id: str, step_id: str) -> bool:
    try:
        get_routine(routine_id).step(step_id)
    except (KeyError, RoutineError):
        return False
    return True


# -- import: writing -----------------------------------------------------------------------------
def duplicate_cases(store: Store, personnummer: str | None) -> list[int]:
    """Ids of the cases in the database with this (stored, 12-digit) personnummer."""
    if not personnummer:
        return []
    from model.transfer.tables import spec

    table = spec(ROOT).table
    with store.db.lock, _errors(store), store.engine.connect() as conn:
        try:
            rows = conn.execute(
                select(table.c.id).where(table.c.personnummer == personnummer)
            ).all()
        finally:
            conn.rollback()
    return [int(r[0]) for r in rows]


def import_document(store: Store, data: dict[str, Any], *, as_new: bool = False) -> int:
    """Add the file's case as a new case (one transaction); returns its id.

    A child whose personnummer is already in the database raises DuplicatePersonnummer
    unless as_new. Anything wrong in the file raises CaseFileError and changes nothing."""
    rows = check_document(data)
    case_row = rows[ROOT][0]
    if not as_new:
        existing = duplicate_cases(store, case_row.get("personnummer"))
        if existing:
            which = ", ".join(str(i) for i in existing)
            raise DuplicatePersonnummer(
                f"Det finns redan ett ärende för barnet med personnumret "
                f"{v.format_personnummer(case_row['personnummer'])} (ärende {which}). "
                "Inget har slagits ihop. Ta emot det som ett nytt ärende bara om det är rätt.",
                existing,
            )
    with store.db.writing(), _errors(store), store.engine.connect() as conn:
        try:
            with conn.begin():
                new_id = _insert(conn, rows)
        except IntegrityError as exc:
            raise CaseFileError(
                "Ärendefilen kan inte tas emot: den innehåller samma uppgift två gånger eller "
                f"en koppling som inte går ihop ({_short(exc)}). Inget har lagts till."
            ) from None
    return new_id


def _short(exc: IntegrityError) -> str:
    return str(exc.orig).split("\n")[0][:120] if exc.orig is not None else "okänt"


def _insert(conn: Connection, rows: dict[str, list[dict[str, Any]]]) -> int:
    new_ids: dict[str, dict[int, int]] = {}
    later: list[tuple[TableSpec, int, str, str, int]] = []  # links to rows not yet inserted
    for s in case_tables():
        mapping: dict[int, int] = {}
        new_ids[s.name] = mapping
        insert = s.table.insert()  # one statement per table: compiled once, cached
        for row in sorted(rows[s.name], key=lambda r: r["id"]):
            values = {k: val for k, val in row.items() if k != "id"}
            pending = []
            for link in s.links:
                ref = values.get(link.column)
                if ref is None:
                    continue
                target = new_ids[link.target].get(ref)
                if target is None:  # a forward link within the table (never made by Lotsen)
                    values[link.column] = None
                    pending.append((link.column, link.target, ref))
                else:
                    values[link.column] = target
            result = conn.execute(insert, values)
            new = int(result.inserted_primary_key[0])  # type: ignore[index]
            mapping[row["id"]] = new
            later += [(s, new, col, table, ref) for col, table, ref in pending]
    for s, row_id, column, target_table, ref in later:
        new_ref = new_ids[target_table][ref]
        conn.execute(s.table.update().where(s.table.c.id == row_id).values({column: new_ref}))
    return new_ids[ROOT][1] if 1 in new_ids[ROOT] else next(iter(new_ids[ROOT].values()))
