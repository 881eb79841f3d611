"""How each step looks at 80×24 and 120×40 (fixed dates, frozen clock, no cursor blink)."""

from __future__ import annotations

import asyncio
import html
import re

import pytest

from model.clock import FixedClock
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
    store = Store(db, clock=CLOCK)
    populate(store, today=FIXED)
    store.update_meeting(2, planned_date=FIXED)
    store.start_meeting(2)
    for a in store.get_meeting(2).attendance:
        store.set_attendance(2, a.participant.id, status="present")
    return 2


# At 80x24 these steps hold editors whose scrollbar thumb and cursor cell settle on their own
# timers (seen differing between runs on a loaded machine): their picture is compared as the
# text on the screen, line by line, without the scrollbar column (a syrupy text snapshot).
TEXT_ONLY = {"professionerna", "dialog", "sammanfattning", "uppfoljning"}
CLOCK = FixedClock.on(FIXED)  # "startade <day>" and the readiness gaps are in the picture


def _svg_lines(svg: str) -> list[str]:
    lines: dict[float, list[str]] = {}
    for y, content in re.findall(r'<text[^>]*?y="([\d.]+)"[^>]*>(.*?)</text>', svg, re.S):
        lines.setdefault(float(y), []).append(html.unescape(re.sub(r"<[^>]+>", "", content)))
    return [re.sub(r"\s+", "", "".join(parts)).rstrip("▁▂▃▄▅▆▇█") for _, parts in
            sorted(lines.items())]  # fmt: skip


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("step_id", FOLLOW_UP_STEPS)
def test_follow_up_step(db, snap_compare, snapshot, step_id, size):
    app = open_app(db, _follow_up(db), clock=CLOCK)

    async def run_before(pilot):
        await pilot.pause(0.2)
        await app.screen.go_to(step_id)
        # The guide scrolls the focused field into view on a 0.05 s timer: wait well past it
        # (a loaded CI machine ran it after the picture, moving only the scrollbar).
        await pilot.pause(0.8)
        # Where the scroll stops depends on when the fields finished their layout: the
        # picture is taken from the top of the step, the same every time.
        # No field focused either: a focused editor's cursor and height settle on their own
        # timers, which made these pictures differ from run to run on a loaded machine.
        app.screen.set_focus(None)
        await pilot.pause(0.3)
        app.screen.query_one("#main").scroll_home(animate=False, immediate=True)
        _still(app)
        await pilot.pause(0.3)

    if size == (80, 24) and step_id in TEXT_ONLY:

        async def shown() -> list[str]:
            async with app.run_test(size=size) as pilot:
                await run_before(pilot)
                return _svg_lines(app.export_screenshot())

        assert asyncio.run(shown()) == snapshot
        return

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("step_id", ["problemanalys", "sprakror", "gastlista"])
def test_vastbas_text_step(db, snap_compare, snapshot, step_id, size):
    store = Store(db)
    cid, people = fresh_case(store)
    mid = store.plan_meeting(cid, "vastbas_formote", planned_date=FIXED, invitee_ids=people)
    app = open_app(db, mid, clock=CLOCK)

    async def run_before(pilot):
        await pilot.pause(0.2)
        await app.screen.go_to(step_id)
        # The guide scrolls the focused field into view on a 0.05 s timer: wait well past it
        # (a loaded CI machine ran it after the picture, moving only the scrollbar).
        await pilot.pause(0.8)
        # Where the scroll stops depends on when the fields finished their layout: the
        # picture is taken from the top of the step, the same every time.
        # No field focused either: a focused editor's cursor and height settle on their own
        # timers, which made these pictures differ from run to run on a loaded machine.
        app.screen.set_focus(None)
        await pilot.pause(0.3)
        app.screen.query_one("#main").scroll_home(animate=False, immediate=True)
        _still(app)
        await pilot.pause(0.3)

    if size == (80, 24):  # settling editors here too: compare the text (see TEXT_ONLY)

        async def shown() -> list[str]:
            async with app.run_test(size=size) as pilot:
                await run_before(pilot)
                return _svg_lines(app.export_screenshot())

        assert asyncio.run(shown()) == snapshot
        return

    assert snap_compare(app, terminal_size=size, run_before=run_before)
