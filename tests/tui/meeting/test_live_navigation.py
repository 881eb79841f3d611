"""Issue 10, navigation in Mötesguiden: Esc goes back to the case (saved first) but keeps its
local meaning in a reason field; Ctrl+P offers ending the meeting, closing the case and
"Tillbaka"; Enter twice on the readiness list jumps but never ticks the box it lands on."""

from __future__ import annotations

from textual.widgets import Checkbox, OptionList

from model.store import Store
from tests.tui.meeting.conftest import meeting_for, open_app
from tests.tui.meeting.walk import body
from tui.screens.case import CaseScreen
from tui.screens.meeting.guide import MeetingGuideScreen
from tui.widgets.inorder import InOrderCheckbox

SIZE = (80, 24)


async def test_escape_leaves_the_guide_to_its_case_after_saving(db):
    mid = meeting_for(db, "uppfoljande_lotsmote")
    app = open_app(db, mid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        guide = app.screen
        assert isinstance(guide, MeetingGuideScreen)
        from textual.widgets import TextArea

        for step in guide.steps:  # the first step with a note to write in
            await guide.go_to(step.id)
            await pilot.pause(0.2)
            if body(app).query(TextArea):
                break
        await pilot.pause(0.2)
        body(app).query(TextArea).first().focus()
        await pilot.pause()
        await pilot.press(*"Sparas före Esc")
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.case_id == Store(db).get_meeting(mid).case.id
    assert "Sparas före Esc" in repr(Store(db).get_meeting(mid))


async def test_escape_in_a_reason_field_goes_back_to_the_row_not_out(db):
    mid = meeting_for(db, "uppfoljande_lotsmote")
    app = open_app(db, mid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        guide = app.screen
        await guide.go_to(guide.steps[0].id)  # roll call
        await pilot.pause(0.3)
        from tui.screens.meeting.attendance import PresenceRow

        rows = list(body(app).query(PresenceRow))
        rows[1].focus()
        await pilot.press("f")  # frånvarande: the reason field opens and takes focus
        await pilot.pause(0.2)
        await pilot.press(*"sjuk", "escape")
        await pilot.pause(0.2)
        assert app.screen is guide


async def _palette_names(app, pilot, query: str) -> str:
    await pilot.press("ctrl+p")
    await pilot.pause(0.2)
    await pilot.press(*query)
    await pilot.pause(0.8)
    from textual.command import CommandList

    options = app.screen.query_one(CommandList)
    shown = "\n".join(str(options.get_option_at_index(i).prompt)
                      for i in range(options.option_count))  # fmt: skip
    await pilot.press("escape")
    await pilot.pause(0.2)
    return shown


async def test_palette_offers_ending_closing_and_back(db):
    mid = meeting_for(db, "uppfoljande_lotsmote")
    app = open_app(db, mid)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        assert "Avsluta mötet" in await _palette_names(app, pilot, "avsluta m")
        assert "Avsluta ärendet" in await _palette_names(app, pilot, "avsluta ä")
        back = await _palette_names(app, pilot, "tillbaka")
        assert "Tillbaka" in back and "Inga träffar" not in back
        # "Avsluta mötet" from the palette asks on the closing step, as the button does
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"avsluta mötet")
        await pilot.pause(0.8)
        await pilot.press("enter")
        await pilot.pause(0.6)
        from tui.dialogs.confirm import ConfirmDialog

        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause(0.2)
    assert Store(db).get_meeting(mid).ended_at is None


async def test_enter_twice_on_the_readiness_list_jumps_but_never_ticks(db):
    mid = meeting_for(db, "uppfoljande_lotsmote")
    store = Store(db)
    store.start_meeting(mid)
    for a in store.get_meeting(mid).attendance:
        store.set_attendance(mid, a.participant.id, status="present")
    app = open_app(db, mid)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        guide = app.screen
        await guide.go_to(guide.steps[-1].id)
        await pilot.pause(0.3)
        gaps = body(app).gaps
        target = next(i for i, g in enumerate(gaps)
                      if guide.gap_focus_id(g).startswith("f-signature"))  # fmt: skip
        gap_list = body(app).query_one("#gap-list", OptionList)
        gap_list.focus()
        gap_list.highlighted = target
        await pilot.pause()
        await pilot.press("enter", "enter")  # a double press: jump, and nothing else
        await pilot.pause(0.4)
        focused = app.focused
        assert isinstance(focused, Checkbox) and focused.id.startswith("f-signature")
        assert focused.value is False
    assert not any(a.signed for a in Store(db).get_meeting(mid).attendance)


async def test_check_box_ticks_with_space_never_with_enter(db):
    mid = meeting_for(db, "uppfoljande_lotsmote")
    app = open_app(db, mid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        box = InOrderCheckbox("Skrivit under")
        await app.screen.mount(box)
        box.focus()
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert box.value is False
        await pilot.press("space")  # Space ticks (the signature grid's bursts)
        assert box.value is True
