"""One clock in the app: LotsenApp(clock=...) decides the year of a date typed without one on
the planning screen, as in what the store saves (tests/model/test_one_clock.py for the rest)."""

from __future__ import annotations

import datetime as dt

from shell_helpers import make_app, screen_text, until
from textual.widgets import Input

from model.clock import FixedClock
from model.store import Store
from tui.screens.plan_meeting import PlanMeetingScreen

DAY = dt.date(2030, 3, 1)


async def test_a_date_typed_without_a_year_on_the_planning_screen_is_in_the_clock_s_year(db):
    store = Store(db, clock=FixedClock.on(DAY))
    case_id = store.create_case("Alva Lind", routine_id="forsta_natverksmote_vastbus")
    app = make_app(db, clock=FixedClock.on(DAY))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanMeetingScreen)
        # set_focus: at once (focus() waits for the next turn, and the keys could go first).
        screen.set_focus(screen.query_one("#m-agreed_on", Input))
        await pilot.press("ctrl+a", "ctrl+k", *"1/3")
        screen.set_focus(screen.query_one("#m-planned_date", Input))
        await pilot.press("ctrl+a", "ctrl+k", *"23/11")
        # The routine's deadline counted from 1 March 2030: 23 November is too late.
        warning = "Varning: 2030-11-23 är senare än rutinen tillåter"
        await until(pilot, lambda: warning in screen_text(app), warning)
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
    (meeting,) = store.case_meetings(case_id)
    assert (meeting.agreed_on, meeting.planned_date) == (DAY, dt.date(2030, 11, 23))
