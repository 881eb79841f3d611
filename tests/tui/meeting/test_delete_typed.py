"""F9 right after typing: the question names the goal (or action) as it reads on the screen,
"Nej" keeps the typed text in the database, "Ja" removes the row."""

from __future__ import annotations

from model.store import Store
from tests.tui.meeting.conftest import meeting_for, open_app
from tui.dialogs.confirm import ConfirmDialog

GOAL = "Noa läser en bok i veckan"


async def test_f9_right_after_typing_a_goal_names_it_and_keeps_or_deletes_it(db):
    mid = meeting_for(db, "forsta_natverksmote")
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await app.screen.go_to("dialog")
        await pilot.pause(0.2)
        await pilot.press("f7")
        await pilot.pause(0.2)
        await pilot.press("enter")  # Delmål
        await pilot.pause(0.3)
        await pilot.press(*GOAL, "f9")  # no pause: the autosave has not run yet
        await pilot.pause(0.2)
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == f"Ta bort målet ”{GOAL}”?"
        goals = Store(db).get_meeting(mid).goals
        assert [g.text for g in goals if g.kind == "short"] == [GOAL]  # saved before asking
        await pilot.press("n")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, ConfirmDialog)
        assert app.focused is not None and (app.focused.id or "").startswith("f-goal-")
        await pilot.press(*" och", "f9")  # more words, F9 again at once: "Ja" this time
        await pilot.pause(0.2)
        assert app.screen.question == f"Ta bort målet ”{GOAL} och”?"
        await pilot.press("j")
        await pilot.pause(0.3)
    assert [g.text for g in Store(db).get_meeting(mid).goals if g.kind == "short"] == []


async def test_f9_right_after_typing_an_action_names_it(db):
    mid = meeting_for(db, "forsta_natverksmote")
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await app.screen.go_to("dialog")
        await pilot.pause(0.2)
        await pilot.press("f8")
        await pilot.pause(0.3)
        assert (app.focused.id or "").endswith("-what")
        await pilot.press(*"Samtal med kurator", "f9")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == "Ta bort insats 1 ”Samtal med kurator”?"
        await pilot.press("escape")
        await pilot.pause(0.3)
    actions = Store(db).get_meeting(mid).actions
    assert [a.what for a in actions] == ["Samtal med kurator"]
