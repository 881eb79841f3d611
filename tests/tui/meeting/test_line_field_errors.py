"""A one-line field of a step (the label drawn by the field itself) shows the model's Swedish
message on a line under it when what was typed cannot be saved, and drops it once it can."""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import Input, Static

from model.store import Store
from tests.tui.meeting.conftest import meeting_for, open_app
from tests.tui.meeting.walk import body
from tui.screens.meeting.base import field_id
from tui.screens.meeting.conversation import ActionCard


def _message_under(field: Input) -> str:
    """The text of a shown error line right under `field`, or ""."""
    siblings = list(field.parent.children) if field.parent else []
    after = siblings[siblings.index(field) + 1] if field in siblings[:-1] else None
    if isinstance(after, Static) and after.has_class("field-error") and after.display:
        return str(after.render())
    return ""


async def test_a_bad_follow_up_date_is_told_under_the_field_and_a_good_one_is_saved(db):
    mid = meeting_for(db, "forsta_natverksmote")
    app = open_app(db, mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await app.screen.go_to("dialog")
        await pilot.press("f8")  # a new action; the cursor is in its first line
        await pilot.pause(0.3)
        card = list(body(app).query(ActionCard))[-1]
        fid = field_id(f"action:{card.action.id}:follow_up_on")
        date = body(app).query_one(f"#{fid}", Input)
        assert _message_under(date) == ""  # no error line until there is an error
        date.focus()
        await pilot.press(*"32/13")
        app.flush_saves()
        await pilot.pause(0.3)
        assert "datum" in _message_under(date).lower()
        assert date.has_class("-invalid") and date.value == "32/13"  # nothing lost
        await pilot.press(*["backspace"] * 5, *"2026-05-04")
        app.flush_saves()
        await pilot.pause(0.3)
        assert _message_under(date) == "" and not date.has_class("-invalid")
        line = date.render_lines(Region(0, 0, date.outer_size.width, 1))[0].text
        assert line.startswith("Följs upp (datum)") and "2026-05-04" in line  # label drawn
    action = next(a for a in Store(db).get_meeting(mid).actions if a.id == card.action.id)
    assert str(action.follow_up_on) == "2026-05-04"
