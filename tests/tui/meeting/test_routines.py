"""Each routine walked from the first step to the last with the keyboard, every field filled,
and the database read back through a fresh view."""

from __future__ import annotations

import pytest
from shell_helpers import settle, until

from model.readiness import readiness_gaps
from model.routines import routines
from model.store import Store
from tests.tui.meeting.conftest import meeting_for, open_app
from tests.tui.meeting.walk import body, do_step, stored
from tui.screens.meeting.base import StepBody

ROUTINES = [
    "forsta_natverksmote",
    "forsta_natverksmote_vastbus",
    "uppfoljande_lotsmote",
    "vastbas_formote",
    "vastbas_natverksmote_1",
    "vastbas_natverksmote_2",
]


def test_the_six_routines_are_all_covered():
    assert set(ROUTINES) <= set(routines())


@pytest.mark.parametrize("routine_id", ROUTINES)
async def test_walk_every_step_and_fill_every_field(db, routine_id):
    mid = meeting_for(db, routine_id)
    app = open_app(db, mid)
    expected: dict[str, str] = {}
    checks: dict = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.screen.query(StepBody), "the meeting guide")
        await settle(pilot)
        steps = app.screen.steps
        for i, step in enumerate(steps):
            await until(pilot, lambda: body(app).step.id == step.id, step.id)  # noqa: B023
            assert body(app).step.id == step.id
            await do_step(pilot, app, expected, checks)
            if i + 1 < len(steps):
                await pilot.press("f6")
                await settle(pilot)
        app.flush_saves()
        current = Store(db).get_meeting(mid).current_step
        assert current == steps[-1].id
    view = Store(db).get_meeting(mid)
    missing = {fid: (value, stored(view, fid)) for fid, value in expected.items()
               if stored(view, fid) != value}  # fmt: skip
    assert not missing
    assert len(expected) >= 5
    assert view.child_present is True
    assert all(a.status for a in view.attendance)
    assert any(a.participant.name == "Eva Holm" and a.walk_in for a in view.attendance)
    assert view.confidentiality_covered
    assert any(c.form == "muntligt" and c.given_by == "Lina Berg" for c in view.case.consents)
    if view.routine.has_kind("dialog"):
        assert any(g.text == "delmål1" and g.kind == "short" for g in view.goals)
        for aid in checks.get("done", []):
            assert next(a for a in view.actions if a.id == aid).status == "done"
    if checks.get("next_invitees"):
        assert view.next_invitees
    present = [a for a in view.attendance if a.status == "present"]
    assert present and all(a.signed and a.received_copy for a in present)
    if routine_id.startswith("vastbas") and view.routine.has_kind("summary"):
        assert view.contact_person
    # Everything the routine asks for is filled, so the plan is ready to sign.
    assert [g.message for g in readiness_gaps(view)] == []
