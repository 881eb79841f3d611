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
    report.py      the evaluation's rows (Utvärdering)

The raw SQL (set_note's hot path, the light reads) is in model.sql.

Input rules live in model.inputs, rows become views in model.mapping, "today" comes from
model.clock.
"""

from __future__ import annotations

import datetime as dt

from model import inputs
from model.clock import default_clock
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
# holds the rules; these are views of it for callers that convert one value at a time). With no
# store at hand, a date or a personnummer is checked on the default clock's day; the store
# checks what is written through it on its own clock's day.
def _default_today() -> dt.date:
    return default_clock().today()


CASE_FIELDS: dict[str, Converter] = inputs.CASE.converters(_default_today)
PARTICIPANT_FIELDS: dict[str, Converter] = inputs.PARTICIPANT.converters(_default_today)
CONSENT_FIELDS: dict[str, Converter] = inputs.CONSENT.converters(_default_today)
MEETING_FIELDS: dict[str, Converter] = inputs.MEETING.converters(_default_today)
GOAL_FIELDS: dict[str, Converter] = inputs.GOAL.converters(_default_today)
ACTION_FIELDS: dict[str, Converter] = inputs.ACTION.converters(_default_today)
DEVIATION_FIELDS: dict[str, Converter] = inputs.DEVIATION.converters(_default_today)
REFUSAL_FIELDS: dict[str, Converter] = inputs.REFUSAL.converters(_default_today)
ACCOUNT_FIELDS: dict[str, Converter] = inputs.ACCOUNT.converters(_default_today)
ATTENDANCE_FIELDS: dict[str, Converter] = inputs.ATTENDANCE.converters(_default_today)
