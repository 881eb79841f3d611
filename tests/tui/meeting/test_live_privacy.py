"""Issue 10: skyddat läge (F2) masks the case's names inside free text on screen; the stored
text keeps them."""

from __future__ import annotations

from textual.widgets import TextArea

from model.store import Store
from tests.tui.meeting.conftest import meeting_for, open_app
from tests.tui.meeting.walk import body
from tests.tui.shell_helpers import screen_text


async def test_f2_masks_names_in_notes_on_screen_only(db):
    mid = meeting_for(db, "uppfoljande_lotsmote")
    app = open_app(db, mid)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        guide = app.screen
        for step in guide.steps:
            await guide.go_to(step.id)
            await pilot.pause(0.2)
            if body(app).query(TextArea):
                break
        area = body(app).query(TextArea).first()
        area.focus()
        await pilot.pause()
        await pilot.press(*"Maria: Morgnarna är svåra för Elsa.")
        await pilot.pause()
        assert "Maria: Morgnarna" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause(0.2)
        shown = screen_text(app)
        assert "M••••: Morgnarna är svåra för E•••." in shown and "Maria:" not in shown
        area = body(app).query(TextArea).first()  # the step is drawn again on F2
        assert area.text.endswith("Maria: Morgnarna är svåra för Elsa.")  # the value is real
        app.flush_saves()
        await pilot.press("f2")
        await pilot.pause(0.2)
        assert "Maria: Morgnarna" in screen_text(app)
    assert "Maria: Morgnarna är svåra för Elsa." in repr(Store(db).get_meeting(mid))
    app.settings.privacy = False
