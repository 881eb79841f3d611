"""A new meeting's defaults are read without writing anything; saving with the screen's
values stores exactly them (a date left blank stays blank)."""

from __future__ import annotations

import datetime as dt

from tests.model.test_store_followup import _first_meeting


def test_the_draft_is_what_planning_would_fill_in_and_writes_nothing(store, db_path):
    cid, first, ids = _first_meeting(store)
    size, meetings = db_path.stat().st_size, len(store.case_meetings(cid))
    changed = store.get_case(cid)
    draft = store.meeting_draft(cid)
    assert (draft.planned_date, draft.planned_time, draft.place, draft.convener) == (
        dt.date(2026, 12, 7), "10.00", "Skolan", "Karin")  # fmt: skip
    assert list(draft.invitee_ids) == [ids["mum"], ids["kur"], ids["bup"]]
    assert (draft.goals, draft.carried_actions) == (2, 2)  # the done action stays behind
    assert draft.has_meetings  # so the form proposes a follow-up, not a first meeting
    assert len(store.case_meetings(cid)) == meetings and store.get_case(cid) == changed
    assert db_path.stat().st_size == size
    # What plan_meeting fills in by itself is the same.
    m = store.get_meeting(store.plan_meeting(cid, "uppfoljande_lotsmote"))
    assert (m.planned_date, m.planned_time, m.place, m.convener) == (
        draft.planned_date, draft.planned_time, draft.place, draft.convener)  # fmt: skip
    assert tuple(p.id for p in m.invitees) == draft.invitee_ids
    assert (len(m.goals), len(m.carried_actions)) == (draft.goals, draft.carried_actions)


def test_saved_from_the_screen_a_blank_date_stays_blank(store):
    cid, first, ids = _first_meeting(store)
    mid = store.plan_meeting(cid, "uppfoljande_lotsmote", from_previous=False,
                             planned_date="", planned_time="", place="Biblioteket",
                             convener="", leader="Lena", note_taker="Sara",
                             invitee_ids=[ids["kur"]])  # fmt: skip
    m = store.get_meeting(mid)
    assert (m.planned_date, m.planned_time, m.place, m.convener) == (None, "", "Biblioteket", "")
    assert (m.leader, m.note_taker) == ("Lena", "Sara")
    assert [p.name for p in m.invitees] == ["Sara"]
    assert len(m.carried_actions) == 2  # the plan is still carried over
    assert m.coordinator == "Sara"  # and who coordinates is still inherited


def test_a_first_meeting_draft_invites_the_whole_network(store):
    cid = store.create_case("Elsa")
    mum = store.add_guardian(cid, "Maria")
    per = store.add_participant(cid, "Per", organisation="BUP")
    draft = store.meeting_draft(cid)
    assert (draft.planned_date, draft.place, draft.goals, draft.carried_actions) == (None, "", 0, 0)
    assert set(draft.invitee_ids) == {mum, per}
    assert store.case_meetings(cid) == [] and not draft.has_meetings
