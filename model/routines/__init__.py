"""Routines (rutiner) as data: one TOML file per meeting kind, loaded and validated at start."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from model.documents import ROUTINE_DOCUMENTS

STEP_KINDS = {
    "attendance",
    "confidentiality",
    "family_story",
    "accounts",
    "questions",
    "dialog",
    "summary",
    "closing",
    "text",
}
DEADLINE_KINDS = {"none", "calendar_days", "working_days", "months"}
# Text-step fields that write to the meeting itself rather than to a note.
MEETING_TEXT_FIELDS = {"childs_voice", "contact_person", "coordinator", "lead_organisation"}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_DEADLINE_DAYS = 1000  # a deadline is weeks away; this keeps the date arithmetic sane


class RoutineError(Exception):
    """A broken routine file; the message names the file and the line."""


@dataclass(frozen=True)
class TextField:
    key: str  # a note key, or "meeting.<column>"
    label: str


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    kind: str
    guidance: str
    minutes: int
    fields: tuple[TextField, ...] = ()


@dataclass(frozen=True)
class Deadline:
    kind: str = "none"
    days: int = 0

    def describe(self) -> str:
        if self.kind == "working_days":
            return f"inom {self.days} arbetsdagar"
        if self.kind == "months":
            return f"inom {self.days} månad" + ("er" if self.days != 1 else "")
        if self.kind == "calendar_days":
            weeks, rest = divmod(self.days, 7)
            return f"inom {weeks} veckor" if not rest else f"inom {self.days} dagar"
        return "ingen tidsgräns"


@dataclass(frozen=True)
class DueRule:
    """A date the routine sets after one of its meetings was held ([[due]] in the file): what
    is to be done, by when, and which later meeting counts as having done it (see model.due)."""

    id: str
    text: str  # "Kontaktpersonen lyfter ärendet till elevhälsoteamet"
    short: str  # for the case list: "Lyft till elevhälsoteamet"
    deadline: Deadline
    # Done when a later meeting of the case is held this many days or more after this one
    # (0: any later meeting); None: only closing the case ends it.
    done_by_meeting_after_days: int | None = 0


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    source: str
    follow_up: bool
    document: str
    deadline: Deadline
    steps: tuple[Step, ...]
    coordinator: str = "samordnare"  # samordnare (Norrbus) | kontaktperson (Västbas)
    due: tuple[DueRule, ...] = ()
    path: Path | None = field(default=None, compare=False)

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    def has_kind(self, kind: str) -> bool:
        return any(s.kind == kind for s in self.steps)

    def step_of_kind(self, kind: str) -> Step | None:
        return next((s for s in self.steps if s.kind == kind), None)

    @property
    def planned_minutes(self) -> int:
        return sum(s.minutes for s in self.steps)


BUILTIN_DIR = Path(__file__).parent


def _line_of(text: str, step_index: int | None, key: str | None, section: str = "") -> int:
    """The 1-based line of a key: within the n-th [[steps]] block, or the [section] table,
    when given; the block's first line when the key is not written there."""
    lines = text.splitlines()
    start, end = 0, len(lines)
    if step_index is not None:
        blocks = [i for i, ln in enumerate(lines) if ln.strip() == "[[steps]]"]
        if step_index < len(blocks):
            start = blocks[step_index]
            end = blocks[step_index + 1] if step_index + 1 < len(blocks) else len(lines)
    elif section:
        for i, ln in enumerate(lines):
            if ln.strip() == f"[{section}]":
                start = i
                nxt = [j for j in range(i + 1, len(lines)) if lines[j].lstrip().startswith("[")]
                end = nxt[0] if nxt else len(lines)
                break
    else:  # top-level keys come before the first table
        tables = [i for i, ln in enumerate(lines) if ln.lstrip().startswith("[")]
        end = tables[0] if tables else len(lines)
    if key:
        for i in range(start, end):
            if re.match(rf"\s*{re.escape(key)}\s*=", lines[i]):
                return i + 1
    return start + 1


def load_routine(path: Path) -> Routine:
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = m.group(1) if m else "?"
        raise RoutineError(f"Rutinfilen {path}, rad {line}: felaktig TOML ({exc}).") from None

    def fail(
        msg: str, step: int | None = None, key: str | None = None, section: str = ""
    ) -> RoutineError:
        line = _line_of(text, step, key, section)
        return RoutineError(f"Rutinfilen {path}, rad {line}: {msg}")

    for key in ("id", "name", "steps"):
        if key not in data:
            raise fail(f"'{key}' saknas.")
    if not isinstance(data["id"], str) or not _ID.match(data["id"]):
        raise fail("'id' ska vara små bokstäver, siffror och _.", key="id")
    deadline = _deadline(data.get("deadline", {"kind": "none"}), fail, "deadline")
    document = data.get("document", "sip")
    if document not in ROUTINE_DOCUMENTS:
        raise fail(f"okänt dokument '{document}'.", key="document")
    steps: list[Step] = []
    seen: set[str] = set()
    if not isinstance(data["steps"], list) or not data["steps"]:
        raise fail("rutinen har inga steg ([[steps]]).")
    for i, raw in enumerate(data["steps"]):
        if not isinstance(raw, dict):
            raise fail(f"steg {i + 1} ska vara en tabell ([[steps]]).", step=i)
        for key in ("id", "title", "kind", "guidance", "minutes"):
            if key not in raw:
                raise fail(f"steg {i + 1} saknar '{key}'.", step=i)
        sid = raw["id"]
        if not isinstance(sid, str) or not _ID.match(sid):
            raise fail(f"steg {i + 1}: 'id' ska vara små bokstäver, siffror och _.", i, "id")
        if sid in seen:
            raise fail(f"steg-id '{sid}' finns två gånger.", i, "id")
        seen.add(sid)
        if raw["kind"] not in STEP_KINDS:
            raise fail(
                f"okänd stegtyp '{raw['kind']}' (tillåtna: {', '.join(sorted(STEP_KINDS))}).",
                i,
                "kind",
            )
        if not isinstance(raw["minutes"], int) or raw["minutes"] <= 0:
            raise fail("'minutes' ska vara ett positivt heltal.", i, "minutes")
        fields = []
        for f in raw.get("fields", []):
            if not isinstance(f, dict) or "key" not in f or "label" not in f:
                raise fail("varje fält ska ha 'key' och 'label'.", i, "fields")
            if f["key"].startswith("meeting.") and f["key"][8:] not in MEETING_TEXT_FIELDS:
                raise fail(f"fältet '{f['key']}' finns inte på mötet.", i, "fields")
            fields.append(TextField(f["key"], f["label"]))
        if raw["kind"] == "text" and not fields:
            raise fail("ett steg av typen 'text' behöver minst ett fält (fields).", i, "kind")
        steps.append(
            Step(sid, raw["title"], raw["kind"], raw["guidance"], raw["minutes"], tuple(fields))
        )
    return Routine(
        id=data["id"],
        name=data["name"],
        source=data.get("source", ""),
        follow_up=bool(data.get("follow_up", False)),
        document=document,
        deadline=deadline,
        steps=tuple(steps),
        coordinator=data.get("coordinator", "samordnare"),
        due=_due_rules(data.get("due", []), fail),
        path=path,
    )


def _deadline(
    raw: object, fail: Callable[..., RoutineError], section: str, step: int | None = None
) -> Deadline:
    """[deadline] (or a [[due]] entry): kind, and days (months = N for kind "months")."""
    where = {"section": section} if step is None else {"step": step}
    if not isinstance(raw, dict):
        raise fail(f"'{section}' ska vara en tabell ([{section}]).", key=section)
    kind = raw.get("kind", "none")
    if kind not in DEADLINE_KINDS:
        raise fail(
            f"okänd tidsgräns '{kind}' (tillåtna: {', '.join(sorted(DEADLINE_KINDS))}).",
            key="kind",
            **where,
        )
    key = "months" if kind == "months" else "days"
    count = raw.get(key, 0)
    if kind != "none" and (not isinstance(count, int) or isinstance(count, bool) or count <= 0):
        raise fail(f"'{key}' ska vara ett positivt heltal.", key=key, **where)
    limit = MAX_DEADLINE_DAYS // 30 if kind == "months" else MAX_DEADLINE_DAYS
    if kind != "none" and count > limit:
        raise fail(f"'{key}' får vara högst {limit}.", key=key, **where)
    return Deadline(kind, count if kind != "none" else 0)


def _due_rules(raw: object, fail: Callable[..., RoutineError]) -> tuple[DueRule, ...]:
    """[[due]]: dates counted from the day a meeting of this routine was held."""
    if not isinstance(raw, list):
        raise fail("'due' ska skrivas som [[due]].", key="due")
    rules: list[DueRule] = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict):
            raise fail(f"tidsregel {i + 1} ska vara en tabell ([[due]]).", key="due")
        for key in ("id", "text", "kind"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise fail(f"tidsregel {i + 1} ([[due]]) saknar '{key}'.", key="due")
        deadline = _deadline(entry, fail, "due")
        if deadline.kind == "none":
            raise fail(f"tidsregel {i + 1} ([[due]]) behöver en tidsgräns.", key="due")
        after = entry.get("done_by_meeting_after_days", 0)
        if after is not None and (
            not isinstance(after, int) or isinstance(after, bool) or after < 0
        ):
            raise fail(
                f"tidsregel {i + 1}: 'done_by_meeting_after_days' ska vara ett heltal "
                "(0 eller mer).",
                key="due",
            )
        text = entry["text"].strip()
        rules.append(
            DueRule(entry["id"], text, str(entry.get("short", text)).strip(), deadline, after)
        )
    return tuple(rules)


def load_routines(folders: tuple[Path, ...] = (BUILTIN_DIR,)) -> dict[str, Routine]:
    """Every *.toml in the folders; a municipality's own folder may add or replace routines."""
    found: dict[str, Routine] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            routine = load_routine(path)
            found[routine.id] = routine
    return found


@cache
def routines() -> dict[str, Routine]:
    from model.paths import config_dir

    extra = config_dir() / "rutiner"
    return load_routines((BUILTIN_DIR, extra) if extra.is_dir() else (BUILTIN_DIR,))


def get_routine(routine_id: str) -> Routine:
    try:
        return routines()[routine_id]
    except KeyError:
        raise RoutineError(f"Rutinen '{routine_id}' finns inte.") from None
