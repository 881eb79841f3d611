"""A planned meeting can be moved (new date, the reason, the old date kept) or cancelled (kept,
shown as Inställt, never started or counted as held); a closed case plans nothing new."""

from __future__ import annotations

from shell_helpers import make_app, screen_text

from model.store import Store


async def _on_meetings_tab(app, pilot) -> None:  # noqa: ANN001
    app.open_case(1)
    await pilot.pause(0.3)
    await pilot.press("5")  # Möten
    await pilot.pause()
    app.screen.query_one("#meeting-table").focus()
    await pilot.pause()


async def test_move_then_cancel_a_planned_meeting_by_keyboard(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await _on_meetings_tab(app, pilot)
        await pilot.press("down")  # the planned follow-up (row 2)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("enter")  # "Flytta det till ett nytt datum" is first
        await pilot.pause()
        await pilot.press(*"2026-03-12", "tab", *"13.30", "tab", *"Rektorn sjuk", "enter")
        await pilot.pause(0.3)
        moved = Store(demo_db).get_meeting(2)
        assert (str(moved.planned_date), moved.planned_time) == ("2026-03-12", "13.30")
        assert str(moved.moved_from) == "2026-03-05" and moved.move_reason == "Rektorn sjuk"

        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("down", "enter")  # Ställa in
        await pilot.pause()
        await pilot.press(*"Familjen sjuk; nytt datum bestäms", "enter")
        await pilot.pause(0.3)
        assert "Inställt" in screen_text(app)
        await pilot.press("enter")  # Enter on a cancelled meeting: refused, no guide
        await pilot.pause(0.3)
        assert app.screen.__class__.__name__ == "CaseScreen"
    cancelled = Store(demo_db).get_meeting(2)
    assert cancelled.status == "cancelled" and cancelled.started_at is None
    assert cancelled.cancel_reason == "Familjen sjuk; nytt datum bestäms"


async def test_a_closed_case_plans_nothing_new(demo_db):
    store = Store(demo_db)
    store.close_case(1, "Målen nådda", True)
    before = [m.id for m in store.case_meetings(1)]
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.plan_meeting(1)
        await pilot.pause(0.3)
        assert any("Ärendet är avslutat" in str(n.message) for n in app._notifications)
        assert app.screen.__class__.__name__ != "PlanMeetingScreen"
    assert [m.id for m in Store(demo_db).case_meetings(1)] == before
