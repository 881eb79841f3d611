"""Plain, read-only views of a case and a meeting (no session, no ORM): what exports and
readiness checks read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from model.clock import SYSTEM
from model.labels import AttendanceStatus, CaseStatus, MeetingState
from model.routines import Routine
from model.validation import format_personnummer


def initials(name: str) -> str:
    """ "Alva Lind-Berg" -> "A.L.B." — used in the privacy mode and in file names."""
    parts = [p for p in name.replace("-", " ").split() if p]
    return "".join(p[0].upper() + "." for p in parts) or "?"


def step_times(stored: str) -> dict[str, int]:
    """Seconds spent per step from the meeting's JSON (empty or damaged: none)."""
    import json

    try:
        data = json.loads(stored) if stored else {}
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): int(v) for k, v in data.items() if isinstance(v, int | float) and v >= 0}


@dataclass(frozen=True)
class PersonView:
    """Deltagare or vårdnadshavare."""

    id: int
    kind: str
    name: str
    organisation: str = ""
    role: str = ""
    principal: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    removed_on: dt.date | None = None

    @property
    def contact(self) -> str:
        return ", ".join(x for x in (self.phone, self.email) if x)

    @property
    def is_professional(self) -> bool:
        return self.kind == "professional"

    @property
    def agency(self) -> str:
        """The organisation a consent must cover (for a guardian: none)."""
        return self.organisation if self.kind == "professional" else ""


@dataclass(frozen=True)
class ConsentView:
    """Samtycke."""

    id: int
    given_by: str
    given_on: dt.date
    form: str
    agencies: tuple[str, ...]
    information_kinds: str
    exclusions: str
    valid_until: dt.date | None
    revoked_on: dt.date | None

    def in_force(self, on: dt.date) -> bool:
        if self.given_on > on:
            return False
        if self.revoked_on is not None and self.revoked_on <= on:
            return False
        return self.valid_until is None or self.valid_until >= on

    def excludes(self, agency: str) -> bool:
        """The family excluded this agency in the consent (named in the exclusions)."""
        wanted = agency.strip().casefold()
        return bool(wanted) and wanted in self.exclusions.casefold()

    def covers(self, agency: str) -> bool:
        wanted = agency.strip().casefold()
        return any(
            a.strip().casefold() == wanted or wanted.startswith(a.strip().casefold())
            for a in self.agencies
            if a.strip()
        )


def signs_by_default(kind: str) -> bool:
    """Who signs the plan unless chosen otherwise: the guardians and the professionals
    present (not a grandmother or another private person who came along)."""
    return kind in ("guardian", "professional")


@dataclass(frozen=True)
class AttendanceView:
    participant: PersonView
    status: str  # present | absent | excused | ""
    reason: str = ""
    walk_in: bool = False
    signed: bool = False
    received_copy: bool = False
    signs: bool | None = None  # chosen per person; None: by default, see signs_plan

    @property
    def signs_plan(self) -> bool:
        """Signs the plan: as chosen for the person, else the guardians and the professionals
        who are present (a grandmother who came along does not, unless chosen)."""
        if self.status != AttendanceStatus.PRESENT:
            return False
        if self.signs is not None:
            return self.signs
        return signs_by_default(self.participant.kind)


@dataclass(frozen=True)
class AccountView:
    """Redogörelse."""

    participant: PersonView
    assessments: str
    interventions: str
    written: bool = False  # skriftlig redogörelse (sent by someone who could not come)


@dataclass(frozen=True)
class GoalView:
    id: int
    kind: str  # long | short | child
    text: str
    progress: str = ""
    carried_from_id: int | None = None


@dataclass(frozen=True)
class ActionView:
    """Insats; `number` is its 1-based place in the plan ("Insats 3")."""

    id: int
    number: int
    what: str
    need: str = ""
    responsible_org: str = ""
    responsible_person: str = ""
    scope: str = ""
    how: str = ""
    start: str = ""
    frequency: str = ""
    follow_up_on: dt.date | None = None
    status: str = "planned"
    result: str = ""
    carried_from_id: int | None = None
    principal: str = ""
    follow_up_how: str = ""
    child_words: str = ""  # så säger vi det till barnet (Min plan)

    @property
    def for_the_child(self) -> str:
        """The action as the child hears it: the words for the child, else its title."""
        return (self.child_words.strip() or self.what.strip()).split("\n")[0].strip()


@dataclass(frozen=True)
class DeviationView:
    id: int
    action_text: str
    what_went_wrong: str
    reported_to: str
    reported_by: str
    reported_on: dt.date | None


@dataclass(frozen=True)
class RefusalView:
    id: int
    agency: str
    decision: str
    reasons: str
    decided_on: dt.date | None


@dataclass(frozen=True)
class CaseView:
    """Ärende with its people, consents, deviations and refusal decisions."""

    id: int
    child_name: str
    personnummer: str | None
    school: str
    school_class: str
    interpreter_needed: bool
    interpreter_language: str
    routine_id: str
    status: str
    closed_on: dt.date | None
    closing_reason: str
    family_told_if_worse: bool
    guardians: tuple[PersonView, ...] = ()
    participants: tuple[PersonView, ...] = ()  # the network, guardians excluded
    consents: tuple[ConsentView, ...] = ()
    deviations: tuple[DeviationView, ...] = ()
    refusals: tuple[RefusalView, ...] = ()
    if_worse_plan: str = ""  # om det blir sämre igen: how the family and network act
    # Västbas roles (seed 004): koordinator 1 leads, 2 documents; kontaktperson; språkrör.
    coordinator_1: str = ""
    coordinator_2: str = ""
    contact_person: str = ""
    spokesperson: str = ""
    spokesperson_relation: str = ""

    @property
    def spokesperson_line(self) -> str:
        """ "Britt Nyström (mormor)", or the name alone, or ""."""
        name, rel = self.spokesperson.strip(), self.spokesperson_relation.strip()
        return f"{name} ({rel})" if name and rel else name

    @property
    def personnummer_display(self) -> str:
        return format_personnummer(self.personnummer)

    @property
    def child_initials(self) -> str:
        return initials(self.child_name)

    def consents_in_force(self, on: dt.date) -> list[ConsentView]:
        return [c for c in self.consents if c.in_force(on)]


def meeting_status(
    started_at: dt.datetime | None, ended_at: dt.datetime | None, cancelled_on: dt.date | None
) -> str:
    """A meeting's state from its times: planned | in_progress | held | cancelled."""
    if ended_at:
        return MeetingState.HELD.value
    if started_at:
        return MeetingState.IN_PROGRESS.value
    return (MeetingState.CANCELLED if cancelled_on else MeetingState.PLANNED).value


@dataclass(frozen=True)
class MeetingView:
    """Möte with everything recorded in it; the plan (goals, actions) is this meeting's."""

    id: int
    case: CaseView
    routine: Routine
    planned_date: dt.date | None
    planned_time: str
    place: str
    question: str
    agreed_on: dt.date | None
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    current_step: str
    leader: str
    note_taker: str
    convener: str
    confidentiality_covered: bool
    child_present: bool | None
    child_absence_reason: str
    child_signed: bool
    family_story_child: str
    family_story_guardians: str
    family_contribution: str
    child_contribution: str
    child_view: str
    guardians_view: str
    lead_organisation: str
    coordinator: str
    contact_person: str
    childs_voice: str
    next_date: dt.date | None
    next_time: str
    next_place: str
    next_convener: str
    previous_meeting_id: int | None = None
    invitees: tuple[PersonView, ...] = ()
    next_invitees: tuple[PersonView, ...] = ()
    attendance: tuple[AttendanceView, ...] = ()
    accounts: tuple[AccountView, ...] = ()
    goals: tuple[GoalView, ...] = ()
    actions: tuple[ActionView, ...] = ()
    notes: dict[tuple[str, str], str] = field(default_factory=dict)
    # The store clock's day when the view was read (None in a view built by hand): see read_on.
    today: dt.date | None = None
    held_on: dt.date | None = None
    cancelled_on: dt.date | None = None
    cancel_reason: str = ""
    moved_from: dt.date | None = None
    move_reason: str = ""
    revised_at: dt.datetime | None = None
    lead_principal: str = ""
    coordinator_phone: str = ""
    coordinator_email: str = ""
    step_times: str = ""
    step_started_at: dt.datetime | None = None
    # The day of the case's meeting held before this one (None for the first), and whether a
    # meeting of the case was held after this one: what "since the last meeting" and "the
    # closing meeting" are measured by.
    previous_date: dt.date | None = None
    later_meeting_held: bool = False

    @property
    def status(self) -> str:
        """planned | in_progress | held | cancelled"""
        return meeting_status(self.started_at, self.ended_at, self.cancelled_on)

    @property
    def date(self) -> dt.date:
        """The meeting's one date, used by every document: the day it was held when that was
        recorded, else the planned day, else the day it started, else today."""
        if self.held_on:
            return self.held_on
        if self.planned_date:
            return self.planned_date
        return self.started_at.date() if self.started_at else self.read_on

    @property
    def read_on(self) -> dt.date:
        """What the view counts as today (for `date` and the readiness checks): the store
        clock's day when it was read, else the system clock's."""
        return self.today or SYSTEM.today()

    @property
    def is_follow_up(self) -> bool:
        return self.routine.follow_up

    @property
    def present(self) -> list[PersonView]:
        return [a.participant for a in self.attendance if a.status == AttendanceStatus.PRESENT]

    @property
    def carried_actions(self) -> list[ActionView]:
        return [a for a in self.actions if a.carried_from_id is not None]

    @property
    def new_actions(self) -> list[ActionView]:
        return [a for a in self.actions if a.carried_from_id is None]

    def seconds_in(self, step_id: str) -> int:
        """Seconds spent in a step before now (the current step's running time not included)."""
        return step_times(self.step_times).get(step_id, 0)

    @property
    def signers(self) -> list[AttendanceView]:
        """Those who sign the plan (see AttendanceView.signs_plan)."""
        return [a for a in self.attendance if a.signs_plan]

    def goals_of(self, kind: str) -> list[GoalView]:
        return [g for g in self.goals if g.kind == kind]

    def note(self, step_id: str, field_key: str = "notes") -> str:
        return self.notes.get((step_id, field_key), "")

    @property
    def coordinator_name(self) -> str:
        """Samordnare (Norrbus) or kontaktperson (Västbas), by the routine."""
        if self.routine.coordinator == "kontaktperson":
            return self.contact_person or self.case.contact_person or self.coordinator
        return self.coordinator

    def with_fields(self, **changes: Any) -> MeetingView:
        """The view after a write of the meeting's own columns that the caller just made
        (the screen keeps it current without reading the whole meeting again)."""
        return replace(self, **changes)

    def with_attendance(self, participant_id: int, **changes: Any) -> MeetingView:
        """The view after `set_attendance(meeting, participant_id, **changes)`."""
        rows = tuple(
            replace(a, **changes) if a.participant.id == participant_id else a
            for a in self.attendance
        )
        return replace(self, attendance=rows)

    @property
    def is_closing(self) -> bool:
        """The meeting at which the case was closed: the last one held in a closed case (an
        earlier meeting's documents, exported after the closing, never print the closing)."""
        return self.case.status == CaseStatus.CLOSED and not self.later_meeting_held
