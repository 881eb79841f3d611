"""Planera möte: a follow-up pre-filled from the plan, the deadline warning, and everything
found again after reopening the database."""

from __future__ import annotations

import datetime as dt

from shell_helpers import make_app, screen_text
from textual.widgets import Input, Select, SelectionList

from model.db import open_database
from model.store import Store
from tui.screens.plan_meeting import PlanMeetingScreen, deadline_text


def test_deadline_text_warns_in_plain_swedish():
    agreed = dt.date(2026, 3, 2)
    text, late = deadline_text("forsta_natverksmote_vastbus", agreed, dt.date(2026, 3, 30),
                               today=agreed)  # fmt: skip
    assert late and "Varning" in text and "2026-03-23" in text
    text, late = deadline_text("forsta_natverksmote_vastbus", agreed, dt.date(2026, 3, 20),
                               today=agreed)  # fmt: skip
    assert not late and "håller tidsgränsen" in text
    text, late = deadline_text("uppfoljande_lotsmote", agreed, None, today=agreed)
    assert not late and "ingen tidsgräns" in text


async def test_plan_first_meeting_with_deadline_warning(db):
    store = Store(db)
    case_id = store.create_case("Alva Lind", routine_id="forsta_natverksmote_vastbus")
    store.add_participant(case_id, "Karin Ek", organisation="Björkskolan")
    app = make_app(db, default_place="Björkskolan, rum 12")
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanMeetingScreen)
        assert screen.query_one("#m-place", Input).value == "Björkskolan, rum 12"
        agreed = screen.query_one("#m-agreed_on", Input)
        agreed.value = "2026-03-02"
        screen.query_one("#m-planned_date", Input).focus()
        await pilot.press(*"2026-04-15", "tab", *"14.30")
        await pilot.pause()
        deadline = screen.query_one("#deadline")
        assert deadline.has_class("warning")
        assert "Varning: 2026-04-15 är senare än rutinen tillåter" in screen_text(app)
        screen.query_one("#m-question").focus()
        await pilot.press(*"Hur får Alva en lugnare skoldag?")
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
    (meeting,) = store.case_meetings(case_id)
    assert meeting.planned_date == dt.date(2026, 4, 15)
    assert meeting.planned_time == "14.30"
    assert meeting.question == "Hur får Alva en lugnare skoldag?"
    assert [p.name for p in meeting.invitees] == ["Karin Ek"]


async def test_follow_up_prefills_and_survives_reopen(tmp_path):
    from model.demo import populate

    path = tmp_path / "lotsen.db"
    db = open_database(path)
    store = Store(db)
    case_id = populate(store, today=dt.date(2026, 3, 2))
    planned = store.case_meetings(case_id)[-1]
    store.delete_meeting(planned.id)  # plan the follow-up through the screen instead
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanMeetingScreen)
        assert screen.query_one("#m-routine", Select).value == "uppfoljande_lotsmote"
        # Date and place come from the last meeting's "next meeting".
        assert screen.query_one("#m-planned_date", Input).value == "2026-03-05"
        assert "3 mål och 4 insatser" in str(screen.query_one("#plan-heading").content)
        invitees = screen.query_one("#m-invitees", SelectionList)
        assert len(invitees.selected) == 6  # who was asked to come next time
        invitees.focus()
        invitees.highlighted = 4
        await pilot.press("space")  # the social worker is invited too
        await pilot.press("ctrl+n", *"Nils Ek", "tab", *"Fritids", "enter")
        await pilot.pause()
        assert len(invitees.selected) == 8
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
    db.close()

    db = open_database(path)
    try:
        store = Store(db)
        meeting = store.case_meetings(case_id)[-1]
        assert meeting.routine.id == "uppfoljande_lotsmote"
        assert len(meeting.carried_actions) == 4  # the demo's open actions, the family's included
        assert {p.name for p in meeting.invitees} >= {"Jonas Nyström", "Lena Åkesson", "Nils Ek"}
        assert "Nils Ek" in [p.name for p in store.get_case(case_id).participants]
    finally:
        db.close()
