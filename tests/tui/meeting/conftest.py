"""Fixtures for the meeting guide: a private database per test, a case for any routine, the
app opened on the meeting, and a way to type into every field of a step."""

from __future__ import annotations

import datetime as dt

import pytest

from model.db import open_database
from model.demo import populate
from model.store import Store

FIXED = dt.date(2026, 3, 2)


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "lotsen.db")
    yield database
    database.close()


@pytest.fixture(autouse=True)
def _frozen_clock(monkeypatch):
    from tui.screens.meeting.guide import MeetingGuideScreen

    monkeypatch.setattr(MeetingGuideScreen, "FROZEN_CLOCK", True)


def fresh_case(store: Store) -> tuple[int, list[int]]:
    """A new case with two guardians and three professionals, a written consent for two
    agencies (so the third is a consent gap), and no meetings."""
    cid = store.create_case("Noa Berg", personnummer="20150312-2382", school="Ekskolan")
    people = [
        store.add_guardian(cid, "Lina Berg"),
        store.add_guardian(cid, "Omar Berg"),
        store.add_participant(
            cid, "Britt Ek", organisation="Ekskolan", role="Rektor", principal="skola"
        ),  # fmt: skip
        store.add_participant(
            cid,
            "Sven Ås",
            organisation="Socialtjänsten",
            role="Socialsekreterare",
            principal="kommun",
        ),  # fmt: skip
        store.add_participant(
            cid, "Åsa Öst", organisation="BUP", role="Psykolog", principal="region"
        ),  # fmt: skip
    ]
    store.add_consent(cid, "Lina Berg", FIXED - dt.timedelta(days=10), form="skriftligt",
                      agencies=["Ekskolan", "Socialtjänsten"],
                      valid_until=FIXED + dt.timedelta(days=365))  # fmt: skip
    return cid, people


def meeting_for(db, routine_id: str) -> int:
    """Meeting 2 of the demo for the follow-up; a new case's first meeting for the others."""
    store = Store(db)
    if routine_id == "uppfoljande_lotsmote":
        populate(store, today=FIXED)
        store.update_meeting(2, planned_date=FIXED)
        return 2
    cid, people = fresh_case(store)
    return store.plan_meeting(cid, routine_id, planned_date=FIXED, planned_time="13.00",
                              place="Ekskolan", question="Hur får Noa en lugnare skoldag?",
                              invitee_ids=people)  # fmt: skip


def open_app(db, meeting_id: int, clock=None):
    from tui.app import LotsenApp

    return LotsenApp(db, meeting_id=meeting_id, clock=clock)
