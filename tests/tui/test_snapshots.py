"""SVG snapshots of the start screen (empty and demo), a case and the planning screen at 80×24
and 120×40. The demo is written with a fixed 'today' so the pictures never change by date."""

from __future__ import annotations

import pytest
from shell_helpers import TODAY, make_app

from model.store import Store

SIZES = [(80, 24), (120, 40)]


def _app(db):  # noqa: ANN001, ANN202
    app = make_app(db)
    app.today = lambda: TODAY
    return app


async def _still(pilot) -> None:  # noqa: ANN001
    """No blinking cursor in the picture."""
    await pilot.pause()
    for widget in pilot.app.screen.query("*"):
        if hasattr(widget, "cursor_blink"):
            widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_start_empty(snap_compare, db, size):
    assert snap_compare(_app(db), terminal_size=size, run_before=_still)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_start_demo(snap_compare, demo_db, size):
    assert snap_compare(_app(demo_db), terminal_size=size, run_before=_still)


@pytest.mark.parametrize("tab", ["1", "2", "3", "4", "5"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_case(snap_compare, demo_db, size, tab):
    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.press("enter", tab)
        await _still(pilot)

    assert snap_compare(_app(demo_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan_meeting(snap_compare, demo_db, size):
    meeting = Store(demo_db).case_meetings(Store(demo_db).case_ids()[0])[-1]

    async def run_before(pilot) -> None:  # noqa: ANN001
        pilot.app.plan_meeting(meeting.case.id, meeting.id)
        await _still(pilot)

    assert snap_compare(_app(demo_db), terminal_size=size, run_before=run_before)
