"""The tables (SQLModel). Names in English; the Swedish term in each docstring."""

from __future__ import annotations

import datetime as dt

from pydantic import NaiveDatetime
from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from model.clock import SYSTEM


def _fk(target: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


def _now() -> dt.datetime:
    """A default for rows made outside the store (the store stamps its rows with its clock)."""
    return SYSTEM.now()


class Case(SQLModel, table=True):
    """Ärende: one child's collaboration process."""

    __tablename__ = "case_"
    id: int | None = Field(default=None, primary_key=True)
    child_name: str
    personnummer: str | None = Field(default=None, index=True)  # 12 digits
    school: str = ""
    school_class: str = ""
    interpreter_needed: bool = False
    interpreter_language: str = ""
    routine_id: str = "forsta_natverksmote"
    status: str = "open"  # open | closed
    closed_on: dt.date | None = None
    closing_reason: str = ""
    family_told_if_worse: bool = False
    # Om det blir sämre igen: how the family and the network act if things worsen (schema v2;
    # the server default lets raw inserts and the v1 -> v2 migration leave it out).
    if_worse_plan: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # -- schema v4: the Västbas roles of the case's process (seed 004) --
    coordinator_1: str = Field(default="", sa_column_kwargs={"server_default": ""})  # leads
    coordinator_2: str = Field(default="", sa_column_kwargs={"server_default": ""})  # documents
    # Kontaktperson: from the elevhälsoteam, appointed by the rektor (see model.roles).
    contact_person: str = Field(default="", sa_column_kwargs={"server_default": ""})
    spokesperson: str = Field(default="", sa_column_kwargs={"server_default": ""})  # språkrör
    spokesperson_relation: str = Field(default="", sa_column_kwargs={"server_default": ""})
    created_at: NaiveDatetime = Field(default_factory=_now)
    last_activity: NaiveDatetime = Field(default_factory=_now, index=True)


class Participant(SQLModel, table=True):
    """Deltagare i nätverket; also vårdnadshavare (kind='guardian')."""

    __tablename__ = "participant"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(sa_column=_fk("case_.id"))
    kind: str = "professional"  # professional | guardian | other
    name: str
    organisation: str = ""
    role: str = ""
    principal: str = ""  # kommun | region | skola | annan
    phone: str = ""
    email: str = ""
    address: str = ""
    removed_on: dt.date | None = None  # kept for the history of earlier meetings


class Consent(SQLModel, table=True):
    """Samtycke (sekretessamtycke)."""

    __tablename__ = "consent"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(sa_column=_fk("case_.id"))
    given_by: str
    given_on: dt.date
    form: str = "skriftligt"  # skriftligt | muntligt
    agencies: str = ""  # one agency per line
    information_kinds: str = ""
    exclusions: str = ""
    valid_until: dt.date | None = None
    revoked_on: dt.date | None = None
    meeting_id: int | None = Field(
        default=None, sa_column=_fk("meeting.id", nullable=True, ondelete="SET NULL")
    )


class Meeting(SQLModel, table=True):
    """Möte: one meeting of a case, following a routine; holds the summary (sammanfattning)."""

    __tablename__ = "meeting"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(sa_column=_fk("case_.id"))
    routine_id: str
    planned_date: dt.date | None = None
    planned_time: str = ""  # "14.30"
    place: str = ""
    question: str = ""  # frågeställning
    agreed_on: dt.date | None = None
    started_at: NaiveDatetime | None = None
    ended_at: NaiveDatetime | None = None
    current_step: str = ""
    leader: str = ""
    note_taker: str = ""
    convener: str = ""
    previous_meeting_id: int | None = Field(
        default=None, sa_column=_fk("meeting.id", nullable=True, ondelete="SET NULL")
    )
    confidentiality_covered: bool = False
    child_present: bool | None = None
    child_absence_reason: str = ""
    child_signed: bool = False
    family_story_child: str = ""
    family_story_guardians: str = ""
    family_contribution: str = ""  # vad familjen gör själv
    child_contribution: str = ""  # vad barnet gör själv
    child_view: str = ""
    guardians_view: str = ""
    lead_organisation: str = ""  # huvudansvarig
    coordinator: str = ""  # samordnare
    contact_person: str = ""  # Västbas kontaktperson
    childs_voice: str = ""  # Västbas språkrör
    next_date: dt.date | None = None
    next_time: str = ""
    next_place: str = ""
    next_convener: str = ""
    updated_at: NaiveDatetime = Field(default_factory=_now)
    # -- schema v3 (server defaults let the v2 -> v3 migration add them to existing rows) --
    held_on: dt.date | None = None  # the day it was held, when not the planned day
    cancelled_on: dt.date | None = None  # inställt
    cancel_reason: str = Field(default="", sa_column_kwargs={"server_default": ""})
    moved_from: dt.date | None = None  # flyttat från (the earlier planned date)
    move_reason: str = Field(default="", sa_column_kwargs={"server_default": ""})
    revised_at: NaiveDatetime | None = None  # changed after it was held ("Reviderad")
    lead_principal: str = Field(default="", sa_column_kwargs={"server_default": ""})
    coordinator_phone: str = Field(default="", sa_column_kwargs={"server_default": ""})
    coordinator_email: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # Seconds spent per step, as JSON {"step_id": seconds}, and when the current step began:
    # the step clock and the done marks survive a restart.
    step_times: str = Field(default="", sa_column_kwargs={"server_default": ""})
    step_started_at: NaiveDatetime | None = None


class Invitation(SQLModel, table=True):
    """Kallad: a participant invited to a meeting (next=True: to the next one)."""

    __tablename__ = "invitation"
    __table_args__ = (UniqueConstraint("meeting_id", "participant_id", "next"),)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    participant_id: int = Field(sa_column=_fk("participant.id"))
    next: bool = False


class Attendance(SQLModel, table=True):
    """Närvaro, with the signature (underskrift) and the copy handed out (utdelning)."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "participant_id"),)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    participant_id: int = Field(sa_column=_fk("participant.id"))
    status: str = ""  # present | absent | excused | "" (not yet marked)
    reason: str = ""
    walk_in: bool = False
    signed: bool = False
    received_copy: bool = False
    # Signs the plan (v3): None = by default (guardians, the child, professionals present).
    signs: bool | None = None


class StepNote(SQLModel, table=True):
    """Anteckningar per agenda step and field (free text typed during the meeting)."""

    __tablename__ = "step_note"
    __table_args__ = (UniqueConstraint("meeting_id", "step_id", "field"),)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    step_id: str
    field: str = "notes"
    text: str = ""
    updated_at: NaiveDatetime = Field(default_factory=_now)


class Account(SQLModel, table=True):
    """Redogörelse: what one profession reports at a meeting."""

    __tablename__ = "account"
    __table_args__ = (UniqueConstraint("meeting_id", "participant_id"),)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    participant_id: int = Field(sa_column=_fk("participant.id"))
    assessments: str = ""  # bedömningar/utredningar
    interventions: str = ""  # beviljade/erbjudna insatser
    written: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})  # skriftlig


class Goal(SQLModel, table=True):
    """Mål: long-term (övergripande), short-term (delmål) or the child's own goal."""

    __tablename__ = "goal"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    kind: str = "long"  # long | short | child
    text: str = ""
    progress: str = ""  # how far it came, at follow-up
    position: int = 0
    carried_from_id: int | None = Field(
        default=None, sa_column=_fk("goal.id", nullable=True, ondelete="SET NULL")
    )


class Action(SQLModel, table=True):
    """Insats/åtgärd in the plan of one meeting."""

    __tablename__ = "action"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    what: str = ""
    need: str = ""  # the need or goal it serves
    responsible_org: str = ""
    responsible_person: str = ""
    scope: str = ""  # omfattning
    how: str = ""
    start: str = ""  # from when (free text or date as typed)
    frequency: str = ""
    follow_up_on: dt.date | None = None
    status: str = "planned"  # planned | ongoing | done | not_done
    result: str = ""
    # v3: the huvudman responsible (kommun | region | enskild | annan, e.g. the family) and how
    # the follow-up is done (the date is follow_up_on).
    principal: str = Field(default="", sa_column_kwargs={"server_default": ""})
    follow_up_how: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # v4: "så säger vi det till barnet", the action said simply (Min plan).
    child_words: str = Field(default="", sa_column_kwargs={"server_default": ""})
    position: int = 0
    carried_from_id: int | None = Field(
        default=None, sa_column=_fk("action.id", nullable=True, ondelete="SET NULL")
    )


class Deviation(SQLModel, table=True):
    """Avvikelse (avvikelserapport)."""

    __tablename__ = "deviation"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(sa_column=_fk("case_.id"))
    action_id: int | None = Field(
        default=None, sa_column=_fk("action.id", nullable=True, ondelete="SET NULL")
    )
    action_text: str = ""
    what_went_wrong: str = ""
    reported_to: str = ""
    reported_by: str = ""
    reported_on: dt.date | None = None


class RefusalDecision(SQLModel, table=True):
    """Beslut om att avstå (Västbus): an agency decides alone that no further action is needed."""

    __tablename__ = "refusal_decision"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(sa_column=_fk("case_.id"))
    agency: str
    decision: str = ""
    reasons: str = ""
    decided_on: dt.date | None = None
