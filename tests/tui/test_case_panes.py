"""Each tab of the Ärende screen has its own keys: the footer shows the tab's keys (from the tab
row and with focus in the tab), e works where it applies, and F1 lists them."""

from __future__ import annotations

import pytest
from shell_helpers import make_app, screen_text

from model.store import Store
from tui.dialogs.form import FormDialog
from tui.dialogs.help import HelpScreen
from tui.screens.plan_meeting import PlanMeetingScreen


def _footer(app) -> str:  # noqa: ANN001
    return screen_text(app).splitlines()[-1]


# tab key -> what the footer shows (and what it must not), from the tab row
TAB_KEYS = {
    "1": (["a Ny vårdnadshavare"], ["Ta bort", "Ändra"]),
    "2": (["a Lägg till", "e Ändra", "Del Ta bort"], []),
    "3": (["a Nytt samtycke", "Del Återkalla"], ["Ändra"]),
    "4": (["a Ny deltagare"], ["Del ", "Ändra"]),
    "5": (["e Ändra planeringen", "Del Flytta/ställ in"], ["Lägg till"]),
    "6": (["a Ny avvikelse"], ["Del ", "Ändra"]),
}


@pytest.mark.parametrize("tab", TAB_KEYS)
async def test_the_footer_shows_the_keys_of_the_tab(demo_db, tab):
    app = make_app(demo_db)
    shown, hidden = TAB_KEYS[tab]
    async with app.run_test(size=(140, 30)) as pilot:
        app.open_case(Store(demo_db).case_ids()[0])
        await pilot.pause()
        await pilot.press(tab)
        await pilot.pause()
        footer = _footer(app)
        assert all(k in footer for k in shown), footer
        assert not any(k in footer for k in hidden), footer
        if tab in ("2", "3", "5"):  # into the tab's list: the same keys, first in the line
            await pilot.press("tab")
            await pilot.pause()
            footer = _footer(app)
            assert all(k in footer for k in shown), footer
            assert footer.index(shown[0]) < footer.index("Esc Tillbaka"), footer


async def test_e_changes_the_person_in_the_network(demo_db):
    store = Store(demo_db)
    case_id = store.case_ids()[0]
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        await pilot.press("2", "tab", "down", "down", "e")  # Karin Ek, after two guardians
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("tab", "tab", "ctrl+u", *"Biträdande rektor", "escape")
        await pilot.pause()
        assert "Biträdande rektor" in screen_text(app)
    karin = next(p for p in store.get_case(case_id).participants if p.name == "Karin Ek")
    assert karin.role == "Biträdande rektor"


async def test_e_from_the_tab_row_opens_the_planning_of_the_selected_meeting(demo_db):
    store = Store(demo_db)
    case_id = store.case_ids()[0]
    meetings = store.case_meetings(case_id)
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        await pilot.press("5", "tab", "down", "shift+tab")  # the second meeting, then back up
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PlanMeetingScreen)
        assert app.screen.meeting_id == meetings[1].id


async def test_e_on_a_held_meeting_says_so_and_opens_no_planning(demo_db):
    """A held meeting is what it was: its planning form is not opened to change it."""
    store = Store(demo_db)
    case_id = store.case_ids()[0]
    held = store.case_meetings(case_id)[0]
    assert held.status == "held"
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        await pilot.press("5", "tab", "e")  # the first meeting, the held one
        await pilot.pause()
        assert not isinstance(app.screen, PlanMeetingScreen)
        assert any("Mötet är hållet" in str(n.message) for n in app._notifications)
    assert store.get_meeting(held.id).planned_date == held.planned_date


@pytest.mark.parametrize(("tab", "rows"), [
    ("5", ["| e | Ändra planeringen |", "| Delete, x | Flytta/ställ in |"]),
    ("3", ["| a | Nytt samtycke |", "| Delete, x | Återkalla |"]),
])  # fmt: skip
async def test_f1_lists_the_keys_of_the_tab(demo_db, tab, rows):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_case(Store(demo_db).case_ids()[0])
        await pilot.pause()
        await pilot.press(tab, "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(f"| {keys} | {what} |" for keys, what in app.screen.keys)
    assert all(row in text for row in rows), text
    assert "Ny vårdnadshavare" not in text  # another tab's key
