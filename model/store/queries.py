"""Reads inside a session that more than one part of the store needs (plain functions that
take the session): a case or a meeting with everything in it, the network, the plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session, col, select

from model import mapping
from model.tables import (
    Account,
    Action,
    Attendance,
    Case,
    Consent,
    Deviation,
    Goal,
    Invitation,
    Meeting,
    Participant,
    RefusalDecision,
    StepNote,
)
from model.views import CaseView, MeetingView


def case_view(s: Session, case: Case) -> CaseView:
    people = s.exec(
        select(Participant).where(col(Participant.case_id) == case.id).order_by(col(Participant.id))
    ).all()
    consents = s.exec(
        select(Consent)
        .where(Consent.case_id == case.id)
        .order_by(col(Consent.given_on), col(Consent.id))
    ).all()
    deviations = s.exec(
        select(Deviation).where(col(Deviation.case_id) == case.id).order_by(col(Deviation.id))
    ).all()
    refusals = s.exec(
        select(RefusalDecision)
        .where(RefusalDecision.case_id == case.id)
        .order_by(col(RefusalDecision.id))
    ).all()
    return mapping.case_view(case, people, consents, deviations, refusals)


def meeting_view(s: Session, m: Meeting, case: CaseView, today: dt.date) -> MeetingView:
    def of_meeting(model, *order):  # noqa: ANN001, ANN202 - a select of the meeting's rows
        return s.exec(select(model).where(model.meeting_id == m.id).order_by(*order)).all()

    return mapping.meeting_view(
        m,
        case,
        people=s.exec(select(Participant).where(Participant.case_id == m.case_id)).all(),
        invitations=of_meeting(Invitation, Invitation.id),
        attendance=of_meeting(Attendance, Attendance.id),
        accounts=of_meeting(Account, Account.id),
        goals=of_meeting(Goal, Goal.position, Goal.id),
        actions=of_meeting(Action, Action.position, Action.id),
        notes=of_meeting(StepNote),
        today=today,
        **_neighbours(s, m),
    )


def _neighbours(s: Session, m: Meeting) -> dict[str, Any]:
    """The day of the meeting held before `m` in its case, and whether one was held after it
    (cancelled meetings never count; "held" is ended in the guide)."""
    others = s.exec(
        select(Meeting).where(
            col(Meeting.case_id) == m.case_id,
            col(Meeting.id) != m.id,
            col(Meeting.cancelled_on) == None,  # noqa: E711
            col(Meeting.ended_at) != None,  # noqa: E711
        )
    ).all()
    before = [o for o in others if (o.id or 0) < (m.id or 0)]
    latest = max(before, key=lambda o: o.id or 0, default=None)
    previous = None
    if latest is not None:  # held (ended), so one of the three is there
        ended = latest.ended_at.date() if latest.ended_at is not None else None
        previous = latest.held_on or latest.planned_date or ended
    return {
        "previous_date": previous,
        "later_meeting_held": any((o.id or 0) > (m.id or 0) for o in others),
    }


def active_participant_ids(s: Session, case_id: int) -> list[int]:
    """The network as it stands (removed participants left out), in the order they joined."""
    rows = s.exec(
        select(Participant.id)
        .where(
            col(Participant.case_id) == case_id,
            Participant.removed_on == None,  # noqa: E711
        )
        .order_by(col(Participant.id))
    ).all()
    return [i for i in rows if i is not None]


def plan_meeting_row(s: Session, case_id: int, before: int | None = None) -> Meeting | None:
    """The latest meeting of the case (before the given one) that holds goals or actions; a
    cancelled meeting (which got a copy of the plan when it was planned) never counts."""
    has_plan = (
        select(Meeting)
        .where(
            col(Meeting.case_id) == case_id,
            col(Meeting.cancelled_on) == None,  # noqa: E711
            (
                select(Goal.id).where(Goal.meeting_id == col(Meeting.id)).exists()
                | select(Action.id).where(Action.meeting_id == col(Meeting.id)).exists()
            ),
        )
        .order_by(col(Meeting.id).desc())
    )
    if before is not None:
        has_plan = has_plan.where(col(Meeting.id) < before)
    return s.exec(has_plan).first()
