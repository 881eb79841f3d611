"""How each step looks at 80×24 and 120×40 (fixed dates, frozen clock, no cursor blink)."""

from __future__ import annotations

import pytest

from model.demo import populate
from model.store import Store
from tests.tui.meeting.conftest import FIXED, fresh_case, open_app

FOLLOW_UP_STEPS = ["presentation", "inledning", "familjen", "professionerna", "fragestund",
                   "dialog", "sammanfattning", "uppfoljning"]  # fmt: skip
SIZES = [(80, 24), (120, 40)]


def _still(app) -> None:
    for w in app.screen.query("Input, TextArea"):
        w.cursor_blink = False


def _follow_up(db) -> int:
    store = Store(db)
    populate(store, today=FIXED)
    store.update_meeting(2, planned_date=FIXED)
    store.start_meeting(2)
    for a in store.get_meeting(2).attendance:
        store.set_attendance(2, a.participant.id, status="present")
    return 2


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("step_id", FOLLOW_UP_STEPS)
def test_follow_up_step(db, snap_compare, step_id, size):
    app = open_app(db, _follow_up(db))

    async def run_before(pilot):
        await pilot.pause(0.2)
        await app.screen.go_to(step_id)
        await pilot.pause(0.3)
        _still(app)
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("step_id", ["problemanalys", "sprakror", "gastlista"])
def test_vastbas_text_step(db, snap_compare, step_id, size):
    store = Store(db)
    cid, people = fresh_case(store)
    mid = store.plan_meeting(cid, "vastbas_formote", planned_date=FIXED, invitee_ids=people)
    app = open_app(db, mid)

    async def run_before(pilot):
        await pilot.pause(0.2)
        await app.screen.go_to(step_id)
        await pilot.pause(0.3)
        _still(app)
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
