"""Meetings (möten): planning with the invitations (kallade), start and end, the step the guide
is in, and reading a meeting with everything recorded in it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from model import inputs
from model import validation as v
from model.routines import get_routine
from model.store import queries
from model.store.base import StoreBase, check_step, get
from model.store.plan import carried, carry_over
from model.tables import Attendance, Case, Invitation, Meeting
from model.views import MeetingView, meeting_status, step_times

# Who leads and coordinates stays the same from one meeting to the next until changed.
INHERITED = (
    "lead_organisation",
    "lead_principal",
    "coordinator",
    "coordinator_phone",
    "coordinator_email",
    "contact_person",
    "childs_voice",
)


def default_invitees(s: Session, case_id: int, previous: Meeting | None) -> list[int]:
    """Those chosen for the next meeting last time; else those invited to or present at
    the last meeting; else the whole network. Removed participants are left out."""
    active = queries.active_participant_ids(s, case_id)
    if previous is None:
        return active

    def invited(next: bool) -> list[int]:
        rows = s.exec(
            select(Invitation.participant_id)
            .where(Invitation.meeting_id == previous.id, col(Invitation.next) == next)
            .order_by(col(Invitation.id))
        )
        return list(rows.all())

    ids = invited(next=True)
    if not ids:
        came = s.exec(
            select(Attendance.participant_id)
            .where(Attendance.meeting_id == previous.id)
            .order_by(col(Attendance.id))
        ).all()
        ids = list(dict.fromkeys([*invited(next=False), *came]))
    keep = set(active)
    return [i for i in ids if i in keep]


def _previous(s: Session, case_id: int) -> Meeting | None:
    """The latest meeting of the case that was not cancelled."""
    return s.exec(
        select(Meeting)
        .where(Meeting.case_id == case_id, col(Meeting.cancelled_on) == None)  # noqa: E711
        .order_by(col(Meeting.id).desc())
    ).first()


@dataclass(frozen=True)
class MeetingDraft:
    """What planning a new meeting starts from, read without writing anything: the last
    meeting's "next meeting" (date, time, place, who calls), the default invitees, and how
    many goals and open actions a follow-up takes from the plan."""

    planned_date: dt.date | None
    planned_time: str
    place: str
    convener: str
    invitee_ids: tuple[int, ...]
    goals: int
    carried_actions: int
    has_meetings: bool = False  # the case has a meeting already (of any state)


class MeetingStore(StoreBase):
    def meeting_draft(self, case_id: int) -> MeetingDraft:
        with self._read() as s:
            get(s, Case, case_id, "Ärendet")
            previous = _previous(s, case_id)
            plan = queries.plan_meeting_row(s, case_id)
            goals, actions = carried(s, plan) if plan is not None else ([], [])
            nxt = previous if previous is not None and previous.next_date else None
            return MeetingDraft(
                planned_date=nxt.next_date if nxt else None,
                planned_time=nxt.next_time if nxt else "",
                place=nxt.next_place if nxt else "",
                convener=nxt.next_convener if nxt else "",
                invitee_ids=tuple(default_invitees(s, case_id, previous)),
                goals=len(goals),
                carried_actions=len(actions),
                has_meetings=s.exec(
                    select(Meeting.id).where(Meeting.case_id == case_id).limit(1)
                ).first()
                is not None,
            )

    def plan_meeting(
        self, case_id: int, routine_id: str, *, from_previous: bool = True, **fields: Any
    ) -> int:
        """Plan a meeting. A follow-up starts from the plan as it stood at the last meeting:
        its goals and open actions are carried over for evaluation, and the earlier
        participants are the default invitees. `from_previous=False`: the date, time, place
        and convener are exactly those given (the planning screen showed the last meeting's
        "next meeting" as its defaults; a date left blank stays blank)."""
        invitee_ids = fields.pop("invitee_ids", None)
        routine = get_routine(inputs.routine(routine_id, "routine_id"))
        values = self._convert(inputs.MEETING, fields)
        with self._write() as s:
            get(s, Case, case_id, "Ärendet")
            previous = _previous(s, case_id)
            m = Meeting(case_id=case_id, routine_id=routine.id, updated_at=self._now(), **values)
            if previous is not None:
                m.previous_meeting_id = previous.id
                for key in INHERITED:
                    if not getattr(m, key):
                        setattr(m, key, getattr(previous, key))
                if from_previous and m.planned_date is None and previous.next_date:
                    m.planned_date = previous.next_date
                    m.planned_time = m.planned_time or previous.next_time
                    m.place = m.place or previous.next_place
                    m.convener = m.convener or previous.next_convener
            s.add(m)
            s.flush()
            assert m.id is not None
            if invitee_ids is None:
                invitee_ids = default_invitees(s, case_id, previous)
            else:
                invitee_ids = list(dict.fromkeys(invitee_ids))
                self._meeting_of_case(s, m.id, invitee_ids)
            for pid in dict.fromkeys(invitee_ids):
                s.add(Invitation(meeting_id=m.id, participant_id=pid))
            plan = queries.plan_meeting_row(s, case_id, before=m.id)
            if routine.follow_up and plan is not None:
                carry_over(s, plan, m)
            self._touch_case(s, case_id)
            return m.id

    def update_meeting(self, meeting_id: int, **fields: Any) -> None:
        self._update(Meeting, meeting_id, "Mötet", inputs.MEETING, fields)

    def delete_meeting(self, meeting_id: int) -> None:
        with self._write() as s:
            m = get(s, Meeting, meeting_id, "Mötet")
            if m.started_at is not None:
                raise v.InvalidInput("meeting", "Ett påbörjat möte kan inte tas bort.")
            s.delete(m)

    def set_invitees(
        self, meeting_id: int, participant_ids: Iterable[int], *, next: bool = False
    ) -> None:
        ids = list(dict.fromkeys(participant_ids))
        with self._write() as s:
            self._meeting_of_case(s, meeting_id, ids)
            s.execute(
                delete(Invitation).where(
                    col(Invitation.meeting_id) == meeting_id,
                    col(Invitation.next) == next,
                )
            )
            for pid in ids:
                s.add(Invitation(meeting_id=meeting_id, participant_id=pid, next=next))
            self._touch_meeting(s, meeting_id)

    # -- start, steps, end -------------------------------------------------------------------
    def start_meeting(self, meeting_id: int, held_on: Any = None) -> None:
        """Start (or resume) a meeting: the roster comes from the invitees. `held_on`: the day
        it is held, when that is not the planned day (the documents use it)."""
        day = self._date(held_on, "held_on", "Datum då mötet hölls")
        with self._write() as s:
            m = get(s, Meeting, meeting_id, "Mötet")
            if m.cancelled_on is not None:
                raise v.InvalidInput("meeting", "Mötet är inställt och kan inte startas.")
            if m.started_at is None:
                m.started_at = self._now()
            if day is not None:
                m.held_on = day
            if not m.current_step:
                m.current_step = get_routine(m.routine_id).steps[0].id
            if m.step_started_at is None:
                m.step_started_at = self._now()
            invited = s.exec(
                select(Invitation.participant_id).where(
                    col(Invitation.meeting_id) == meeting_id,
                    Invitation.next == False,  # noqa: E712
                )
            ).all()
            have = set(
                s.exec(
                    select(Attendance.participant_id).where(Attendance.meeting_id == meeting_id)
                ).all()
            )
            for pid in invited:
                if pid not in have:
                    s.add(Attendance(meeting_id=meeting_id, participant_id=pid))
            self._touch_meeting(s, meeting_id)

    def end_meeting(self, meeting_id: int) -> None:
        with self._write() as s:
            m = get(s, Meeting, meeting_id, "Mötet")
            m.started_at = m.started_at or self._now()
            self._log_step_time(m)
            m.ended_at = m.updated_at = self._now()  # ending is no revision
            self._touch_case(s, m.case_id)

    def cancel_meeting(self, meeting_id: int, reason: str, on: Any = None) -> None:
        """Inställt: a meeting that was not started is cancelled, with its reason; it is kept
        (and shown as cancelled), never counted as held."""
        text = v.required_name(reason, "cancel_reason", "Orsaken till att mötet ställs in")
        day = self._date(on, "cancelled_on", "Datum") or self.clock.today()
        with self._write() as s:
            m = get(s, Meeting, meeting_id, "Mötet")
            if m.started_at is not None:
                raise v.InvalidInput("meeting", "Ett påbörjat möte kan inte ställas in.")
            m.cancelled_on, m.cancel_reason = day, text
            self._touch_meeting(s, meeting_id)

    def move_meeting(
        self, meeting_id: int, new_date: Any, reason: str, new_time: Any = None
    ) -> None:
        """Flyttat: a new date (and time) for a meeting not yet started, with the reason; the
        date it was moved from is kept."""
        day = self._date(new_date, "planned_date", "Det nya datumet")
        if day is None:
            raise v.InvalidInput("planned_date", "Det nya datumet måste fyllas i.")
        text = v.required_name(reason, "move_reason", "Orsaken till att mötet flyttas")
        time = None if new_time is None else v.parse_time(new_time, "planned_time", "Tiden")
        with self._write() as s:
            m = get(s, Meeting, meeting_id, "Mötet")
            if m.started_at is not None:
                raise v.InvalidInput("meeting", "Ett påbörjat möte kan inte flyttas.")
            m.moved_from, m.planned_date, m.move_reason = m.planned_date, day, text
            m.cancelled_on, m.cancel_reason = None, ""
            if time is not None:
                m.planned_time = time
            self._touch_meeting(s, meeting_id)

    def reopen_meeting(self, meeting_id: int) -> None:
        with self._write() as s:
            m = get(s, Meeting, meeting_id, "Mötet")
            m.ended_at = None
            self._touch_meeting(s, meeting_id)

    def set_current_step(self, meeting_id: int, step_id: str) -> None:
        """The guide moved to `step_id`: the time spent in the step left is added to it and
        the new step's start is kept, so the step clock and the done marks survive a
        restart."""
        with self._write() as s:
            m = get(s, Meeting, meeting_id, "Mötet")
            check_step(get_routine(m.routine_id), step_id)
            if step_id != m.current_step:
                self._log_step_time(m)
                m.step_started_at = self._now()
            m.current_step = step_id

    def _log_step_time(self, m: Meeting) -> None:
        if not m.current_step or m.step_started_at is None or m.ended_at is not None:
            return
        times = step_times(m.step_times)
        spent = max(0, int((self._now() - m.step_started_at).total_seconds()))
        times[m.current_step] = times.get(m.current_step, 0) + spent
        m.step_times = json.dumps(times, sort_keys=True)

    # -- reading -----------------------------------------------------------------------------
    def case_meetings(self, case_id: int) -> list[MeetingView]:
        with self._read() as s:
            case = queries.case_view(s, get(s, Case, case_id, "Ärendet"))
            rows = s.exec(
                select(Meeting).where(col(Meeting.case_id) == case_id).order_by(col(Meeting.id))
            ).all()
            today = self.clock.today()
            return [queries.meeting_view(s, m, case, today) for m in rows]

    def get_meeting(self, meeting_id: int) -> MeetingView:
        with self._read() as s:
            m = get(s, Meeting, meeting_id, "Mötet")
            case = queries.case_view(s, get(s, Case, m.case_id, "Ärendet"))
            return queries.meeting_view(s, m, case, self.clock.today())

    def latest_meeting_id(self, case_id: int) -> int | None:
        with self._read() as s:
            return s.exec(  # a cancelled meeting is not the case's latest
                select(Meeting.id)
                .where(Meeting.case_id == case_id, col(Meeting.cancelled_on) == None)  # noqa: E711
                .order_by(col(Meeting.id).desc())
            ).first()

    def list_meetings(self) -> list[tuple[int, int, str, str, dt.date | None, str]]:
        """(meeting id, case id, child name, routine name, date, status) for every meeting."""
        with self._read() as s:
            rows = s.exec(
                select(Meeting, Case.child_name)
                .join(Case, col(Case.id) == col(Meeting.case_id))
                .order_by(col(Meeting.id))
            ).all()
            out = []
            for m, child in rows:
                status = meeting_status(m.started_at, m.ended_at, m.cancelled_on)
                routine = get_routine(m.routine_id).name
                out.append((m.id or 0, m.case_id, child, routine, m.planned_date, status))
            return out
