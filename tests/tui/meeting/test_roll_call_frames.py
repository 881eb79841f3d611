"""The roll call's marks are shown first and stored right after: never lost, never out of
order, whatever comes next (a step change, quitting, a reason typed at once)."""

from __future__ import annotations

from textual import events

from model.store import Store
from tests.tui.meeting.conftest import FIXED, fresh_case, open_app


def _meeting(db) -> tuple[int, list[int]]:
    store = Store(db)
    cid, people = fresh_case(store)
    mid = store.plan_meeting(cid, "forsta_natverksmote", planned_date=FIXED, invitee_ids=people)
    return mid, people


def _burst(app, keys: list[tuple[str, str | None]]) -> None:
    """Keys posted all at once, as the terminal driver does when they arrive together."""
    for key, char in keys:
        app.post_message(events.Key(key, char))


async def test_a_burst_of_marks_then_f6_stores_every_mark_before_the_next_step(db):
    mid, people = _meeting(db)
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        roll_call = app.screen.current
        # the child here; the first person away, the rest present; at once F6
        keys = [("n", "n"), ("a", "a"), ("enter", "\r")]
        keys += [("n", "n")] * (len(people) - 1) + [("f6", None)]
        _burst(app, keys)
        await pilot.pause(0.5)
        assert app.screen.current != roll_call  # the next step is shown
    view = Store(db).get_meeting(mid)
    assert view.child_present is True
    status = {a.participant.id: (a.status, a.reason) for a in view.attendance}
    assert status[people[0]] == ("excused", "")
    assert [status[p] for p in people[1:]] == [("present", "")] * (len(people) - 1)


async def test_a_mark_then_quitting_at_once_is_stored(db):
    mid, people = _meeting(db)
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        _burst(app, [("n", "n"), ("n", "n"), ("a", "a"), ("ctrl+q", None)])
        await pilot.pause(0.3)
    view = Store(db).get_meeting(mid)
    status = {a.participant.id: a.status for a in view.attendance}
    assert view.child_present is True
    assert (status[people[0]], status[people[1]]) == ("present", "excused")


async def test_the_mark_is_on_the_screen_and_the_reason_line_follows(db):
    mid, people = _meeting(db)
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("n", "f")
        await pilot.pause(0.3)
        row = app.screen.query_one(f"#f-attendance-{people[0]}")
        reason = app.screen.query_one(f"#f-reason-{people[0]}")
        assert "frånvarande" in str(row.render()).lower()
        assert reason.parent.display and app.focused is reason
        assert reason.region.height == 1  # shown in the roster, not only focused
        await pilot.press("escape", "n")  # present after all: the line goes again
        await pilot.pause(0.3)
        assert not reason.parent.display
    status = {a.participant.id: a.status for a in Store(db).get_meeting(mid).attendance}
    assert status[people[0]] == "present"
