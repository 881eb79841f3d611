"""The guide's dialog step has a "Så säger vi det till barnet" line on each action card: what
is typed there lands in the action's child_words (Min plan reads it)."""

from __future__ import annotations

from textual.widgets import Input

from model.store import Store
from tests.tui.meeting.conftest import meeting_for, open_app
from tests.tui.meeting.walk import body
from tui.screens.meeting.base import field_id
from tui.screens.meeting.conversation import ActionCard


async def test_typing_the_childs_words_of_an_action_lands_in_the_database(db):
    mid = meeting_for(db, "forsta_natverksmote")
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await app.screen.go_to("dialog")
        await pilot.press("f8")  # a new action; the cursor is in its first line
        await pilot.pause(0.3)
        card = list(body(app).query(ActionCard))[-1]
        await pilot.press(*"Läxhjälp på fritids", "tab")
        words = body(app).query_one(f"#{field_id(f'action:{card.action.id}:child_words')}", Input)
        assert app.focused is words  # right under the action's title
        assert "Så säger vi det till barnet" in words.placeholder
        await pilot.press(*"Du får hjälp med läxorna efter skolan.")
        await pilot.pause(0.8)
    action = next(a for a in Store(db).get_meeting(mid).actions if a.id == card.action.id)
    assert action.what == "Läxhjälp på fritids"
    assert action.child_words == "Du får hjälp med läxorna efter skolan."
