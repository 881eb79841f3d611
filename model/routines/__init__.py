"""Routines (rutiner) as data: one TOML file per meeting kind, loaded and validated at start."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

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
DEADLINE_KINDS = {"none", "calendar_days", "working_days"}
DOCUMENTS = {"sip", "uppfoljning", "anteckningar"}
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
        if self.kind == "calendar_days":
            weeks, rest = divmod(self.days, 7)
            return f"inom {weeks} veckor" if not rest else f"inom {self.days} dagar"
        return "ingen tidsgräns"


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
    deadline_data = data.get("deadline", {"kind": "none"})
    if not isinstance(deadline_data, dict):
        raise fail("'deadline' ska vara en tabell ([deadline]).", key="deadline")
    dl_kind = deadline_data.get("kind", "none")
    if dl_kind not in DEADLINE_KINDS:
        raise fail(
            f"okänd tidsgräns '{dl_kind}' (tillåtna: {', '.join(sorted(DEADLINE_KINDS))}).",
            key="kind",
            section="deadline",
        )
    days = deadline_data.get("days", 0)
    if dl_kind != "none" and (not isinstance(days, int) or days <= 0):
        raise fail("'days' ska vara ett positivt heltal.", key="days", section="deadline")
    if dl_kind != "none" and days > MAX_DEADLINE_DAYS:
        raise fail(f"'days' får vara högst {MAX_DEADLINE_DAYS}.", key="days", section="deadline")
    document = data.get("document", "sip")
    if document not in DOCUMENTS:
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
            raise fail(f"okänd stegtyp '{raw['kind']}' (tillåtna: {', '.join(sorted(STEP_KINDS))}).",
                       i, "kind")  # fmt: skip
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
        steps.append(Step(sid, raw["title"], raw["kind"], raw["guidance"], raw["minutes"],
                          tuple(fields)))  # fmt: skip
    return Routine(
        id=data["id"],
        name=data["name"],
        source=data.get("source", ""),
        follow_up=bool(data.get("follow_up", False)),
        document=document,
        deadline=Deadline(dl_kind, days),
        steps=tuple(steps),
        coordinator=data.get("coordinator", "samordnare"),
        path=path,
    )


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
