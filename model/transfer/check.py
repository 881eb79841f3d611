"""Checking a case file before anything is written: every value through the same converters
as typing it in the app (model.inputs, or model.validation by the column's type),
the links between rows, the tables' unique constraints and the agenda steps. Every problem
is named in Swedish (table, row, field); nothing is written while one remains."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from model import validation as v
from model.labels import CaseStatus
from model.routines import RoutineError, get_routine
from model.transfer.docs import table_label
from model.transfer.format import CaseFileError, migrate
from model.transfer.tables import ROOT, TableSpec, case_tables, column_kind, default

Converter = Callable[[Any], Any]
MAX_ERRORS = 20  # problems listed in one message; the rest are counted
MAX_ROWS = 100_000  # per table; a real case has hundreds
MAX_POSITION = 1_000_000


def _store_fields(today: dt.date) -> dict[str, dict[str, Converter]]:
    """The converters the app uses when the values are typed in (model.inputs, as the store
    runs them), checking on the day `today`."""
    from model import inputs

    specs = {
        "case_": inputs.CASE,
        "participant": inputs.PARTICIPANT,
        "consent": inputs.CONSENT,
        "meeting": inputs.MEETING,
        "goal": inputs.GOAL,
        "action": inputs.ACTION,
        "deviation": inputs.DEVIATION,
        "refusal_decision": inputs.REFUSAL,
        "account": inputs.ACCOUNT,
        "attendance": inputs.ATTENDANCE,
    }
    return {table: spec.converters(lambda: today) for table, spec in specs.items()}


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


_TYPE_NAMES = {
    "text": "text",
    "bool": "true eller false",
    "int": "ett heltal",
    "date": "ett datum (ÅÅÅÅ-MM-DD)",
    "datetime": "en tidpunkt",
    "ref": "ett radnummer",
}


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


def _convert_value(
    s: TableSpec, column: Any, value: Any, fields: dict[str, Converter], today: dt.date
) -> Any:
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
        return v.parse_date(value, name, "Datumet", today=today)
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


def check_document(data: dict[str, Any], *, today: dt.date) -> dict[str, list[dict[str, Any]]]:
    """Every row converted as if typed in on the day `today` (the receiving store's clock), or
    CaseFileError listing each problem (Swedish, naming the table, row and field). Returns
    table -> rows (file numbers kept)."""
    data = migrate(data)
    problems = _Problems()
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise CaseFileError("Ärendefilen saknar tabellerna (fältet 'tables').")
    known = {s.name for s in case_tables()}
    for name in tables:
        if name not in known:
            problems.add(f"Tabellen '{str(name)[:40]}'", None, "finns inte i Lotsen.")
    store_fields = _store_fields(today)
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
                    row[name] = _convert_value(s, col, raw[name], fields, today)
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
                    problems.add(
                        f"{label} {n}",
                        link.column,
                        f"{table_label(link.target)} {ref} finns inte i filen.",
                    )
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
                    problems.add(
                        f"{label} {n}",
                        None,
                        f"fälten {fields} är desamma som i {label} {seen[key]}; "
                        "samma uppgift får bara finnas en gång.",
                    )
                else:
                    seen[key] = n


def _check_steps(out: dict[str, list[dict[str, Any]]], problems: _Problems) -> None:
    """Agenda steps must exist in the meeting's routine (as when the app sets them)."""
    meetings = {m["id"]: m for m in out.get("meeting", [])}
    for n, m in enumerate(out.get("meeting", []), start=1):
        step = m.get("current_step")
        if step and not _has_step(m.get("routine_id", ""), step):
            problems.add(
                f"{table_label('meeting')} {n}",
                "current_step",
                f"Steget '{step[:40]}' finns inte i mötets rutin.",
            )
    for n, note in enumerate(out.get("step_note", []), start=1):
        owner = meetings.get(note.get("meeting_id"))
        if owner is not None and not _has_step(
            owner.get("routine_id", ""), note.get("step_id", "")
        ):
            problems.add(
                f"{table_label('step_note')} {n}",
                "step_id",
                f"Steget '{note.get('step_id', '')[:40]}' finns inte i mötets rutin.",
            )


def _has_step(routine_id: str, step_id: str) -> bool:
    try:
        get_routine(routine_id).step(step_id)
    except (KeyError, RoutineError):
        return False
    return True
