"""The plan of a meeting: goals (mål) and actions (insatser), and what a follow-up carries over."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from model import inputs
from model.labels import FINISHED_ACTION_STATUSES
from model.store import queries
from model.store.base import StoreBase, get
from model.tables import Action, Case, Goal, Meeting
from model.views import MeetingView

# What a follow-up copies of an open action: everything written into it but the result.
CARRIED_ACTION_COLUMNS = tuple(k for k in inputs.ACTION if k != "result") + ("position",)


def carried(s: Session, previous: Meeting) -> tuple[list[Goal], list[Action]]:
    """What a follow-up takes from the plan: every goal, and the actions not yet done or
    abandoned (also counted on the planning screen before the meeting is saved)."""
    goals = s.exec(
        select(Goal)
        .where(col(Goal.meeting_id) == previous.id)
        .order_by(col(Goal.position), col(Goal.id))
    ).all()
    actions = s.exec(
        select(Action)
        .where(Action.meeting_id == previous.id)
        .order_by(col(Action.position), col(Action.id))
    ).all()
    return list(goals), [a for a in actions if a.status not in FINISHED_ACTION_STATUSES]


def carry_over(s: Session, previous: Meeting, m: Meeting) -> None:
    """A follow-up starts from the plan as it stood: every goal, for its progress to be
    written, and every action not yet done or abandoned; and the family's and the child's
    own contributions."""
    assert m.id is not None
    goals, actions = carried(s, previous)
    for g in goals:
        s.add(
            Goal(
                meeting_id=m.id, kind=g.kind, text=g.text, position=g.position, carried_from_id=g.id
            )
        )
    for a in actions:
        copied = {k: getattr(a, k) for k in CARRIED_ACTION_COLUMNS}
        s.add(Action(meeting_id=m.id, carried_from_id=a.id, **copied))
    m.family_contribution = previous.family_contribution
    m.child_contribution = previous.child_contribution


def _next_position(s: Session, model: type[Goal] | type[Action], meeting_id: int) -> int:
    top = s.exec(select(func.max(model.position)).where(model.meeting_id == meeting_id)).one()
    return (top or 0) + 1


class PlanStore(StoreBase):
    def add_goal(self, meeting_id: int, kind: str = "long", text: str = "", **fields: Any) -> int:
        values = self._convert(inputs.GOAL, {"kind": kind, "text": text, **fields})
        with self._write() as s:
            get(s, Meeting, meeting_id, "Mötet")
            g = Goal(meeting_id=meeting_id, position=_next_position(s, Goal, meeting_id), **values)
            s.add(g)
            s.flush()
            self._touch_meeting(s, meeting_id)
            assert g.id is not None
            return g.id

    def update_goal(self, goal_id: int, **fields: Any) -> None:
        self._update(Goal, goal_id, "Målet", inputs.GOAL, fields)

    def delete_goal(self, goal_id: int) -> None:
        with self._write() as s:
            g = get(s, Goal, goal_id, "Målet")
            s.delete(g)
            self._touch_meeting(s, g.meeting_id)

    def add_action(self, meeting_id: int, **fields: Any) -> int:
        values = self._convert(inputs.ACTION, fields)
        with self._write() as s:
            get(s, Meeting, meeting_id, "Mötet")
            position = _next_position(s, Action, meeting_id)
            a = Action(meeting_id=meeting_id, position=position, **values)
            s.add(a)
            s.flush()
            self._touch_meeting(s, meeting_id)
            assert a.id is not None
            return a.id

    def update_action(self, action_id: int, **fields: Any) -> None:
        self._update(Action, action_id, "Insatsen", inputs.ACTION, fields)

    def delete_action(self, action_id: int) -> None:
        with self._write() as s:
            a = get(s, Action, action_id, "Insatsen")
            s.delete(a)
            self._touch_meeting(s, a.meeting_id)

    def current_plan(self, case_id: int) -> MeetingView | None:
        """The plan as it stands: the latest meeting of the case that has goals or actions."""
        with self._read() as s:
            case_row = get(s, Case, case_id, "Ärendet")
            m = queries.plan_meeting_row(s, case_id)
            if m is None:
                return None
            case = queries.case_view(s, case_row)
            return queries.meeting_view(s, m, case, self.clock.today())
