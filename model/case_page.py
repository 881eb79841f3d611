"""What the Ärende screen shows, read at once (Store.case_page): the case, its meetings as a
list shows them, the plan as it stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from model.routines import Routine
from model.views import CaseView, MeetingView, meeting_status


@dataclass(frozen=True)
class MeetingSummary:
    """A meeting as a list of a case's meetings shows it: no people, plan or notes."""

    id: int
    routine: Routine
    planned_date: dt.date | None
    planned_time: str
    place: str
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    cancelled_on: dt.date | None

    @property
    def status(self) -> str:
        """planned | in_progress | held | cancelled"""
        return meeting_status(self.started_at, self.ended_at, self.cancelled_on)


@dataclass(frozen=True)
class CasePage:
    """What the Ärende screen shows, read at once: the case (network, consents, deviations,
    refusals), its meetings in the order they were planned, and the plan as it stands (the
    latest meeting with goals or actions; None before the first)."""

    case: CaseView
    meetings: tuple[MeetingSummary, ...]
    plan: MeetingView | None
