"""The input rules seen in the app: what they refuse is said in Swedish beside the field, and
a database written by an older Lotsen with dates no longer accepted (year 9999 or 0001) still
opens its planning screen."""

from __future__ import annotations

import datetime as dt

import pytest
from shell_helpers import make_app, screen_text
from textual.widgets import Input

from model.caselist import recent_cases
from model.store import Store
from tui.dialogs.form import FormDialog
from tui.screens.case import CaseScreen
from tui.screens.plan_meeting import PlanMeetingScreen, deadline_text


def test_deadline_text_for_a_date_no_deadline_can_be_counted_from():
    for agreed in (dt.date(9999, 12, 31), dt.date(1, 1, 1)):
        text, late = deadline_text("forsta_natverksmote", agreed, None, today=dt.date(2026, 3, 2))
        assert late
        assert text == (f"Lotsen kan inte räkna ut rutinens sista dag från {agreed}. "
                        "Kontrollera datumet då mötet bestämdes.")  # fmt: skip


async def test_planning_screen_opens_with_a_stored_year_9999(db):
    store = Store(db)
    case_id = store.create_case("Alva Lind")
    mid = store.plan_meeting(case_id, "forsta_natverksmote", agreed_on="2026-03-02",
                             planned_date="2026-03-10", next_date="2026-04-01")  # fmt: skip
    with db.transaction() as conn:  # as an older Lotsen stored "31/12 9999"
        conn.execute("UPDATE meeting SET agreed_on = '9999-12-31', planned_date = '0001-01-01', "
                     "next_date = '9999-12-31' WHERE id = ?", (mid,))  # fmt: skip
    assert store.get_meeting(mid).agreed_on == dt.date(9999, 12, 31)
    app = make_app(db)
    async with app.run_test(size=(110, 36)) as pilot:
        app.open_case(case_id)
        await pilot.pause()
        app.plan_meeting(case_id, mid)
        await pilot.pause()
        assert isinstance(app.screen, PlanMeetingScreen)
        shown = screen_text(app)
        assert "9999-12-31" in shown and "Planera" in shown
        assert "Rutinen: mötet ska hållas" in shown  # no deadline counted from year 9999
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code in (None, 0)


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("personnummer", "²²²²²²-²²²²", "Personnumret får bara innehålla siffrorna 0–9"),
        ("personnummer", "٢٠١٥٠٣١٢-٢٣٨٢", "Personnumret får bara innehålla siffrorna 0–9"),
        ("child_name", "\u2800\u200b\u00ad", "Barnets namn måste innehålla minst en bokstav."),
    ],
)
async def test_new_case_refuses_other_digits_and_invisible_names_in_swedish(db, field, typed,
                                                                            message):  # fmt: skip
    # "²²²²²²-²²²²" used to pass str.isdigit() and crash the new-case dialog.
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Alva Lind")
        box = app.screen.query_one(f"#f-{field}", Input)
        box.value = typed
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert message in screen_text(app)
        box.value = "20150312-2382" if field == "personnummer" else "Alva Lind"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
    assert [(r.child_name, r.personnummer) for r in recent_cases(db)] == [
        ("Alva Lind", "201503122382" if field == "personnummer" else None)
    ]
