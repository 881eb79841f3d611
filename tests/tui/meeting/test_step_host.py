"""A step change builds only what changed: a step left is shown again as it was while nothing it
shows has changed, and built anew when something has; the roll call keeps the agenda current
without reading the meeting per key; a held meeting opens locked and Ctrl+R opens it."""

from __future__ import annotations

from textual.widgets import Input

from model.readiness import readiness_gaps
from model.store import Store
from tests.tui.meeting.conftest import meeting_for, open_app
from tests.tui.meeting.walk import body
from tui.screens.meeting.base import StepBody


async def test_a_step_left_unchanged_comes_back_as_it_was_and_a_changed_one_anew(db):
    mid = meeting_for(db, "uppfoljande_lotsmote")
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await app.screen.go_to("dialog")
        await pilot.pause(0.2)
        dialog = body(app)
        goal = dialog.query(Input).first()
        goal.focus()
        await pilot.press("end", *" och vila")
        typed = goal.value
        await pilot.press("f6")  # to Sammanfattning
        await pilot.pause(0.2)
        assert body(app).step.id == "sammanfattning"
        await pilot.press("f5")  # back: the same widgets, nothing built
        await pilot.pause(0.2)
        assert body(app) is dialog and dialog.display
        assert dialog.query(Input).first().value == typed
        assert app.screen.query_one("#step-title").render().plain.endswith("Dialog")
        await pilot.press("f6")
        await pilot.pause(0.2)
        # Something the dialog shows changes while it is hidden: shown again, it is built anew.
        Store(db).add_goal(mid, "short", "Ett nytt delmål från sidan")
        await pilot.press("f5")
        await pilot.pause(0.3)
        again = body(app)
        assert again is not dialog and again.step.id == "dialog"
        assert "Ett nytt delmål från sidan" in [w.value for w in again.query(Input)]
        dialogs = [b for b in app.screen.query(StepBody) if b.step.id == "dialog"]
        assert dialogs == [again]  # the old dialog is gone, not hidden
    stored = [g.text for g in Store(db).get_meeting(mid).goals]
    assert typed in stored


def first_step(agenda) -> str:  # noqa: ANN001
    """The agenda's lines of step 1 (a title and its gap mark may take two lines)."""
    lines = agenda.render().plain.splitlines()
    end = next(i for i, line in enumerate(lines) if i and line[1:2] == "2")
    return "\n".join(lines[:end])


async def test_the_roll_call_keeps_the_agenda_current_without_reading_the_meeting(db, monkeypatch):
    mid = meeting_for(db, "forsta_natverksmote")
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        agenda = app.screen.query_one("#agenda")
        assert "!" in first_step(agenda)  # no one is marked yet
        reads = []
        real = Store.get_meeting
        monkeypatch.setattr(Store, "get_meeting", lambda self, m: reads.append(m) or real(self, m))
        people = len(app.screen.view.attendance)
        await pilot.press(*"n" * (people + 1))  # the child and everyone: present
        await pilot.pause(0.2)
        assert reads == []  # no read of the whole meeting per key
        shown = first_step(agenda)
        view = app.screen.view
    fresh = Store(db).get_meeting(mid)
    left = [g for g in readiness_gaps(fresh) if g.step_id == fresh.routine.steps[0].id]
    assert len(left) < people  # the marks took most of the step's gaps away ...
    assert shown.split("!")[1].strip() == str(len(left))  # ... and the agenda says so
    assert view.attendance == fresh.attendance and view.child_present is fresh.child_present is True


async def test_a_held_meeting_opens_locked_and_ctrl_r_opens_it_for_changes(db):
    mid = meeting_for(db, "forsta_natverksmote")
    store = Store(db)
    store.start_meeting(mid)
    store.set_current_step(mid, "familjen")
    store.end_meeting(mid)
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        assert app.crash_text is None
        assert "är låst" in app.screen.query_one("#guidance").render().plain
        notes = body(app).query("TextArea")
        assert notes and all(w.disabled for w in notes) and app.focused is None
        await pilot.press(*"xyz")  # nothing happens to a locked meeting
        await pilot.press("ctrl+r")
        await pilot.pause(0.1)
        await pilot.press("j")  # "Ja, ändra"
        await pilot.pause(0.3)
        note = body(app).query("TextArea").first()
        assert not note.disabled and app.focused is note
        await pilot.press(*"Reviderat")
        await pilot.pause(0.1)
        app.flush_saves()
    held = Store(db).get_meeting(mid)
    assert held.family_story_child == "Reviderat" and held.revised_at is not None
