"""A follow-up meeting evaluates the earlier actions; every readiness gap leads to its field and
goes away when the field is filled — all driven through the keyboard."""

from __future__ import annotations

from shell_helpers import burst, settle, until
from textual.widgets import Button, Checkbox, Input, OptionList, Select, SelectionList, TextArea

from model.readiness import readiness_gaps
from model.store import Store
from tests.tui.meeting.conftest import meeting_for, open_app
from tests.tui.meeting.walk import body
from tui.screens.meeting.attendance import PresenceRow
from tui.screens.meeting.base import StepBody, field_id
from tui.screens.meeting.conversation import ActionCard


async def test_follow_up_lists_earlier_actions_first_and_stores_status_and_result(db):
    mid = meeting_for(db, "uppfoljande_lotsmote")
    before = Store(db).get_meeting(mid)
    carried = [a for a in before.actions if a.carried_from_id is not None]
    assert len(carried) == 4  # the demo's open actions, the family's own included
    app = open_app(db, mid)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        await app.screen.go_to("dialog")
        await pilot.press("f8")  # a new action, which must come after the earlier ones
        await pilot.pause(0.3)
        cards = list(body(app).query(ActionCard))
        assert [c.action.id for c in cards[:4]] == [a.id for a in carried]
        assert cards[4].action.carried_from_id is None
        first = carried[0]
        status = body(app).query_one(f"#{field_id(f'action:{first.id}:status')}", Select)
        status.focus()
        await pilot.press("enter", "down", "enter")  # pågår -> genomförd
        result = body(app).query_one(f"#{field_id(f'action:{first.id}:result')}", TextArea)
        result.focus()
        await pilot.press(*"Elsa går halva dagar nu")
        goal = next(g for g in before.goals if g.carried_from_id is not None)
        progress = body(app).query_one(f"#f-goal-{goal.id}-progress", Input)
        progress.focus()
        await pilot.press(*"halvvägs")
        await pilot.pause(0.8)
    view = Store(db).get_meeting(mid)
    action = next(a for a in view.actions if a.id == first.id)
    assert action.status == "done"
    assert action.result == "Elsa går halva dagar nu"
    assert next(g for g in view.goals if g.id == goal.id).progress == "halvvägs"


async def _fix_focused(pilot, app, gap) -> None:
    w = app.focused
    assert w is not None, gap
    if isinstance(w, PresenceRow):
        await pilot.press("n")
    elif isinstance(w, Checkbox | SelectionList):
        await pilot.press("space")
    elif isinstance(w, Button):
        await pilot.press("enter")
    elif isinstance(w, Select):  # a huvudman: open the list, take the first real choice
        await pilot.press("enter", "down", "enter")
    elif isinstance(w, Input):
        if w.id == "f-consent":
            await burst(pilot, *"Maria")
            await pilot.press("enter")
        elif w.id and w.id.endswith("held_on"):
            await burst(pilot, *"2026-03-02")  # held the day it was planned
        elif w.id and w.id.endswith(("follow_up_on", "next_date")):
            await burst(pilot, *"2031-05-04")
        else:
            await burst(pilot, *"ifyllt")
    elif isinstance(w, TextArea):
        await burst(pilot, *"ifyllt")
    else:
        raise AssertionError(f"{gap.message}: focus on {w!r}")
    await settle(pilot)


async def test_each_gap_jumps_to_its_field_and_disappears_when_filled(db):
    mid = meeting_for(db, "forsta_natverksmote")
    store = Store(db)
    # A walk-in from an agency the consent does not cover, and an empty action.
    store.start_meeting(mid)
    store.add_walk_in(mid, "Eva Holm", "Fritidsgården", "Ledare")
    store.add_action(mid, what="")
    first_gaps = {(g.step_id, g.field) for g in readiness_gaps(store.get_meeting(mid))}
    assert len(first_gaps) > 10
    app = open_app(db, mid)
    fixed: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.screen.query(StepBody), "the meeting guide")
        await settle(pilot)
        closing = app.screen.steps[-1].id
        for _ in range(60):
            await app.screen.go_to(closing)
            await settle(pilot)
            stored = readiness_gaps(store.get_meeting(mid))
            if not stored:
                break
            gap_list = body(app).query_one("#gap-list", OptionList)
            gap_list.focus()
            gap_list.highlighted = 0
            # The list is read again off the loop when a field loses focus: press Enter on
            # its first line once it shows the gaps as stored (a user sees the same list).
            await until(pilot, lambda: body(app).gaps == stored, "the gap list as stored")  # noqa: B023
            await settle(pilot)
            gap = body(app).gaps[0]
            await pilot.press("enter")
            await settle(pilot)
            await until(pilot, lambda: app.screen.current == gap.step_id, gap)  # noqa: B023
            assert app.screen.current == gap.step_id, gap
            focused = app.focused
            assert focused is not None and (focused.id or "").startswith(field_id(gap.field)), (
                gap,
                focused,
            )
            await _fix_focused(pilot, app, gap)
            app.flush_saves()
            await settle(pilot)
            after = {(g.step_id, g.field) for g in readiness_gaps(store.get_meeting(mid))}
            assert (gap.step_id, gap.field) not in after, gap.message
            fixed.append(gap.message)
    assert readiness_gaps(store.get_meeting(mid)) == []
    assert any("Samtycket täcker inte" in m for m in fixed)
    assert any("saknar ansvarig verksamhet" in m for m in fixed)


async def test_deleting_asks_first_and_ending_returns_to_the_cases(db):
    mid = meeting_for(db, "uppfoljande_lotsmote")
    app = open_app(db, mid)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        await app.screen.go_to("dialog")
        await pilot.press("f8")
        await pilot.pause(0.3)
        await pilot.press(*"ta bort mig")
        count = len(Store(db).get_meeting(mid).actions)
        await pilot.press("f9")
        await pilot.pause(0.2)
        await pilot.press("n")  # Nej: nothing is deleted
        await pilot.pause(0.2)
        assert len(Store(db).get_meeting(mid).actions) == count
        await pilot.press("f9")
        await pilot.pause(0.2)
        await pilot.press("j")
        await pilot.pause(0.3)
        assert len(Store(db).get_meeting(mid).actions) == count - 1
        guide = app.screen
        await guide.go_to(guide.steps[-1].id)
        await pilot.pause(0.2)
        body(app).query_one("#end-meeting", Button).press()
        await pilot.pause(0.2)
        await pilot.press("j")
        await pilot.pause(0.3)
        assert app.screen is not guide
    assert Store(db).get_meeting(mid).ended_at is not None


async def test_closing_the_case_with_reason_and_family_told(db):
    mid = meeting_for(db, "uppfoljande_lotsmote")
    app = open_app(db, mid)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        await app.screen.go_to("uppfoljning", "f-closing_reason")
        await pilot.pause(0.2)
        await pilot.press(*"Målen är nådda")
        await pilot.press("tab", *"Ring samordnaren på 0920-123 45")
        await pilot.press("tab", "space")  # the family knows what to do if things get worse
        await pilot.pause(0.2)
        body(app).query_one("#close-case", Button).press()
        await pilot.pause(0.2)
        await pilot.press("j")
        await pilot.pause(0.3)
        gaps = [g.message.lower() for g in body(app).gaps]
        assert not any("nästa möte" in g for g in gaps)
        assert not any("sämre igen" in g for g in gaps)
    case = Store(db).get_meeting(mid).case
    assert case.status == "closed"
    assert case.closing_reason == "Målen är nådda"
    assert case.family_told_if_worse
    assert case.if_worse_plan == "Ring samordnaren på 0920-123 45"
