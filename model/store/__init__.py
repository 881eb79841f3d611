"""The store: every read and write of the domain. Callers never write SQL.

`Store` is the one object callers hold. It is composed of one part per aggregate, each a
mixin over `StoreBase` (the clock, the write transaction, reads, lookups):

    cases.py       cases and their network (participants, guardians)
    consents.py    consents
    meetings.py    meetings: planning, invitations, start and end, steps, reading a meeting
    attendance.py  during the meeting: attendance, walk-ins, notes, accounts
    plan.py        goals and actions, carried over to a follow-up
    deviations.py  deviations and refusal decisions
    queries.py     reads inside a session shared by the parts
    sql.py         the raw SQL of the hot path (set_note)

Input rules live in model.inputs, rows become views in model.mapping, "today" comes from
model.clock.
"""

from __future__ import annotations

from model import inputs
from model.inputs import Converter
from model.store.attendance import AttendanceStore
from model.store.base import NotFound
from model.store.cases import CaseStore
from model.store.consents import ConsentStore
from model.store.deviations import DeviationStore
from model.store.meetings import MeetingStore
from model.store.plan import PlanStore

__all__ = ["NotFound", "Store"]


class Store(
    CaseStore,
    ConsentStore,
    MeetingStore,
    AttendanceStore,
    PlanStore,
    DeviationStore,
):
    """The domain's API over one open Database: `Store(db)`, or `Store(db, clock=...)` to
    decide what "today" is for every row written and every view read."""


# field -> converter, per entity, as earlier versions of this module had them (model.inputs
# holds the rules; these are views of it for callers that convert one value at a time).
CASE_FIELDS: dict[str, Converter] = inputs.CASE.converters()
PARTICIPANT_FIELDS: dict[str, Converter] = inputs.PARTICIPANT.converters()
CONSENT_FIELDS: dict[str, Converter] = inputs.CONSENT.converters()
MEETING_FIELDS: dict[str, Converter] = inputs.MEETING.converters()
GOAL_FIELDS: dict[str, Converter] = inputs.GOAL.converters()
ACTION_FIELDS: dict[str, Converter] = inputs.ACTION.converters()
DEVIATION_FIELDS: dict[str, Converter] = inputs.DEVIATION.converters()
REFUSAL_FIELDS: dict[str, Converter] = inputs.REFUSAL.converters()
ACCOUNT_FIELDS: dict[str, Converter] = inputs.ACCOUNT.converters()
ATTENDANCE_FIELDS: dict[str, Converter] = inputs.ATTENDANCE.converters()
