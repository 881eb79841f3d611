"""A drop-down choice, Tab and text arriving in one burst: the text lands in the next field.
Textual's own Select handler (run after Lotsen's) focused the select again after Tab had
moved on, so the result typed next was lost (seen in the pty leader walk under load)."""

from __future__ import annotations

from textual import events

from model.store import Store
from tests.tui.meeting.conftest import open_app

RESULT = "Fungerar nu; anpassningen fortsätter fram till sommaren"
NAMES = {" ": "space", ";": "semicolon"}


async def test_choice_tab_and_text_in_one_burst(demo_db):
    db = demo_db
    store = Store(db)
    store.start_meeting(2)
    before = store.get_meeting(2).carried_actions[0]
    app = open_app(db, 2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await app.screen.go_to("dialog")
        await pilot.pause(0.3)
        select = app.screen.query_one(f"#f-action-{before.id}-status")
        select.focus()
        await pilot.pause()
        await pilot.press("enter")  # open the list
        await pilot.pause(0.2)
        await pilot.press("down")
        await pilot.pause(0.2)
        burst = [events.Key("enter", "\r"), events.Key("tab", "\t")]
        burst += [events.Key(NAMES.get(c, c), c) for c in RESULT]
        for key in burst:  # all queued before any is handled, as a terminal read delivers them
            app.post_message(key)
        await pilot.pause(0.5)
        result = app.screen.query_one(f"#f-action-{before.id}-result")
        assert app.focused is result
        assert result.text.endswith(RESULT)
        assert select.value != before.status
    after = Store(db).get_meeting(2)
    a = next(x for x in after.actions if x.id == before.id)
    assert a.result == (before.result or "") + RESULT
    assert a.status == select.value
